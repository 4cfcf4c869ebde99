package dk.partnerships.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dk.partnerships.standalone.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The OCDS export validates against the official OCDS 1.1.5 release-package schema, for demo and generated data. */
@TestPropertySource(properties = {"partnerships.demo-data.enabled=true", "partnerships.ocds.ocid-prefix=ocds-test01"})
class OcdsExportTest extends StandaloneHttpTest {

    private static final String OCDS = "https://standard.open-contracting.org/schema/1__1__5/";

    private static Set<ValidationMessage> validate(String releasePackage) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(OCDS, "classpath:ocds/1.1.5/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(OCDS + "release-package-schema.json"), config);
        return schema.validate(new ObjectMapper().readTree(releasePackage));
    }

    @Test
    void the_demo_data_exports_as_a_valid_release_package() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/partnerships/" + DemoData.idOf("biological-light") + "/history").json().size() == 13);
        Http.Response export = http.get("/api/exports/ocds");
        assertThat(export.status()).isEqualTo(200);
        assertThat(validate(export.body())).isEmpty();
        // The validator really checks: a release without its ocid, or with an unknown tag, is refused.
        assertThat(validate(export.body().replaceFirst("\"ocid\"", "\"ocidx\""))).isNotEmpty();
        assertThat(validate(export.body().replaceFirst("\"planning\"\\]", "\"proposal\"]"))).isNotEmpty();

        JsonNode releases = export.json().get("releases");
        // Only the partnerships that went through a tender: potatoes and biological light; flex-heat never did.
        assertThat(releases.findValuesAsString("ocid")).contains(
                "ocds-test01-" + DemoData.idOf("potatoes-eat"), "ocds-test01-" + DemoData.idOf("biological-light"))
                .doesNotContain("ocds-test01-" + DemoData.idOf("flex-heat-hofor"),
                        "ocds-test01-" + DemoData.idOf("floating-bike-data"),
                        "ocds-test01-" + DemoData.idOf("locked-bike-parking"));
        JsonNode lightAward = null;
        for (JsonNode release : releases) {
            if (release.get("tag").get(0).asString().equals("award")
                    && release.get("ocid").asString().endsWith(DemoData.idOf("biological-light"))) {
                lightAward = release;
            }
        }
        assertThat(lightAward).isNotNull();
        assertThat(lightAward.get("awards").get(0).get("value").get("amount").decimalValue()).isEqualByComparingTo("150000000");
        assertThat(lightAward.get("awards").get(0).get("value").get("currency").asString()).isEqualTo("DKK");
        assertThat(lightAward.get("awards").get(0).get("description").asString()).contains("8 organisations");

