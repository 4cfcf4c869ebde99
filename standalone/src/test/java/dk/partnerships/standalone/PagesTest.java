package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages over plain HTTP: what people type is shown escaped everywhere, forms go through the write API (a double
 * submit records once, a stale form is caught, a refusal appends nothing), filters that do not parse are ignored,
 * and the CSV exports are safe to open in a spreadsheet.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class PagesTest extends StandaloneHttpTest {

    private static final String SCRIPT_TITLE = "<script>alert('titel')</script> Skraldespande";
    private static final String IMG_LESSON = "<img src=x onerror=alert(1)> Tal med brugerne først";

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private String propose(String title, String department) {
        Map<String, Object> body = proposal(title, "OPI", department, "2025-01-10");
        return http.post("/api/partnerships", body).json().get("id").asString();
    }

    private void awaitVersion(String id, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/partnerships/" + id + "/history").status() == 200
                        && http.get("/api/partnerships/" + id + "/history").json().size() >= version
                        && http.get("/api/partnerships/" + id).json().path("version").asLong() >= version);
    }

    @Test
    void text_people_typed_is_shown_escaped_on_every_page() {
        String id = propose(SCRIPT_TITLE, "KFF");
        http.post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "MARKET_DIALOGUE", "reason", "<b>fed</b>", "effectiveDate", "2025-02-01"));
        http.post("/api/partnerships/" + id + "/lessons", Map.of("text", IMG_LESSON, "tags", List.of("<i>x</i>")));
        awaitVersion(id, 3);

        for (String page : List.of("/partnerships", "/partnerships/" + id, "/partnerships/" + id + "/history",
                "/lessons", "/lessons?q=brugerne", "/dashboard", "/gap",
                "/partnerships/new/similar-lessons?title=brugerne+skraldespande")) {
            Http.Response answer = http.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page)
                    .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>fed</b>")
                    .doesNotContain("<i>x</i>");
        }
        assertThat(http.get("/partnerships").body()).contains("&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; Skraldespande");
        assertThat(http.get("/partnerships/" + id).body()).contains("&lt;img src=x onerror=alert(1)&gt; Tal med brugerne først")
                .contains("&lt;b&gt;fed&lt;/b&gt;");
    }

    @Test
    void a_form_submitted_twice_records_once_and_a_refused_one_records_nothing() {
        String id = propose("Affaldssortering", "TMF");
        awaitVersion(id, 1);
        String key = UUID.randomUUID().toString();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("action", "stage");
        form.put("version", "1");
        form.put("requestKey", key);
        form.put("to", "MARKET_DIALOGUE");
        form.put("effectiveDate", "2025-03-01");

        Http.Response first = http.postForm("/partnerships/" + id, form);
        Http.Response second = http.postForm("/partnerships/" + id, form);
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.header("Location")).endsWith("/partnerships/" + id + "?minVersion=2#timeline");
        assertThat(second.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(2);

        // The same form again with a fresh key but the old version: someone (we) changed it meanwhile.
        long before = events();
        form.put("requestKey", UUID.randomUUID().toString());
        form.put("to", "TENDER");
        Http.Response stale = http.postForm("/partnerships/" + id, form, "Cookie", "partnerships-lang=en");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body()).contains("Someone else changed the partnership meanwhile.")
                .contains("<option value=\"TENDER\" selected=\"selected\">Tender</option>");

        // A rule refused in Danish beside the form, the reason typed kept; nothing appended.
        form.put("version", "2");
        form.put("to", "PILOT");
        form.put("reason", "");
        form.put("effectiveDate", "2099-01-01");
        Http.Response future = http.postForm("/partnerships/" + id, form);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("Virkningsdatoen må ikke ligge i fremtiden.").contains("value=\"2099-01-01\"");
        Http.Response unknown = http.postForm("/partnerships/" + id, Map.of("action", "delete-everything"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Ukendt formular.");
        assertThat(http.postForm("/partnerships/no-such-id", form).status()).isEqualTo(404);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_proposal_from_the_form_lands_on_its_page_with_what_was_typed() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("requestKey", UUID.randomUUID().toString());
        form.put("title", "Varmepumper i svømmehaller");
        form.put("kind", "INNOVATIVE_TENDER");
        form.put("department", "KFF");
        form.put("lead", "Idrætsenheden");
        form.put("need", "Lavere energiforbrug");
        form.put("partners", "Firma A\nFirma B");
        form.put("expectedValueDkk", "1.250.000,50");
        form.put("effectiveDate", "2025-05-01");
        Http.Response created = http.postForm("/partnerships/new", form);
        assertThat(created.status()).isEqualTo(302);
        String page = created.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(page).matches("/partnerships/[0-9a-f-]{36}\\?minVersion=1");

        String body = http.get(page).body();
        assertThat(body).contains("<h1>Varmepumper i svømmehaller</h1>").contains("Firma A, Firma B");
        String id = page.substring("/partnerships/".length(), page.indexOf('?'));
        assertThat(http.get("/api/partnerships/" + id).json().get("expectedValueDkk").decimalValue())
                .isEqualByComparingTo("1250000.50");
    }

    @Test
    void a_project_lead_holds_resumes_and_abandons_from_the_page() {
        String id = propose("Klimatilpasning", "TMF");
        awaitVersion(id, 1);
        Map<String, String> hold = new LinkedHashMap<>();
        hold.put("action", "hold");
        hold.put("version", "1");
        hold.put("requestKey", UUID.randomUUID().toString());
        hold.put("reason", "");
        hold.put("effectiveDate", "2025-02-01");
        long before = events();
        Http.Response refused = http.postForm("/partnerships/" + id, hold);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"form-hold\"")
                .contains("id=\"problem-hold\">Nogle felter mangler eller er ugyldige. Begrundelse.</div>")
                .contains("<span class=\"field-error\" id=\"error-hold-reason\">Skal udfyldes</span>")
                .contains("aria-describedby=\"error-hold-reason\"");
        assertThat(events()).isEqualTo(before);

        hold.put("reason", "Budgettet er frosset");
        assertThat(http.postForm("/partnerships/" + id, hold).status()).isEqualTo(302);
        String onHold = http.get("/partnerships/" + id + "?minVersion=2").body();
        assertThat(onHold).contains("data-status=\"ON_HOLD\"").contains("id=\"form-resume\"")
                .doesNotContain("id=\"form-hold\"").doesNotContain("id=\"form-stage\"");

        assertThat(http.postForm("/partnerships/" + id, Map.of("action", "resume", "version", "2",
                "requestKey", UUID.randomUUID().toString(), "effectiveDate", "2025-03-01")).status()).isEqualTo(302);
        // Abandoning is final: without its confirmation it is refused, and nothing is recorded.
        Map<String, String> abandon = new LinkedHashMap<>(Map.of("action", "abandon", "version", "3",
                "requestKey", UUID.randomUUID().toString(), "reason", "Ingen leverandør", "effectiveDate", "2025-04-01"));
        long beforeAbandon = events();
        Http.Response unconfirmed = http.postForm("/partnerships/" + id, abandon);
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Bekræft, at partnerskabet skal opgives endeligt.");
        assertThat(events()).isEqualTo(beforeAbandon);
        abandon.put("confirm", "true");
        assertThat(http.postForm("/partnerships/" + id, abandon).status()).isEqualTo(302);
        String abandoned = http.get("/partnerships/" + id + "?minVersion=4").body();
        assertThat(abandoned).contains("data-status=\"ABANDONED\"").contains("Ingen leverandør")
                .doesNotContain("id=\"form-abandon\"").contains("id=\"form-lesson\"");
    }

    @Test
    void the_stage_form_names_the_tender_procedure_and_what_was_published_from_market_dialogue() {
        String id = propose("Trafikdata", "KFF");
        String told = http.post("/api/partnerships/" + id + "/market-contacts", Map.of("organisation", "Sensor A/S",
                "form", "MEETING", "summary", "Møde", "informationShared", "Budgetrammen", "effectiveDate", "2025-01-20"))
                .json().get("contactId").asString();
        awaitVersion(id, 2);
        String page = http.get("/partnerships/" + id).body();
        assertThat(page).contains("name=\"procedure\"").contains("name=\"published:" + told + "\"")
                .contains("Sensor A/S: Budgetrammen");

        Map<String, String> tender = new LinkedHashMap<>();
        tender.put("action", "stage");
        tender.put("version", "2");
        tender.put("requestKey", UUID.randomUUID().toString());
        tender.put("to", "TENDER");
        tender.put("reason", "Kendt marked");
        tender.put("procedure", "NONE");
        tender.put("procedureReason", "");
        tender.put("effectiveDate", "2025-02-01");
        long before = events();
        Http.Response refused = http.postForm("/partnerships/" + id, tender);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Skriv hvorfor der ikke bruges en udbudsprocedure.");
        assertThat(events()).isEqualTo(before);

        tender.put("requestKey", UUID.randomUUID().toString());
        tender.put("procedure", "OPEN");
        tender.put("published:" + told, "on");
        assertThat(http.postForm("/partnerships/" + id, tender).status()).isEqualTo(302);
        tenderPublished(id, told);
        assertThat(http.get("/partnerships/" + id + "/history").body()).contains("Offentligt udbud");
    }

    private void tenderPublished(String id, String contactId) {
        var check = http.get("/api/partnerships/" + id + "/equal-treatment?minVersion=4").json();
        assertThat(check.get("procedure").asString()).isEqualTo("OPEN");
        assertThat(check.get("published").findValuesAsString("contactId")).containsExactly(contactId);
        assertThat(check.get("flagged")).isEmpty();
    }

    @Test
    void an_evaluation_recorded_from_the_page_lets_the_partnership_complete() {
        String id = propose("Genbrugsstationer", "TMF");
        Http.Response moved = http.post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "EVALUATION", "reason", "Drift overtaget fra et tidligere projekt", "effectiveDate", "2025-02-01"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        awaitVersion(id, 2);
        assertThat(http.get("/partnerships/" + id).body()).contains("id=\"form-evaluation\"")
                .doesNotContain("id=\"form-complete\"");

        Map<String, String> evaluation = new LinkedHashMap<>();
        evaluation.put("action", "evaluation");
        evaluation.put("version", "2");
        evaluation.put("requestKey", UUID.randomUUID().toString());
        evaluation.put("summary", "Færre kørsler");
        evaluation.put("benefitsExpected", "10 % færre kørsler");
        evaluation.put("benefitsRealised", "12 % færre kørsler");
        evaluation.put("effectiveDate", "2025-06-01");
        assertThat(http.postForm("/partnerships/" + id, evaluation).status()).isEqualTo(302);
        assertThat(http.get("/partnerships/" + id + "?minVersion=3").body()).contains("id=\"form-complete\"");
        assertThat(http.postForm("/partnerships/" + id, Map.of("action", "complete", "version", "3",
                "requestKey", UUID.randomUUID().toString(), "effectiveDate", "2025-06-02")).status()).isEqualTo(302);
        assertThat(http.get("/partnerships/" + id + "?minVersion=4").body()).contains("data-status=\"COMPLETED\"");
    }

    @Test
    void filters_that_do_not_parse_are_ignored_and_unknown_partnerships_are_not_found() {
        for (String page : List.of("/dashboard?kind=NOPE&year=abc&department=%3Cscript%3E", "/gap?days=-5",
                "/partnerships?stage=MOON&status=x", "/lessons?stage=x&q=%27%3B+DROP+TABLE+partnership_summary%3B--")) {
            assertThat(http.get(page).status()).as(page).isEqualTo(200);
        }
        assertThat(http.get("/partnerships/does-not-exist").status()).isEqualTo(404);
        assertThat(http.get("/partnerships/%3Cscript%3E").status()).isEqualTo(404);
    }

    @Test
    void csv_exports_are_safe_in_a_spreadsheet() {
        String id = propose("=HYPERLINK(\"http://evil\",\"klik\")", "OKF");
        awaitVersion(id, 1);
        Http.Response csv = http.get("/api/partnerships?format=csv&department=OKF");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("partnerships.csv");
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body().lines().skip(1).findFirst().orElseThrow())
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"klik\"\")\",");

        Http.Response gap = http.get("/api/dashboard/implementation-gap?format=csv&table=openReadinessItems");
        assertThat(gap.status()).isEqualTo(200);
        assertThat(gap.body()).isEqualTo("\uFEFFpartnershipId,title,department,stage,itemId,type,description,owner,addedOn,daysOpen\r\n");
        assertThat(http.get("/api/dashboard/implementation-gap?format=csv&table=x").code()).isEqualTo("invalid-parameter");
    }

    @Test
    void the_list_is_read_a_page_at_a_time_newest_first() {
        for (int i = 0; i < 104; i++) {
            // Ten proposals per day: newest first, then by id.
            http.post("/api/partnerships", proposal("Side " + i, "OPP", "BIF", "2024-03-" + String.format("%02d", 1 + i / 10)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/partnerships?department=BIF&limit=5000").json().size() >= 104);
        List<String> all = http.get("/api/partnerships?department=BIF&limit=5000").json().findValuesAsString("id");

        String first = http.get("/partnerships?department=BIF").body();
        String second = http.get("/partnerships?department=BIF&page=2").body();
        assertThat(rowIds(first)).isEqualTo(all.subList(0, 100));
        assertThat(rowIds(second)).isEqualTo(all.subList(100, all.size()));
        assertThat(first).contains("rel=\"next\" href=\"/partnerships?page=2&amp;department=BIF\"").doesNotContain("rel=\"prev\"")
                .contains("Partnerskab 1–100, nyeste først");
        assertThat(second).contains("rel=\"prev\" href=\"/partnerships?page=1&amp;department=BIF\"").doesNotContain("rel=\"next\"")
                .contains("Partnerskab 101–" + all.size());
        // A page past the end lists nothing and leads back; a page number that does not parse is the first page.
        assertThat(rowIds(http.get("/partnerships?department=BIF&page=99").body())).isEmpty();
        assertThat(rowIds(http.get("/partnerships?department=BIF&page=x").body())).isEqualTo(all.subList(0, 100));
    }

    private static List<String> rowIds(String page) {
        return java.util.regex.Pattern.compile("<tr data-id=\"([^\"]+)\"").matcher(page).results()
                .map(match -> match.group(1)).toList();
    }
}
