package dk.partnerships.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.client.api.AuditApi;
import dk.partnerships.client.api.DashboardsApi;
import dk.partnerships.client.api.PartnershipsApi;
import dk.partnerships.client.api.RecordingApi;
import dk.partnerships.client.model.AddReadinessItem;
import dk.partnerships.client.model.HistoryEntry;
import dk.partnerships.client.model.ImplementationGap;
import dk.partnerships.client.model.LifecycleDashboard;
import dk.partnerships.client.model.PartnershipDetail;
import dk.partnerships.client.model.PartnershipKind;
import dk.partnerships.client.model.PartnershipStatus;
import dk.partnerships.client.model.PartnershipWritten;
import dk.partnerships.client.model.PilotOutcome;
import dk.partnerships.client.model.Problem;
import dk.partnerships.client.model.ProposePartnership;
import dk.partnerships.client.model.ReadinessType;
import dk.partnerships.client.model.RecordAward;
import dk.partnerships.client.model.RecordEvaluation;
import dk.partnerships.client.model.RecordLesson;
import dk.partnerships.client.model.RecordPilotOutcome;
import dk.partnerships.client.model.ResolveReadinessItem;
import dk.partnerships.client.model.Stage;
import dk.partnerships.client.model.TransitionStage;
import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.KafkaBroker;
import dk.partnerships.testsupport.ServedApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * An integrator's walk with nothing but the client generated from the served OpenAPI document: a partnership from
 * idea to completion, its history and verification, the dashboards, and the two refusals a client must handle by
 * code — a lifecycle rule (409) and a stale version (412) — read as the document's typed Problem.
 */
class GeneratedClientWalkTest {

    @TempDir
    static Path folder;
    static ChildProcess product;
    static String base;

    @BeforeAll
    static void startTheProduct() throws Exception {
        int port = KafkaBroker.freePort();
        product = ServedApiDocument.startStandalone(Path.of(System.getProperty("standalone.jar")), folder, port);
        base = "http://localhost:" + port;
    }

    @AfterAll
    static void stopTheProduct() {
        if (product != null) {
            product.stop();
        }
    }

