package dk.partnerships.standalone;

import dk.partnerships.standalone.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone product started, stopped and started again on the same data folder, as an operator runs it:
 * the seed's five cases are loaded once, in the right stages and departments, and everything survives a restart.
 */
class RestartAndDemoDataTest {

    @TempDir
    Path dataDirectory;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(dk.partnerships.standalone.StandaloneApplication.class)
                .run("--server.port=0",
                        "--partnerships.embedded-postgres.data-directory=" + dataDirectory,
                        "--partnerships.demo-data.enabled=true");
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static long events(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static Map<String, JsonNode> partnershipsByTitle(Http http) {
        Map<String, JsonNode> byTitle = new HashMap<>();
        http.get("/api/partnerships").json().forEach(row -> byTitle.put(row.get("title").asString(), row));
        return byTitle;
    }

    @Test
    void demo_data_is_loaded_once_and_every_partnership_survives_a_restart() {
        long eventsAfterFirstStart;
        String addedId;
        try (ConfigurableApplicationContext first = start()) {
            Http http = http(first);
            eventsAfterFirstStart = events(first);
            // An acknowledged write is on disk: commits wait for the WAL flush (zonky's default would not).
            assertThat(first.getBean(JdbcClient.class).sql("SHOW synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
            await().atMost(Duration.ofSeconds(20)).until(() -> partnershipsByTitle(http).size() == 5);

            Map<String, JsonNode> cases = partnershipsByTitle(http);
            assertCase(cases, "Kartofler til EAT-skolemadsordningen", "INNOVATIVE_TENDER", "BUF", "IMPLEMENTATION");
            assertCase(cases, "Flex-varme: strategisk partnerskab med HOFOR", "STRATEGIC_PARTNERSHIP", "TMF", "IMPLEMENTATION");
            assertCase(cases, "Floating bike data", "OPI", "TMF", "MARKET_DIALOGUE");
            assertCase(cases, "Aflåst cykelparkering", "OPI", "TMF", "MARKET_DIALOGUE");
            assertCase(cases, "Biologisk lys på plejehjem", "OPI", "SUF", "IMPLEMENTATION");

            JsonNode hofor = http.get("/api/partnerships/" + DemoData.idOf("flex-heat-hofor")).json();
            assertThat(hofor.get("partners").get(0).asString()).isEqualTo("HOFOR");
            assertThat(hofor.get("proposedOn").asString()).startsWith("2019-");
            JsonNode light = http.get("/api/partnerships/" + DemoData.idOf("biological-light")).json();
            assertThat(light.get("award").get("frameworkAgreement").asBoolean()).isTrue();
            assertThat(light.get("award").get("buyerCount").asInt()).isEqualTo(8);
            assertThat(light.get("award").get("valueDkk").decimalValue()).isEqualByComparingTo("150000000");
            assertThat(light.get("pilotOutcome").get("outcome").asString()).isEqualTo("SUCCEEDED");

            Http.Response added = http.post("/api/partnerships", Map.of("title", "Efter genstart", "kind", "OPP",
                    "department", "KFF", "lead", "Kultur", "need", "Et nyt idrætsanlæg", "partners", List.of()));
            assertThat(added.status()).isEqualTo(201);
            addedId = added.json().get("id").asString();
        }

        try (ConfigurableApplicationContext second = start()) {
            Http http = http(second);
            assertThat(events(second)).isEqualTo(eventsAfterFirstStart + 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> partnershipsByTitle(http).size() == 6);
            assertThat(http.get("/api/partnerships/" + addedId).json().get("title").asString()).isEqualTo("Efter genstart");
            // The restarted projection continued from its token: nothing projected twice.
            assertThat(http.get("/api/partnerships/" + DemoData.idOf("biological-light")).json().get("version").asLong())
                    .isEqualTo(second.getBean(JdbcClient.class).sql("""
                            SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id""")
                            .param("id", DemoData.idOf("biological-light")).query(Long.class).single());
        }
    }

    private static void assertCase(Map<String, JsonNode> cases, String title, String kind, String department, String stage) {
        assertThat(cases).containsKey(title);
        JsonNode row = cases.get(title);
        assertThat(row.get("kind").asString()).as(title).isEqualTo(kind);
        assertThat(row.get("department").asString()).as(title).isEqualTo(department);
        assertThat(row.get("stage").asString()).as(title).isEqualTo(stage);
        assertThat(row.get("status").asString()).as(title).isEqualTo("ACTIVE");
    }
}
