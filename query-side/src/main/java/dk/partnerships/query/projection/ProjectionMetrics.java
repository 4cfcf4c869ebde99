package dk.partnerships.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code partnerships.events.projected} (events applied, per projection) and {@code partnerships.projection.lag}
 * (from the moment an event was recorded to the moment it was projected, per projection; quantiles and histogram).
 */
public class ProjectionMetrics {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> projected = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();

    public ProjectionMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void projected(String projection, ProjectedEvent event) {
        projected.computeIfAbsent(projection, name -> Counter.builder("partnerships.events.projected")
                .description("Events applied to a read model").tag("projection", name).register(meters)).increment();
        Duration delay = Duration.between(event.recordedAt(), clock.instant());
        lag.computeIfAbsent(projection, name -> Timer.builder("partnerships.projection.lag")
                        .description("Time from an event being recorded to it being projected")
                        .tag("projection", name).publishPercentiles(0.5, 0.99)
                        // Buckets too: unlike the quantiles, they add up across query-side instances and over any
                        // interval a scraper picks (the writes benchmark reads the lag of each step from them).
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(1)).register(meters))
                .record(delay.isNegative() ? Duration.ZERO : delay);
    }
}
