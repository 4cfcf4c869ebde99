package dk.partnerships.standalone;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tamper evidence: an untouched store verifies; changing any stored event directly in PostgreSQL (payload,
 * metadata, order, deletion) makes verification fail at exactly that partnership and sequence; and an export can
 * be verified offline with the documented script.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditVerificationTest extends StandaloneHttpTest {

    /** A partnership with five events (sequences 0 to 4). */
    private String partnershipWithFiveEvents() {
        String id = http.post("/api/partnerships", proposal("Revideret", "OPP", "BUF", "2024-01-01")).json().get("id").asString();
        http.post("/api/partnerships/" + id + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-02-01"));
        http.post("/api/partnerships/" + id + "/lessons", Map.of("text", "Første lektie"));
        http.post("/api/partnerships/" + id + "/lessons", Map.of("text", "Anden lektie"));
        http.post("/api/partnerships/" + id + "/hold", Map.of("reason", "Afventer budget"));
        assertThat(verification(id).get("valid").asBoolean()).isTrue();
        return id;
    }

    private JsonNode verification(String id) {
        Http.Response response = http.get("/api/partnerships/" + id + "/verification");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertBrokenAt(String id, long sequence) {
        JsonNode verdict = verification(id);
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenSequence").asLong()).as(verdict.toString()).isEqualTo(sequence);
        assertThat(verdict.get("problem").asString()).isNotBlank();
    }

    @Test
    @Order(1) // before the other tests alter the store
    void an_untouched_store_verifies() {
        String id = partnershipWithFiveEvents();
        JsonNode verdict = verification(id);
        assertThat(verdict.get("eventsChecked").asLong()).isEqualTo(5);
        assertThat(verdict.get("lastHash").asString()).hasSize(64);
        assertThat(verdict.get("firstBrokenSequence").isNull()).isTrue();
        JsonNode store = http.get("/api/audit/verification").json();
        assertThat(store.get("valid").asBoolean()).as(store.toString()).isTrue();
        assertThat(store.get("events").asLong()).isEqualTo(jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class).single());
        assertThat(http.get("/api/partnerships/00000000-0000-0000-0000-000000000000/verification").status()).isEqualTo(404);
    }

    @Test
    void an_altered_payload_breaks_the_chain_at_that_event() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("""
                UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                    'Anden lektie', 'Ændret lektie'), 'UTF8')
                WHERE aggregate_identifier = :id AND sequence_number = 3""").param("id", id).update();
        assertBrokenAt(id, 3);
    }

    @Test
    void altered_metadata_breaks_the_chain_at_that_event() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("""
                UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'),
                    'Demo-projektleder', 'Someone else'), 'UTF8')
                WHERE aggregate_identifier = :id AND sequence_number = 1""").param("id", id).update();
        assertBrokenAt(id, 1);
    }

    @Test
    void swapped_events_break_the_chain_where_the_order_changed() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = :id AND sequence_number = 2")
                .param("id", id).update();
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = :id AND sequence_number = 3")
                .param("id", id).update();
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = 3 WHERE aggregate_identifier = :id AND sequence_number = -1")
                .param("id", id).update();
        assertBrokenAt(id, 2);
    }

    @Test
    void a_deleted_event_breaks_the_chain_where_it_is_missing() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 2")
                .param("id", id).update();
        assertBrokenAt(id, 2);
    }

    @Test
    void deleting_the_newest_event_is_noticed_too() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 4")
                .param("id", id).update();
        assertBrokenAt(id, 4);
    }

    @Test
    void a_rewritten_hash_does_not_hide_a_change() {
        String id = partnershipWithFiveEvents();
        jdbc.sql("UPDATE domain_event_entry SET entry_hash = repeat('a', 64) WHERE aggregate_identifier = :id AND sequence_number = 0")
                .param("id", id).update();
        assertBrokenAt(id, 0);
    }

    @Test
    void store_wide_verification_names_exactly_the_altered_partnerships_and_sequences() {
        String untouched = partnershipWithFiveEvents();
        String altered = partnershipWithFiveEvents();
        String deleted = partnershipWithFiveEvents();
        jdbc.sql("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z' WHERE aggregate_identifier = :id AND sequence_number = 4")
                .param("id", altered).update();
        jdbc.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 1")
                .param("id", deleted).update();

        JsonNode report = http.get("/api/audit/verification").json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        Map<String, Long> broken = new LinkedHashMap<>();
        report.get("broken").forEach(entry -> broken.put(entry.get("partnershipId").asString(),
                entry.get("firstBrokenSequence").asLong()));
        assertThat(broken).containsEntry(altered, 4L).containsEntry(deleted, 1L).doesNotContainKey(untouched);
        assertThat(verification(untouched).get("valid").asBoolean()).isTrue();
    }

    @Test
    void an_export_verifies_offline_with_the_documented_script_and_a_forged_one_does_not(@TempDir Path directory)
            throws Exception {
        assumeTrue(commandExists("jq") && commandExists("sha256sum"), "jq and sha256sum are needed (installed by .ci/run)");
        String id = partnershipWithFiveEvents();
        Http.Response export = http.get("/api/partnerships/" + id + "/history/export");
        assertThat(export.status()).isEqualTo(200);
        JsonNode document = export.json();
        assertThat(document.get("events")).hasSize(5);
        assertThat(document.get("events").get(1).get("recordedBy").asString()).isEqualTo("lead");
        assertThat(document.get("events").get(1).get("effectiveDate").asString()).isEqualTo("2024-02-01");
        Path file = directory.resolve("history.json");
        Files.writeString(file, export.body());
        assertThat(runScript(file)).startsWith("valid: 5 events");

        ObjectNode forged = (ObjectNode) document.get("events").get(2);
        forged.put("payloadBase64", java.util.Base64.getEncoder().encodeToString(
                "{\"text\":\"forged\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.writeString(file, Http.JSON.writeValueAsString(document));
        assertThat(runScript(file)).startsWith("broken at sequence 2");

        Http.Response csv = http.get("/api/partnerships/" + id + "/history/export?format=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(6);
        // A byte-order mark first, so a spreadsheet reads the payloads' æøå as UTF-8.
        assertThat(lines.get(0)).startsWith("\uFEFFpartnershipId,sequence,eventId,type");
        assertThat(lines.get(5)).contains("PartnershipPutOnHoldEvent").contains(verification(id).get("lastHash").asString());
    }

    private static boolean commandExists(String command) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
    }

    private static String runScript(Path file) throws Exception {
        Process process = new ProcessBuilder("bash", Path.of("..", "docs", "verify-export.sh").toString(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes()).strip();
    }

}
