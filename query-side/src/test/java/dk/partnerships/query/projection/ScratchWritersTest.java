package dk.partnerships.query.projection;

import dk.partnerships.events.AdviceGivenEvent;
import dk.partnerships.events.AdviceRequestedEvent;
import dk.partnerships.events.AdviceTopic;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import dk.partnerships.events.TenderProcedure;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild writes each read model through its {@link ScratchWriter} (folds in memory and {@code COPY} for some, the
 * live statements for others). Whatever the writer, the scratch rows must equal, byte for byte, the rows the live
 * path wrote from the same events, including text that CSV and array literals have to escape.
 */
class ScratchWritersTest {

    /** Characters that COPY's CSV, a text[] literal or JSON must carry through unchanged. */
    private static final String AWKWARD = "\"Citat\", komma; back\\slash {klammer} NULL \\N\nny linje\ttab æøå €";

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static List<EventProjection> projections;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        ReadModelMigrations.migrate(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projections = List.of(new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()),
                new PartnershipHistoryProjector(jdbc), new LifecycleProjection(jdbc),
                new LessonProjection(jdbc, JsonMapper.builder().build()));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void every_read_model_written_by_its_scratch_writer_equals_the_live_rows_of_the_same_events() throws Exception {
        Random random = new Random(20261207L);
        List<List<ProjectedEvent>> streams = new ArrayList<>(GeneratedPortfolio.portfolio(random, 200));
        streams.add(awkwardPartnership());
        List<ProjectedEvent> events = new ArrayList<>(GeneratedPortfolio.interleaved(streams, random));
        // Kafka may hold an event twice: every read model applies it once, the rebuild's writers too.
        for (int i = 0; i < 50; i++) {
            int at = random.nextInt(events.size() - 1) + 1;
            ProjectedEvent again = events.get(random.nextInt(at));
            events.add(at, again);
        }

        NamedParameterJdbcTemplate batchJdbc = new NamedParameterJdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int from = 0; from < events.size(); from += 100) {
            List<ProjectedEvent> batch = events.subList(from, Math.min(events.size(), from + 100));
            transaction.executeWithoutResult(status -> projections.forEach(
                    projection -> ProjectionBatch.applyAll(batchJdbc, projection, batch)));
        }

