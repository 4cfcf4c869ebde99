package dk.partnerships.query.summaries;

import dk.partnerships.query.lessons.Lesson;
import dk.partnerships.query.state.PartnershipState;
import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lessons.LessonsOfPartnership;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageSkippedEvent;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The summary projection against a real PostgreSQL: what each event does to the rows, and exactly-once by sequence. */
class PartnershipSummaryProjectorTest {

    private static final String ID = "9b0f3c1e-0000-4000-8000-000000000001";
    private static final LocalDate D0 = LocalDate.of(2024, 1, 10);
    private static final Instant RECORDED = Instant.parse("2024-06-01T10:00:00Z");

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static PartnershipSummaryProjector projector;
    private static LessonProjection lessons;
    private static NamedParameterJdbcTemplate batchJdbc;
    private static PartnershipReadRepository reads;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        ReadModelMigrations.migrate(postgres.getPostgresDatabase());
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        JsonMapper json = JsonMapper.builder().build();
        projector = new PartnershipSummaryProjector(jdbc, json);
        lessons = new LessonProjection(jdbc, json);
        batchJdbc = new NamedParameterJdbcTemplate(postgres.getPostgresDatabase());
        reads = new PartnershipReadRepository(jdbc, json,
                Clock.fixed(Instant.parse("2024-12-31T12:00:00Z"), ZoneOffset.UTC), ids -> java.util.Map.of(),
                LessonsOfPartnership.reading(jdbc, json));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        lessons.clear();
        projector.clear();
    }

    /** One event, as the feeds apply it (a batch of one). @return whether it changed the read model */
    private static boolean apply(ProjectedEvent event) {
        ProjectionBatch.applyAll(batchJdbc, lessons, List.of(event));
        return !ProjectionBatch.applyAll(batchJdbc, projector, List.of(event)).isEmpty();
    }

    private static ProjectedEvent at(long sequence, PartnershipEvent event) {
        return new ProjectedEvent(event, sequence, RECORDED, Map.of());
    }

    private static PartnershipProposedEvent proposed() {
        return new PartnershipProposedEvent(ID, "Aflåst cykelparkering", PartnershipKind.OPI, "TMF", "KK",
                "Mobilitet, TMF", null, "Forebyg cykeltyveri", List.of("Leverandør A"), new BigDecimal("1000000.50"), D0);
    }

    private PartnershipState detail() {
        return reads.find(ID).orElseThrow();
    }

    @Test
    void a_history_becomes_a_summary_with_its_items_and_lessons() {
        apply(at(0, proposed()));
        apply(at(1, new StageSkippedEvent(ID, Stage.IDEA, Stage.TENDER, List.of(Stage.MARKET_DIALOGUE), "kendt", D0.plusDays(10))));
        apply(at(2, new AwardRecordedEvent(ID, "Lås A/S", new BigDecimal("2000000"), List.of("KK"), 2, true, D0.plusDays(40))));
        apply(at(3, new StageAdvancedEvent(ID, Stage.TENDER, Stage.PILOT, null, D0.plusDays(50))));
        apply(at(4, new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "Drift", "Drift, TMF", D0.plusDays(60))));
        apply(at(5, new ReadinessItemResolvedEvent(ID, "i-1", "ok", D0.plusDays(90))));
        apply(at(6, new LessonRecordedEvent(ID, "l-1", "Tal med brugerne", List.of("brugere"), Stage.PILOT, D0.plusDays(91))));
        apply(at(7, new PartnershipPutOnHoldEvent(ID, "Budget", D0.plusDays(100))));

        PartnershipState detail = detail();
        assertThat(detail.stage()).isEqualTo("PILOT");
        assertThat(detail.status()).isEqualTo("ON_HOLD");
        assertThat(detail.statusReason()).isEqualTo("Budget");
        assertThat(detail.version()).isEqualTo(8L);
        assertThat(detail.stageEnteredOn()).isEqualTo(D0.plusDays(50));
        assertThat(detail.daysInStage()).isEqualTo(306L);   // 2024-02-29 to 2024-12-31
        assertThat(detail.partners()).containsExactly("Leverandør A");
        assertThat(detail.expectedValueDkk()).isEqualByComparingTo("1000000.50");
        assertThat(detail.award().supplier()).isEqualTo("Lås A/S");
        assertThat(detail.award().buyerCount()).isEqualTo(2);
        assertThat(detail.readinessItems()).singleElement().satisfies(item -> {
            assertThat(item.resolved()).isTrue();
            assertThat(item.daysOpen()).isEqualTo(30L);
        });
        assertThat(detail.lessons()).singleElement().satisfies(lesson -> {
            assertThat(lesson.stage()).isEqualTo(Stage.PILOT);
            assertThat(lesson.tags()).containsExactly("brugere");
        });
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        assertThat(apply(at(0, proposed()))).isTrue();
        assertThat(apply(at(1, new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0)))).isTrue();
        assertThat(apply(at(2, new LessonRecordedEvent(ID, "l-1", "x", List.of(), Stage.MARKET_DIALOGUE, D0)))).isTrue();
        PartnershipState before = detail();

        assertThat(apply(at(0, proposed()))).isFalse();
        assertThat(apply(at(1, new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0)))).isFalse();
        assertThat(apply(at(2, new LessonRecordedEvent(ID, "l-1", "x", List.of(), Stage.MARKET_DIALOGUE, D0)))).isFalse();

        assertThat(detail()).isEqualTo(before);
    }

    @Test
    void an_event_arriving_before_its_predecessor_is_refused_loudly() {
        apply(at(0, proposed()));
        assertThatThrownBy(() -> apply(at(2, new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its predecessor");
        assertThat(detail().version()).isEqualTo(1L);
        assertThat(detail().stage()).isEqualTo("IDEA");
    }

    @Test
    void filters_select_by_stage_status_department_and_kind() {
        apply(at(0, proposed()));
        assertThat(reads.list(new PartnershipReadRepository.Filter("IDEA", "ACTIVE", "TMF", "OPI", 10, 0))).hasSize(1);
        assertThat(reads.list(new PartnershipReadRepository.Filter(null, null, "SUF", null, 10, 0))).isEmpty();
        assertThat(reads.list(new PartnershipReadRepository.Filter("PILOT", null, null, null, 10, 0))).isEmpty();
        assertThat(reads.list(new PartnershipReadRepository.Filter(null, null, "TMF' OR '1'='1", null, 10, 0))).isEmpty();
    }
}
