package dk.partnerships.command.http;

import dk.partnerships.command.eventstore.EventStoreConfiguration;
import dk.partnerships.command.partnership.Partnership;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.DeserializationFeature;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** The write side: the aggregate, the HTTP API and what they need. Everything is listed, nothing scanned. */
@AutoConfiguration(after = EventStoreConfiguration.class)
@EnableConfigurationProperties(CommandSideProperties.class)
@Import({Partnership.class, PartnershipWriteController.class, dk.partnerships.command.departments.DepartmentsConfiguration.class, CommandSender.class, IdempotencyStore.class,
        dk.partnerships.command.audit.AuditConfiguration.class, dk.partnerships.command.backup.BackupController.class,
        WriteProblemHandler.class, dk.partnerships.command.people.PeopleConfiguration.class})
public class CommandSideConfiguration {

    /**
     * Strict reading of request bodies: an unknown field is refused rather than silently dropped, so a client's
     * typo ("efectiveDate") is a 400, not a write with today's date.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequestReading() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A wrong type is refused, not converted: {"title": 123} or {"valueDkk": "1000"} is a client's bug.
                .disable(tools.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(tools.jackson.databind.type.LogicalType.Textual, text -> text
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Integer, tools.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Float, tools.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Boolean, tools.jackson.databind.cfg.CoercionAction.Fail))
                // A date is a date: "2024-02-01T10:00:00Z" is refused, not cut to its day (the API document says date).
                .withConfigOverride(java.time.LocalDate.class, date -> date.setFormat(
                        com.fasterxml.jackson.annotation.JsonFormat.Value.forLeniency(false)));
    }

    /**
     * The partnerships last used, kept between commands so a command does not replay its partnership's stream (the
     * aggregate names this bean); how often it hits is a metric.
     */
    @Bean
    dk.partnerships.command.partnership.BoundedAggregateCache partnershipCache(
            CommandSideProperties properties, org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        var cache = new dk.partnerships.command.partnership.BoundedAggregateCache(properties.aggregateCacheSize());
        meters.ifAvailable(registry -> {
            io.micrometer.core.instrument.FunctionCounter.builder("partnerships.aggregate.cache.gets", cache,
                    c -> c.hits()).tag("result", "hit").description("Commands that found their partnership in memory").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("partnerships.aggregate.cache.gets", cache,
                    c -> c.misses()).tag("result", "miss").description("Commands that replayed their partnership's events").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("partnerships.aggregate.cache.evictions", cache,
                    c -> c.evictions()).description("Partnerships dropped to stay within the bound").register(registry);
            io.micrometer.core.instrument.Gauge.builder("partnerships.aggregate.cache.size", cache, c -> c.size())
                    .description("Partnerships in memory").register(registry);
        });
        return cache;
    }

    /** "Today" for effective dates is decided in the municipality's time zone, not the server's. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(CommandSideProperties properties) {
        return Clock.system(properties.timeZone());
    }

    /** The write bodies' text rules in the API document. */
    @Bean
    WriteRequestSchemas writeRequestSchemas() {
        return new WriteRequestSchemas();
    }

    /** The write side's answers Spring cannot see, for its API document (ApiDocument). */
    @Bean
    dk.partnerships.security.ApiSchemas writeSideSchemas() {
        return new dk.partnerships.security.ApiSchemas("openapi/write-side.yaml", java.util.List.of(
                dk.partnerships.events.Stage.class, dk.partnerships.events.PartnershipStatus.class));
    }
}
