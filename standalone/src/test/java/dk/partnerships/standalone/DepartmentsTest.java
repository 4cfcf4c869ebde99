package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Departments are reference data administrators maintain: seeded from configuration, added, renamed and retired
 * over the API by ADMIN only; a retired department takes no new proposals, and the propose page stops offering it.
 */
class DepartmentsTest extends StandaloneHttpTest {

    @Test
    void administrators_add_rename_and_retire_departments_and_nobody_else_may() {
        assertThat(http.get("/api/departments").json().get("departments").findValuesAsString("code"))
                .containsExactly("BIF", "BUF", "KFF", "OKF", "SOF", "SUF", "TMF");

        Map<String, Object> it = Map.of("name", "IT-forvaltningen");
        assertThat(http.anonymous().send("PUT", "/api/departments/ITF", Http.JSON.writeValueAsBytes(it),
                "Content-Type", "application/json").status()).isEqualTo(401);
        for (String user : new String[]{"lead", "manager", "auditor"}) {
            Http.Response refused = http.as(user).send("PUT", "/api/departments/ITF", Http.JSON.writeValueAsBytes(it),
                    "Content-Type", "application/json");
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("access-denied");
        }
        Http admin = http.as("admin");
        Http.Response added = admin.send("PUT", "/api/departments/ITF", Http.JSON.writeValueAsBytes(it), "Content-Type", "application/json");
        assertThat(added.status()).isEqualTo(201);
        Http.Response renamed = admin.send("PUT", "/api/departments/ITF",
                Http.JSON.writeValueAsBytes(Map.of("name", "IT- og Digitaliseringsforvaltningen")), "Content-Type", "application/json");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(http.get("/api/departments").body()).contains("IT- og Digitaliseringsforvaltningen");
        assertThat(admin.send("PUT", "/api/departments/it%20f", Http.JSON.writeValueAsBytes(it), "Content-Type", "application/json")
                .code()).isIn("invalid-parameter", "request-rejected");
        assertThat(admin.send("PUT", "/api/departments/XYZ", "{\"name\":\"\"}".getBytes(), "Content-Type", "application/json")
                .code()).isEqualTo("validation-failed");
        assertThat(jdbc.sql("SELECT changed_by FROM department WHERE code = 'ITF'").query(String.class).single()).isEqualTo("admin");

        // Retired: no new proposals, no longer offered on the propose page; the others still are.
        assertThat(admin.send("PUT", "/api/departments/BIF", Http.JSON.writeValueAsBytes(Map.of("name", "Beskæftigelse",
                "active", false)), "Content-Type", "application/json").status()).isEqualTo(200);
        Http.Response proposal = http.post("/api/partnerships", proposal("Job-match", "OPI", "BIF", "2024-01-10"));
        assertThat(proposal.status()).isEqualTo(400);
        assertThat(proposal.code()).isEqualTo("validation-failed");
        assertThat(proposal.body()).doesNotContain("BIF,");
        assertThat(http.post("/api/partnerships", proposal("Idrætsdata", "OPI", "KFF", "2024-01-10")).status()).isEqualTo(201);
        String page = http.get("/partnerships/new").body();
        assertThat(page).contains("value=\"KFF\"").doesNotContain("value=\"BIF\"");
    }
}
