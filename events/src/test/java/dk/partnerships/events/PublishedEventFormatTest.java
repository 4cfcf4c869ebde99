package dk.partnerships.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Approval test of the published format: each event's JSON is frozen in {@code src/test/resources/frozen-events}.
 * An accidental rename, removal or type change of a field fails here. A deliberate change needs a new
 * {@code @Revision} and an upcaster; then regenerate with {@code -Dfreeze-events=true} and review the diff.
 */
class PublishedEventFormatTest {

    private static final String ID = "3f1c2b9e-7d4a-4c55-9a51-2b0e6f1d8c10";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final ObjectMapper MAPPER = PartnershipEventJson.newObjectMapper();

    static Stream<PartnershipEvent> samples() {
        return Stream.of(
                new PartnershipProposedEvent(ID, "Biologisk lys på plejehjem", PartnershipKind.OPI, "SUF", "KK",
                        null, "6d0f4c1e-2a7b-4f7e-9a51-0c3b2e1d4f55", "Bedre søvn og døgnrytme for beboere", List.of("Aarhus Kommune", "Dansk-svensk konsortium"),
                        new BigDecimal("150000000"), DAY),
                new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, DAY),
                new StageSkippedEvent(ID, Stage.IDEA, Stage.IMPLEMENTATION,
                        List.of(Stage.MARKET_DIALOGUE, Stage.TENDER, Stage.PILOT), "Strategisk partnerskab uden udbud", DAY),
                new StageRevertedEvent(ID, Stage.PILOT, Stage.TENDER, "Udbuddet skal gå om", DAY),
                new AwardRecordedEvent(ID, "Dansk-svensk konsortium", new BigDecimal("150000000"),
                        List.of("Københavns Kommune", "Aarhus Kommune"), 8, true, DAY),
                new PilotOutcomeRecordedEvent(ID, PilotOutcome.SUCCEEDED, "Bedre søvn på tre plejehjem", DAY),
                new ReadinessItemAddedEvent(ID, "item-1", ReadinessType.COMPETENCE, "Personalet skal kunne indstille lysprotokollen",
                        "Plejehjemsledelsen", DAY),
                new ReadinessItemResolvedEvent(ID, "item-1", "Kursus gennemført", DAY),
                new EvaluationRecordedEvent(ID, "Lamperne bruges dagligt", "Bedre søvn", "Bedre søvn og arbejdsmiljø", DAY),
                new LessonRecordedEvent(ID, "lesson-1", "Inddrag brugerne tidligt", List.of("brugerinddragelse"), Stage.PILOT, DAY),
                new MarketContactRecordedEvent(ID, "contact-1", "Lysleverandør A/S", MarketContactForm.PRODUCT_TEST,
                        "Test af bordlamper med lysprotokol på ét plejehjem", "Forventet antal plejehjem i udbuddet", DAY),
                new TenderProcedureChosenEvent(ID, TenderProcedure.INNOVATION_PARTNERSHIP, null, List.of("contact-1"), DAY),
                new BenefitDeclaredEvent(ID, "benefit-1", BenefitCategory.QUALITY, "Bedre søvn for beboerne",
                        "nætter med uro pr. måned", new BigDecimal("-20"), DAY),
                new BenefitFollowedUpEvent(ID, "follow-up-1", "benefit-1", BenefitAssessment.PARTLY_ACHIEVED,
                        new BigDecimal("-12"), "Færre urolige nætter på to af tre plejehjem", DAY),
                new AdviceRequestedEvent(ID, "request-1", AdviceTopic.PROCEDURE, "Kan vi bruge innovationspartnerskab?", DAY),
                new AdviceGivenEvent(ID, "request-1", "Ja, når løsningen ikke findes på markedet", DAY),
                new PartnershipPutOnHoldEvent(ID, "Afventer budget", DAY),
                new PartnershipResumedEvent(ID, "Budget bevilget", DAY),
                new PartnershipAbandonedEvent(ID, Stage.PILOT, "Ingen leverandør kunne levere", DAY),
                new PartnershipCompletedEvent(ID, DAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void published_json_matches_the_frozen_form(PartnershipEvent sample) throws IOException {
        String type = PartnershipEventJson.typeName(sample.getClass());
        // Parsed from text, as any consumer would, so numbers compare by their JSON form.
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(sample));
        Path frozen = Path.of("src/test/resources/frozen-events", type + ".json");
        if (Boolean.getBoolean("freeze-events")) {
            Files.createDirectories(frozen.getParent());
            Files.writeString(frozen, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        if (!Files.exists(frozen)) {
            fail("No frozen JSON for " + type + "; run the build once with -Dfreeze-events=true and commit " + frozen);
        }
        JsonNode expected = MAPPER.readTree(frozen.toFile());
        assertThat(actual).as("JSON of %s", type).isEqualTo(expected);
        // ... and the frozen form still reads back into the same event.
        assertThat(MAPPER.treeToValue(expected, sample.getClass())).isEqualTo(sample);
    }

    @Test
    void a_revision_1_proposal_still_reads_with_its_plain_text_lead() throws IOException {
        PartnershipProposedEvent old = MAPPER.readValue(
                Path.of("src/test/resources/frozen-events/revision-1/PartnershipProposedEvent.json").toFile(),
                PartnershipProposedEvent.class);
        assertThat(old.lead()).isEqualTo("lead-17");
        assertThat(old.leadPersonId()).isNull();
        assertThat(old.title()).isEqualTo("Biologisk lys på plejehjem");
    }

    @Test
    void every_event_type_has_a_sample_and_a_revision() {
        Map<String, Class<?>> sampled = samples().collect(Collectors.toMap(
                e -> PartnershipEventJson.typeName(e.getClass()), PartnershipEvent::getClass));
        assertThat(sampled.keySet()).containsExactlyInAnyOrderElementsOf(PartnershipEventJson.eventTypes().keySet());
        PartnershipEventJson.eventTypes().values().forEach(type ->
                assertThat(PartnershipEventJson.revision(type)).as("@Revision on %s", type.getSimpleName()).isNotBlank());
    }

    @Test
    void a_reader_tolerates_fields_added_by_a_later_revision() throws IOException {
        String json = """
                {"partnershipId":"%s","effectiveDate":"2024-03-01","someFutureField":42}
                """.formatted(ID);
        assertThat(MAPPER.readValue(json, PartnershipCompletedEvent.class))
                .isEqualTo(new PartnershipCompletedEvent(ID, DAY));
    }

    @Test
    void event_names_are_unique_and_resolve_back_to_their_type() {
        Map<String, Class<? extends PartnershipEvent>> types = PartnershipEventJson.eventTypes();
        types.forEach((name, type) -> assertThat(PartnershipEventJson.eventType(name)).contains(type));
        assertThat(types.values().stream().map(Class::getName).collect(Collectors.toSet())).hasSize(types.size());
        assertThat(samples().map(Object::getClass).collect(Collectors.toMap(Function.identity(), c -> 1, Integer::sum)))
                .allSatisfy((c, n) -> assertThat(n).isEqualTo(1));
    }
}