        // Its benefits are the contract's assessment milestones: the framework signed by eight municipalities met
        // the relationships it promised; for the quality of care it was too early to tell. Notes stay internal.
        JsonNode lastOfLight = null;
        for (JsonNode release : releases) {
            if (release.get("ocid").asString().endsWith(DemoData.idOf("biological-light"))) {
                lastOfLight = release;
            }
        }
        JsonNode milestones = lastOfLight.get("contracts").get(0).get("milestones");
        assertThat(milestones.findValuesAsString("code")).containsExactly("benefit:QUALITY", "benefit:RELATIONSHIPS");
        assertThat(milestones.findValuesAsString("type")).containsOnly("assessment");
        assertThat(milestones.get(0).get("status").asString()).isEqualTo("scheduled");
        assertThat(milestones.get(1).get("status").asString()).isEqualTo("met");
        assertThat(milestones.get(1).get("dateMet").asString()).isEqualTo("2023-09-01T00:00:00Z");
        assertThat(export.body()).doesNotContain("Rammeaftalen er underskrevet af otte kommuner");
        long contractUpdates = 0;
        for (JsonNode release : releases) {
            if (release.get("ocid").asString().endsWith(DemoData.idOf("biological-light"))
                    && release.get("tag").get(0).asString().equals("contractUpdate")) {
                contractUpdates++;
            }
        }
        assertThat(contractUpdates).as("the pilot outcome and the two follow-ups").isEqualTo(3);
    }

    @Test
    void organisations_met_in_market_dialogue_are_interested_parties_and_the_package_stays_valid() throws IOException {
        String id = http.post("/api/partnerships", proposal("Cykeldata til trafikplanlægning", "OPI", "TMF", "2023-01-01"))
                .json().get("id").asString();
        String p = "/api/partnerships/" + id;
        http.post(p + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2023-02-01"));
        http.post(p + "/market-contacts", Map.of("organisation", "Cykeldata ApS", "form", "PRODUCT_TEST",
                "summary", "Test af GPS-data", "informationShared", "Budgetramme", "effectiveDate", "2023-03-01"));
        http.post(p + "/stage-transitions", Map.of("to", "TENDER", "procedure", "COMPETITIVE_DIALOGUE",
                "effectiveDate", "2023-05-01"));
        assertThat(http.post(p + "/market-contacts", Map.of("organisation", "Sensorfirmaet A/S", "form",
                "WRITTEN_QUESTIONS", "summary", "Spørgsmål til udbuddet", "effectiveDate", "2023-05-10")).status())
                .isEqualTo(201);
        awaitAllProjected();

        Http.Response export = http.get("/api/exports/ocds");
        assertThat(validate(export.body())).isEmpty();
        List<JsonNode> mine = new java.util.ArrayList<>();
        export.json().get("releases").forEach(release -> {
            if (release.get("ocid").asString().endsWith(id)) {
                mine.add(release);
            }
        });
        assertThat(mine).extracting(release -> release.get("tag").get(0).asString())
                .containsExactly("planning", "planningUpdate", "planningUpdate", "tender", "tenderUpdate", "tenderUpdate");
        JsonNode last = mine.get(mine.size() - 1);
        assertThat(last.get("tender").get("procurementMethod").asString()).isEqualTo("selective");
        assertThat(last.get("tender").get("procurementMethodDetails").asString()).isEqualTo("Konkurrencepræget dialog");
        assertThat(last.get("parties").findValuesAsString("name")).contains("Cykeldata ApS", "Sensorfirmaet A/S");
        for (JsonNode party : last.get("parties")) {
            if (party.get("name").asString().equals("Sensorfirmaet A/S")) {
                assertThat(party.get("roles").get(0).asString()).isEqualTo("interestedParty");
            }
        }
        assertThat(export.body()).as("what was said in dialogue stays internal").doesNotContain("Budgetramme");
    }

    @Test
    void a_follow_on_procurement_after_a_pilot_is_a_related_process_and_still_valid() throws IOException {
        Map<String, Object> proposal = proposal("Velfærdsteknologi", "INNOVATIVE_TENDER", "SOF", "2022-01-01");
        proposal.put("partners", List.of("Region Hovedstaden"));
        String id = http.post("/api/partnerships", proposal).json().get("id").asString();
        String p = "/api/partnerships/" + id;
        http.post(p + "/stage-transitions", Map.of("to", "TENDER", "reason", "Kendt marked", "effectiveDate", "2022-02-01"));
        http.post(p + "/award", Map.of("supplier", "Pilotleverandør ApS", "valueDkk", 400000, "effectiveDate", "2022-04-01"));
        http.post(p + "/stage-transitions", Map.of("to", "PILOT", "effectiveDate", "2022-05-01"));
        http.post(p + "/pilot-outcome", Map.of("outcome", "SUCCEEDED", "findings", "Færre fald", "effectiveDate", "2022-12-01"));
        assertThat(http.post(p + "/stage-transitions", Map.of("to", "TENDER", "reason", "Udbud af fuld løsning efter piloten",
                "effectiveDate", "2023-01-15")).status()).isEqualTo(200);
        http.post(p + "/award", Map.of("supplier", "Driftsleverandør A/S", "valueDkk", 12000000, "frameworkAgreement", true,
                "buyers", List.of("Københavns Kommune", "Region Hovedstaden"), "effectiveDate", "2023-06-01"));
        http.post(p + "/stage-transitions", Map.of("to", "IMPLEMENTATION", "reason", "Piloten er gennemført",
                "effectiveDate", "2023-08-01"));
        Http.Response abandoned = http.post(p + "/abandon", Map.of("reason", "Ingen driftsbudget", "effectiveDate", "2024-01-01"));
        assertThat(abandoned.status()).as(abandoned.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get(p + "/history").json().size() == 9);

        Http.Response export = http.get("/api/exports/ocds?partnershipId=" + id);
        assertThat(validate(export.body())).isEmpty();
        JsonNode releases = export.json().get("releases");
        String first = "ocds-test01-" + id;
        List<String> tags = new java.util.ArrayList<>();
        releases.forEach(release -> tags.add(release.get("ocid").asString().replace(first, "") + ":"
                + release.get("tag").get(0).asString()));
        assertThat(tags).containsExactly(":planning", ":tender", ":award", ":contract", ":contractUpdate",
                "-2:tender", "-2:award", "-2:implementation", "-2:contractTermination");
        JsonNode followOn = releases.get(5);
        assertThat(followOn.get("relatedProcesses").get(0).get("identifier").asString()).isEqualTo(first);
        assertThat(followOn.get("relatedProcesses").get(0).get("relationship").get(0).asString()).isEqualTo("planning");
        assertThat(http.get("/api/exports/ocds?partnershipId=00000000-0000-0000-0000-000000000000").code())
                .isEqualTo("partnership-not-found");
    }
}