        List<String> tables = projections.stream().flatMap(p -> p.tables().stream()).toList();
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_writers")) {
            Map<EventProjection, ScratchWriter> writers = new java.util.LinkedHashMap<>();
            for (EventProjection projection : projections) {
                writers.put(projection, projection.scratchWriter(scratch.openSession()));
            }
            // As a rebuild does: the tables of writers that only copy rows in lose their keys and indexes first.
            scratch.prepareForBulkWriting(tables, projections.stream().flatMap(p -> p.readerIndexes().stream()).toList(),
                    writers.entrySet().stream().filter(writer -> !writer.getValue().usesKeys())
                            .flatMap(writer -> writer.getKey().tables().stream()).toList());
            writers.forEach((projection, writer) -> {
                for (int from = 0; from < events.size(); from += 1000) {
                    writer.write(events.subList(from, Math.min(events.size(), from + 1000)));
                }
                writer.finish();
            });
            for (String table : tables) {
                assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM public." + table)
                        .query(Long.class).single()).as("rows in " + table).isPositive();
                assertThat(scratch.differences(table, 10)).as(table).isEmpty();
                // A row written twice would match its live row twice: the copies must also count the same.
                assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM scratch_writers." + table)
                        .query(Long.class).single()).as("rows in the copy of " + table)
                        .isEqualTo(JdbcClient.create(dataSource).sql("SELECT count(*) FROM public." + table)
                                .query(Long.class).single());
            }
            assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM scratch_writers.partnership_lesson")
                    .query(Long.class).single()).as("lessons copied").isPositive();
            assertThat(JdbcClient.create(dataSource).sql(
                            "SELECT text FROM scratch_writers.partnership_lesson WHERE lesson_id = 'awkward-lesson'")
                    .query(String.class).single()).isEqualTo(AWKWARD);
        }
    }

    @Test
    void a_copy_closed_without_finishing_leaves_nothing_and_the_connection_goes_on() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("CREATE TEMPORARY TABLE copied (id TEXT PRIMARY KEY, tags TEXT[])");
            try (CopyRows rows = CopyRows.into(connection, "copied", List.of("id", "tags"))) {
                rows.add("first", List.of(AWKWARD)).add("second", List.of());
            }
            try (CopyRows rows = CopyRows.into(connection, "copied", List.of("id", "tags"))) {
                rows.add("kept", List.of(AWKWARD, "")).add("empty", List.of()).add("none", null);
                assertThat(rows.finish()).isEqualTo(3);
            }
            var result = connection.createStatement().executeQuery(
                    "SELECT string_agg(id || '=' || coalesce(cardinality(tags)::text, 'null'), ' ' ORDER BY id), "
                            + "(SELECT tags[1] FROM copied WHERE id = 'kept') FROM copied");
            result.next();
            assertThat(result.getString(1)).isEqualTo("empty=0 kept=2 none=null");
            assertThat(result.getString(2)).isEqualTo(AWKWARD);
        }
    }

    private static List<ProjectedEvent> awkwardPartnership() {
        String id = "awkward";
        LocalDate on = LocalDate.of(2024, 2, 29);
        List<PartnershipEvent> events = List.of(
                new PartnershipProposedEvent(id, AWKWARD, PartnershipKind.OPP, "TMF", AWKWARD, AWKWARD, null, AWKWARD,
                        List.of(AWKWARD, "{\"a\",\"b\"}", ""), new BigDecimal("1234.5"), on),
                new StageAdvancedEvent(id, Stage.IDEA, Stage.MARKET_DIALOGUE, AWKWARD, on.plusDays(1)),
                new MarketContactRecordedEvent(id, "awkward-contact", AWKWARD, MarketContactForm.MEETING, AWKWARD,
                        AWKWARD, on.plusDays(2)),
                new MarketContactRecordedEvent(id, "quiet-contact", "Firma", MarketContactForm.MEETING, "Møde", null,
                        on.plusDays(2)),
                new ReadinessItemAddedEvent(id, "awkward-item", ReadinessType.COMPETENCE, AWKWARD, AWKWARD,
                        on.plusDays(3)),
                new LessonRecordedEvent(id, "awkward-lesson", AWKWARD, List.of(AWKWARD, "\\"),
                        Stage.MARKET_DIALOGUE, on.plusDays(4)),
                new AdviceRequestedEvent(id, "advice-1", AdviceTopic.PROCEDURE, AWKWARD, on.plusDays(5)),
                new AdviceRequestedEvent(id, "advice-2", AdviceTopic.LEGAL, "Ubesvaret", on.plusDays(5)),
                new StageAdvancedEvent(id, Stage.MARKET_DIALOGUE, Stage.TENDER, null, on.plusDays(6)),
                new TenderProcedureChosenEvent(id, TenderProcedure.COMPETITIVE_DIALOGUE, AWKWARD,
                        List.of("awkward-contact", "no-such-contact"), on.plusDays(6)),
                new AdviceGivenEvent(id, "advice-1", AWKWARD, on.plusDays(7)),
                new AwardRecordedEvent(id, AWKWARD, new BigDecimal("99.999"), List.of(AWKWARD), 2, true, on.plusDays(8)),
                new ReadinessItemResolvedEvent(id, "awkward-item", AWKWARD, on.plusDays(9)),
                new StageSkippedEvent(id, Stage.TENDER, Stage.IMPLEMENTATION, List.of(Stage.PILOT), AWKWARD,
                        on.plusDays(10)),
                new BenefitDeclaredEvent(id, "benefit-1", BenefitCategory.ECONOMY, AWKWARD, "kr.",
                        new BigDecimal("1000.12345"), on.plusDays(11)),
                new BenefitDeclaredEvent(id, "benefit-2", BenefitCategory.CLIMATE, "CO2", null, null, on.plusDays(11)),
                new BenefitFollowedUpEvent(id, "follow-up-1", "benefit-1", BenefitAssessment.PARTLY_ACHIEVED,
                        new BigDecimal("500"), AWKWARD, on.plusDays(12)),
                new BenefitFollowedUpEvent(id, "follow-up-2", "benefit-1", BenefitAssessment.ACHIEVED, null, null,
                        on.plusDays(13)),
                new StageRevertedEvent(id, Stage.IMPLEMENTATION, Stage.PILOT, AWKWARD, on.plusDays(14)),
                new StageAdvancedEvent(id, Stage.PILOT, Stage.IMPLEMENTATION, null, on.plusDays(15)),
                new PilotOutcomeRecordedEvent(id, PilotOutcome.values()[0], AWKWARD, on.plusDays(15)),
                new EvaluationRecordedEvent(id, AWKWARD, AWKWARD, null, on.plusDays(16)),
                new PartnershipPutOnHoldEvent(id, AWKWARD, on.plusDays(17)));
        List<ProjectedEvent> stream = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            stream.add(new ProjectedEvent(events.get(sequence), sequence,
                    // Half a microsecond: the JDBC driver rounds it up, PostgreSQL alone would round it to even.
                    Instant.parse("2026-01-01T00:00:00.123456500Z").plusSeconds(sequence),
                    Map.of("userId", AWKWARD, "userName", AWKWARD, "userRole", "PROJECT_LEAD",
                            "correlationId", "c-awkward", "commandId", "cmd-awkward-" + sequence)));
        }
        return stream;
    }
}