    /** A client signed in with HTTP Basic as one of the demo accounts (password = user name). */
    static ApiClient signedInAs(String user, String language) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", basic).header("Accept-Language", language));
        return client;
    }

    @Test
    void an_integrator_walks_a_partnership_from_idea_to_completion_and_meets_409_and_412_as_typed_problems()
            throws Exception {
        RecordingApi recording = new RecordingApi(signedInAs("lead", "en"));
        PartnershipsApi partnerships = new PartnershipsApi(signedInAs("auditor", "en"));

        PartnershipWritten proposed = recording.proposePartnership(new ProposePartnership()
                .title("Flydende cykeldata").kind(PartnershipKind.OPI).department("TMF").lead("Mette Holm")
                .need("Data om cykeltrafikken i realtid").partners(List.of("Cykeldata ApS"))
                .expectedValueDkk(new BigDecimal("850000")), "walk-propose-1", null);
        String id = proposed.getId().toString();
        assertThat(proposed.getStage()).isEqualTo(Stage.IDEA);
        assertThat(proposed.getVersion()).isEqualTo(1L);

        PartnershipWritten written = recording.moveToStage(id, new TransitionStage().to(Stage.MARKET_DIALOGUE),
                etag(proposed), null, null);
        written = recording.moveToStage(id, new TransitionStage().to(Stage.TENDER), etag(written), null, null);
        written = recording.recordAward(id, new RecordAward().supplier("Cykeldata ApS")
                .valueDkk(new BigDecimal("850000")).buyers(List.of("Københavns Kommune")), etag(written), null, null);
        written = recording.moveToStage(id, new TransitionStage().to(Stage.PILOT), etag(written), null, null);
        written = recording.recordPilotOutcome(id, new RecordPilotOutcome().outcome(PilotOutcome.SUCCEEDED)
                .findings("Data kom hvert minut"), etag(written), null, null);
        written = recording.addReadinessItem(id, new AddReadinessItem().type(ReadinessType.COMPETENCE)
                .description("Analytikere skal kunne læse dataformatet").owner("TMF Data"), etag(written), null, null);
        String itemId = written.getItemId().toString();
        written = recording.resolveReadinessItem(id, itemId, new ResolveReadinessItem().note("Kursus gennemført"),
                etag(written), null, null);
        written = recording.moveToStage(id, new TransitionStage().to(Stage.IMPLEMENTATION), etag(written), null, null);
        written = recording.recordLesson(id, new RecordLesson().text("Afklar dataformatet før udbuddet")
                .tags(List.of("data")), etag(written), null, null);
        assertThat(written.getLessonId()).isNotNull();
        written = recording.moveToStage(id, new TransitionStage().to(Stage.EVALUATION), etag(written), null, null);
        PartnershipWritten evaluated = recording.recordEvaluation(id, new RecordEvaluation().summary("I drift i hele byen")
                .benefitsExpected("Bedre planlægning").benefitsRealised("To ruter omlagt"), etag(written), null, null);
        PartnershipWritten completed = recording.completePartnership(id, etag(evaluated), null, null, null);
        assertThat(completed.getStatus()).isEqualTo(PartnershipStatus.COMPLETED);

        // 412: a write against the version before the last one.
        ApiException stale = catchThrowableOfType(ApiException.class, () -> recording.recordLesson(id,
                new RecordLesson().text("Sent"), etag(evaluated), null, null));
        assertThat(stale.getCode()).isEqualTo(412);
        Problem staleProblem = problem(stale);
        assertThat(staleProblem.getCode()).isEqualTo(Problem.CodeEnum.STALE_VERSION);
        assertThat(staleProblem.getDetail()).contains("version " + completed.getVersion());

        // 409: the lifecycle rules refuse any stage change after completion; nothing is appended.
        ApiException closed = catchThrowableOfType(ApiException.class, () -> recording.moveToStage(id,
                new TransitionStage().to(Stage.PILOT).reason("Once more"), etag(completed), null, null));
        assertThat(closed.getCode()).isEqualTo(409);
        Problem closedProblem = problem(closed);
        assertThat(closedProblem.getCode()).isEqualTo(Problem.CodeEnum.PARTNERSHIP_CLOSED);
        assertThat(closedProblem.getType()).isEqualTo(java.net.URI.create("urn:partnerships:problem:partnership-closed"));
        assertThat(closedProblem.getTitle()).isEqualTo("The partnership is closed");

        // Reads: the state (read-your-writes by version), its history, its hash chain, the dashboards.
        PartnershipDetail detail = partnerships.getPartnership(id, completed.getVersion(), null, null);
        assertThat(detail.getStatus()).isEqualTo(PartnershipStatus.COMPLETED);
        assertThat(detail.getStage()).isEqualTo(Stage.EVALUATION);
        assertThat(detail.getAward().getSupplier()).isEqualTo("Cykeldata ApS");
        assertThat(detail.getPilotOutcome().getOutcome()).isEqualTo(PilotOutcome.SUCCEEDED);
        assertThat(detail.getReadinessItems()).singleElement().satisfies(item -> assertThat(item.getResolved()).isTrue());
        assertThat(detail.getEvaluation().getBenefitsRealised()).isEqualTo("To ruter omlagt");

        // The history is its own read model; it may be a moment behind the summary.
        List<HistoryEntry> history = await().atMost(Duration.ofSeconds(10)).until(() -> partnerships.getHistory(id),
                entries -> entries.size() >= completed.getVersion());
        assertThat(history).hasSize(completed.getVersion().intValue());
        assertThat(history.get(0).getType()).isEqualTo("PartnershipProposedEvent");
        assertThat(history.get(history.size() - 1).getType()).isEqualTo("PartnershipCompletedEvent");

        assertThat(new AuditApi(signedInAs("auditor", "en")).verifyPartnership(id).getValid()).isTrue();

        DashboardsApi dashboards = new DashboardsApi(signedInAs("manager", "da"));
        LifecycleDashboard lifecycle = dashboards.lifecycleDashboard("TMF", null, null, id, completed.getVersion(),
                null, null, null);
        assertThat(lifecycle.getConversionCounts().get("PILOT").getEntered()).isEqualTo(1);
        assertThat(lifecycle.getConversionCounts().get("PILOT").getWentOn()).isEqualTo(1);
        ImplementationGap gap = dashboards.implementationGap(0, null, "TMF", id, completed.getVersion(), null, null, null);
        assertThat(gap.getPilotToImplementationCounts().get("TMF").getImplemented()).isEqualTo(1);
    }

    @Test
    void a_refusal_speaks_the_language_asked_for() throws Exception {
        RecordingApi danish = new RecordingApi(signedInAs("lead", "da"));
        ApiException unknown = catchThrowableOfType(ApiException.class, () -> danish.moveToStage(
                "00000000-0000-0000-0000-000000000000", new TransitionStage().to(Stage.TENDER), null, null, null));
        assertThat(unknown.getCode()).isEqualTo(404);
        Problem problem = problem(unknown);
        assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.PARTNERSHIP_NOT_FOUND);
        assertThat(problem.getTitle()).isEqualTo("Partnerskabet findes ikke");
    }

    private static String etag(PartnershipWritten written) {
        return "\"" + written.getVersion() + "\"";
    }

    private static Problem problem(ApiException refusal) throws Exception {
        assertThat(refusal.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        return new ObjectMapper().findAndRegisterModules().readValue(refusal.getResponseBody(), Problem.class);
    }
}
