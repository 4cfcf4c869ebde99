package dk.partnerships.benchmarks;

import dk.partnerships.testsupport.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product's own record of how long events waited before the read models held them
 * ({@code partnerships_projection_lag_seconds}, a histogram per read model), read from {@code /actuator/prometheus}
 * before and after a step: the difference is the step's events alone.
 */
final class ProjectionLagHistogram {

    private static final Pattern BUCKET = Pattern.compile(
            "^partnerships_projection_lag_seconds_bucket\\{(.*)}\\s+(\\S+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final Pattern PROJECTION = Pattern.compile("projection=\"([^\"]+)\"");

    /** Per read model, the cumulative count of events per upper bound in seconds. */
    private final Map<String, TreeMap<Double, Double>> cumulative;

    private ProjectionLagHistogram(Map<String, TreeMap<Double, Double>> cumulative) {
        this.cumulative = cumulative;
    }

    /** Scrapes the product as its demo administrator (the metrics are for ADMIN). */
    static ProjectionLagHistogram scrape(int port) {
        Http.Response answer = new Http(port, "admin", "admin").get("/actuator/prometheus");
        Map<String, TreeMap<Double, Double>> cumulative = new TreeMap<>();
        if (answer.status() == 200) {
            for (String line : answer.body().split("\n")) {
                Matcher bucket = BUCKET.matcher(line);
                if (!bucket.matches()) {
                    continue;
                }
                Matcher le = LE.matcher(bucket.group(1));
                Matcher projection = PROJECTION.matcher(bucket.group(1));
                if (le.find() && projection.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    cumulative.computeIfAbsent(projection.group(1), name -> new TreeMap<>())
                            .put(bound, Double.parseDouble(bucket.group(2)));
                }
            }
        }
        return new ProjectionLagHistogram(cumulative);
    }

    /**
     * The percentile of the events counted between {@code before} and this scrape, over every read model (the
     * slowest decides when all of them hold an event): the upper bound of the bucket it falls in, in
     * milliseconds; NaN without events.
     */
    double percentileSince(ProjectionLagHistogram before, double percentile) {
        List<Double> worst = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, Double>> readModel : cumulative.entrySet()) {
            TreeMap<Double, Double> earlier = before.cumulative.getOrDefault(readModel.getKey(), new TreeMap<>());
            double total = readModel.getValue().lastEntry().getValue()
                    - (earlier.isEmpty() ? 0 : earlier.lastEntry().getValue());
            if (total <= 0) {
                continue;
            }
            for (Map.Entry<Double, Double> bucket : readModel.getValue().entrySet()) {
                double count = bucket.getValue() - earlier.getOrDefault(bucket.getKey(), 0.0);
                if (count >= percentile / 100 * total) {
                    worst.add(bucket.getKey() * 1000);
                    break;
                }
            }
        }
        return worst.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
