package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long partnerships take from proposal to operation, on partnerships whose curve was worked out by hand (the
 * same as {@code AalenJohansenTest}'s first example, recorded through the API).
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class TimeToImplementationTest extends StandaloneHttpTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
    private static final LocalDate PROPOSED = LocalDate.of(2024, 1, 1);

    private String partnership(String title, LocalDate proposedOn) {
        return http.post("/api/partnerships", proposal(title, "INNOVATIVE_TENDER", "BIF", proposedOn.toString()))
                .json().get("id").asString();
    }

    private void post(String id, String action, Map<String, Object> body) {
        Http.Response answer = http.post("/api/partnerships/" + id + "/" + action, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private void implementedAfter(String id, int days) {
        post(id, "stage-transitions", Map.of("to", "IMPLEMENTATION", "reason", "Indkøbsaftalen tages direkte i brug",
                "effectiveDate", PROPOSED.plusDays(days).toString()));
    }

    @Test
    void the_curve_counts_the_abandoned_as_never_getting_there_and_follows_the_rest_up_to_today() {
        implementedAfter(partnership("Kartofler", PROPOSED), 10);
        implementedAfter(partnership("Mælk", PROPOSED), 20);
        String later = partnership("Brød", PROPOSED);
        implementedAfter(later, 20);
        // Reverting and implementing again does not move the day it first reached operation.
        post(later, "stage-transitions", Map.of("to", "TENDER", "reason", "Ny leverandør", "effectiveDate", "2024-03-01"));
        post(later, "award", Map.of("supplier", "Bageriet", "valueDkk", 50000, "effectiveDate", "2024-03-20"));
        implementedAfter(later, 100);
        post(partnership("Frugt", PROPOSED), "abandon", Map.of("reason", "Intet marked", "effectiveDate", "2024-01-16"));
        partnership("Grønt", TODAY.minusDays(12));
        partnership("Fisk", TODAY.minusDays(30));
        awaitAllProjected();

        JsonNode answer = http.get("/api/dashboard/time-to-implementation?by=department").json();
        assertThat(answer.get("by").asString()).isEqualTo("department");
        assertThat(answer.get("today").asString()).isEqualTo(TODAY.toString());
        JsonNode group = answer.get("groups").get(0);
        assertThat(group.get("key").asString()).isEqualTo("BIF");
        assertThat(group.get("partnerships").asInt()).isEqualTo(6);
        assertThat(group.get("reachedImplementation").asInt()).isEqualTo(3);
        assertThat(group.get("abandonedBefore").asInt()).isEqualTo(1);
        assertThat(group.get("stillOpen").asInt()).isEqualTo(2);
        assertThat(group.get("curve").toString()).isEqualTo("""
                [{"days":0,"share":0.0},{"days":10,"share":0.1667},{"days":20,"share":0.5833}]""");
        assertThat(group.get("medianDays").asInt()).isEqualTo(20);

        JsonNode byKind = http.get("/api/dashboard/time-to-implementation?department=BIF").json();
        assertThat(byKind.get("by").asString()).isEqualTo("kind");
        assertThat(byKind.get("groups").get(0).get("key").asString()).isEqualTo("INNOVATIVE_TENDER");
        assertThat(byKind.get("groups").get(0).get("curve")).isEqualTo(group.get("curve"));
        assertThat(http.get("/api/dashboard/time-to-implementation?department=BIF&year=2023").json().get("groups"))
                .isEmpty();

        assertThat(http.get("/api/dashboard/time-to-implementation?by=department&format=csv&table=curve").body()
                .lines().toList()).containsExactly("\uFEFFdepartment,days,share", "BIF,0,0.0000", "BIF,10,0.1667",
                "BIF,20,0.5833");
        assertThat(http.get("/api/dashboard/time-to-implementation?by=department&format=csv&lang=da").body()
                .lines().toList()).containsExactly(
                "\uFEFFForvaltning;Partnerskaber;Nået i drift;Opgivet før drift;Stadig i gang;Median (dage)",
                "BIF;6;3;1;2;20");

        Http.Response badGrouping = http.get("/api/dashboard/time-to-implementation?by=stage");
        assertThat(badGrouping.status()).isEqualTo(400);
        assertThat(badGrouping.code()).isEqualTo("invalid-parameter");
        assertThat(http.get("/api/dashboard/time-to-implementation?format=csv&table=nope").code())
                .isEqualTo("invalid-parameter");
    }
}
