package dk.partnerships.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each role's journeys in a real headless Chromium, asserting what a person sees: the stylesheet applied and the
 * charts drawn, refusals in view and focused, Danish amounts and dates, downloads that arrive with the page's
 * sign-in, the auditor's story, error pages inside the layout, no sideways scrolling on a phone, a clean printout,
 * and no serious or critical accessibility violation (axe-core) on any page. Screenshots land in
 * {@code standalone/target/screenshots}.
 * <p>
 * Without Debian's {@code chromium} and {@code chromium-driver} (which {@code .ci/run} installs) the test is
 * skipped, never downloaded.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
class BrowserTest extends StandaloneHttpTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
    private static final String DASHBOARD_DA = "Overblik over partnerskabernes livsforløb";

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Browser.available(), "No Chromium here (apt-get install chromium chromium-driver); the browser test is skipped");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Browser browser() throws IOException {
        if (browser == null) {
            browser = Browser.start(port);
        }
        browser.size(Browser.DESKTOP);
        browser.open("/login?lang=da");
        if (!browser.all("#logout").isEmpty()) {
            browser.signOut();
        }
        return browser;
    }

    @Test
    void a_project_lead_proposes_an_idea_meets_refusals_in_view_and_takes_it_to_a_successful_pilot() throws IOException {
        Browser b = browser();
        // The sign-in page: styled, no user menu, a wrong password said in plain words.
        b.open("/dashboard");
        b.waitForHeading("Log ind");
        b.assertAssetsLoaded();
        assertThat(b.all("#logout")).isEmpty();
        assertThat(b.all("header.site nav")).isEmpty();
        b.signIn("lead", "wrong");
        assertThat(b.text("#login-failed")).isEqualTo("Brugernavn eller adgangskode er forkert.");
        b.assertAccessible();
        b.screenshot("login-refused-da");

        b.signIn("lead", "lead");
        b.waitForHeading(DASHBOARD_DA);
        b.open("/partnerships/new");
        new Select(b.find("select[name=department]")).selectByValue("KFF");
        b.find("#title").sendKeys("Sensorer på cykelstier");
        b.find("#need").sendKeys("Data om cykeltrafik til planlægning");
        b.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("similar-lessons"), "Floating bike data"));
        b.find("input[name=expectedValueDkk]").sendKeys("1.250.000,50");
        b.setDate("input[name=effectiveDate]", TODAY.minusDays(200));
        b.assertAccessible();

        // Without a project lead: refused beside the form, named by its label, focused and in view; nothing typed lost.
        b.find("#propose").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error-lead")));
        assertThat(b.text("#problem")).isEqualTo("Nogle felter mangler eller er ugyldige. Projektleder.");
        assertThat(b.text("#error-lead")).isEqualTo("Skal udfyldes");
        assertThat(b.find("input[name=lead]").getAttribute("aria-describedby")).isEqualTo("error-lead");
        assertThat(b.focusedId()).isEqualTo("problem");
        assertThat(b.inView("#problem")).isTrue();
        assertThat(b.find("#title").getAttribute("value")).isEqualTo("Sensorer på cykelstier");
        assertThat(b.find("input[name=expectedValueDkk]").getAttribute("value")).isEqualTo("1.250.000,50");
        b.assertAccessible();
        b.screenshot("proposal-refused-da");
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_summary WHERE title = 'Sensorer på cykelstier'")
                .query(Long.class).single()).isZero();

        // A Danish amount nobody can read is refused in Danish, with the field's label.
        b.find("input[name=lead]").sendKeys("Mobilitetsenheden, KFF");
        b.find("input[name=expectedValueDkk]").clear();
        b.find("input[name=expectedValueDkk]").sendKeys("en million");
        b.find("#propose").click();
        b.waitUntil(ExpectedConditions.textToBe(By.id("problem"), "Nogle felter mangler eller er ugyldige. Forventet værdi."));
        assertThat(b.all("span.field-error").get(0).getText()).startsWith("Skriv et beløb i kroner");

        b.find("input[name=expectedValueDkk]").clear();
        b.find("input[name=expectedValueDkk]").sendKeys("1.250.000,50");
        b.find("#propose").click();
        b.waitForHeading("Sensorer på cykelstier");
        assertThat(b.find("#stage").getAttribute("data-stage")).isEqualTo("IDEA");
        assertThat(b.text("#expected-value")).isEqualTo("1.250.000,50 kr.");
        assertThat(b.text("#stage-entered")).contains("200 dage i fasen");

        // The stage form says where the partnership is and offers the next stage first.
        assertThat(b.text("#current-stage")).isEqualTo("Nuværende fase: Idé");
        assertThat(new Select(b.find("#form-stage select[name=to]")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("MARKET_DIALOGUE");
        assertThat(b.all("#form-stage option[value=IDEA]")).isEmpty();
        // Buttons are named after what they do, never five times "Gem".
        List<String> buttons = b.all("#content button").stream().map(button -> button.getText()).toList();
        assertThat(buttons).doesNotHaveDuplicates().doesNotContain("Gem");

        // A market contact while it is an idea: what was shared with the organisation is on the record.
        b.find("#form-market-contact input[name=organisation]").sendKeys("Sensorfirmaet A/S");
        new Select(b.find("#form-market-contact select[name=form]")).selectByValue("WORKSHOP");
        b.find("#form-market-contact textarea[name=summary]").sendKeys("Workshop om sensorer på cykelstier");
        b.find("#form-market-contact textarea[name=informationShared]").sendKeys("Kommunens budgetramme");
        b.setDate("#form-market-contact input[name=effectiveDate]", TODAY.minusDays(190));
        b.find("#form-market-contact button").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("market-contacts")));
        assertThat(b.text("#market-contacts tbody tr")).contains("Sensorfirmaet A/S").contains("Workshop")
                .contains("Kommunens budgetramme");
        // The stage form offers the tender's procedure and the shared information to mark as published.
        assertThat(b.all("#form-stage select[name=procedure] option")).hasSize(9);
        assertThat(b.text("#published-contacts")).contains("Sensorfirmaet A/S: Kommunens budgetramme");

        // Straight to pilot skips stages: the refusal is where the eye is, not 1,300 px below.
        new Select(b.find("#form-stage select[name=to]")).selectByValue("PILOT");
        b.setDate("#form-stage input[name=effectiveDate]", TODAY.minusDays(150));
        b.find("#form-stage button").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#form-stage .problem")));
        assertThat(b.text("#form-stage .problem")).isEqualTo("At springe en fase over kræver en begrundelse.");
        assertThat(b.focusedId()).isEqualTo("problem-stage");
        assertThat(b.inView("#problem-stage")).isTrue();
        assertThat(b.find("#form-stage").getAttribute("class")).contains("refused");
        assertThat(new Select(b.find("#form-stage select[name=to]")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("PILOT");
        b.assertAccessible();
        b.screenshot("stage-refused-in-view-da");

        b.find("#form-stage textarea[name=reason]").sendKeys("Løsningen findes allerede på markedet");
        b.find("#form-stage button").click();
        b.waitUntil(ExpectedConditions.attributeToBe(By.id("stage"), "data-stage", "PILOT"));

        // A double click on the pilot outcome records it once.
        new Select(b.find("#form-pilot-outcome select[name=outcome]")).selectByValue("SUCCEEDED");
        b.find("#form-pilot-outcome textarea[name=findings]").sendKeys("Sensorerne talte 98 % af cyklerne korrekt");
        b.setDate("#form-pilot-outcome input[name=effectiveDate]", TODAY.minusDays(120));
        b.script("const button = arguments[0]; button.click(); button.click();", b.find("#form-pilot-outcome button"));
        b.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Sensorerne talte 98 %"));
        assertThat(b.text("#timeline")).contains("Demo-projektleder (alle forvaltninger)");
        String id = b.driver().getCurrentUrl().replaceAll("^.*/partnerships/([^?#/]+).*$", "$1");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%PilotOutcomeRecordedEvent'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        // Abandoning is final, so the page asks for a confirmation first.
        assertThat(b.text("#form-abandon")).contains("At opgive er endeligt");
        assertThat(b.find("#form-abandon input[name=confirm]").getAttribute("required")).isNotNull();
        b.assertAccessible();
        b.screenshot("partnership-page-lead-da");

        // On a phone the forms fit the screen: no sideways scrolling, buttons a thumb can hit.
        b.size(Browser.PHONE);
        b.open("/partnerships/" + id);
        assertThat(b.pageWidth()).isLessThanOrEqualTo(b.windowWidth());
        assertThat(((Number) b.script("return document.querySelector('#form-lesson button').getBoundingClientRect().height"))
                .doubleValue()).isGreaterThanOrEqualTo(40);
        b.screenshot("partnership-page-phone-da");
        b.size(Browser.DESKTOP);

        // A project lead of another department reads the page but gets no forms.
        b.signOut();
        b.signIn("lead-tmf");
        b.waitForHeading(DASHBOARD_DA);
        b.open("/partnerships/" + id);
        assertThat(b.text("#read-only")).isEqualTo("Kun projektledere i KFF kan registrere her.");
        assertThat(b.all("#form-stage")).isEmpty();

        // The seed's floating bike data case: six companies' solutions tested in market dialogue; TMF's lead may add.
        b.open("/partnerships/" + dk.partnerships.standalone.demo.DemoData.idOf("floating-bike-data"));
        assertThat(b.all("#market-contacts tbody tr")).hasSize(6);
        assertThat(b.text("#contacts-heading")).isEqualTo("Markedsdialog (6)");
        assertThat(b.text("#market-contacts")).contains("Cykeldatavirksomhed A").contains("Produkttest");
        assertThat(b.all("#form-market-contact")).hasSize(1);
        b.assertAccessible();
        b.screenshot("market-contacts-lead-tmf-da");
    }

    @Test
    void a_manager_sees_the_dashboard_styled_and_charted_filters_it_downloads_every_table_and_prints_it() throws IOException {
        awaitAllProjected();
        Browser b = browser();
        b.signIn("manager");
        b.waitForHeading(DASHBOARD_DA);
        b.assertAssetsLoaded();
        // Styled as designed: the header's colour, the navigation laid out in a row, the current page marked.
        assertThat(b.style("header.site", "background-color")).isEqualTo("rgb(0, 63, 110)");
        assertThat(b.style("header.site", "display")).isEqualTo("flex");
        assertThat(b.style("header.site nav a[aria-current=page]", "background-color")).isEqualTo("rgb(255, 255, 255)");
        assertThat(b.all("a[href*='/partnerships/new']")).isEmpty();

        // The headline answers "how are we doing": the seed's five cases, three open in implementation.
        assertThat(b.text("#headline-active .figure")).isEqualTo("5");
        assertThat(b.text("#headline-rate .basis")).matches("\\d+ af \\d+ er gået i implementering");
        // The charts are drawn: bars with width, the funnel, the heat map's colours, five lines with a legend.
        assertThat(b.width("#funnel li[data-stage=IMPLEMENTATION] .bar")).isGreaterThan(100);
        assertThat(b.width("#conversion li[data-stage=IDEA] .bar")).isGreaterThan(100);
        assertThat(b.text("#conversion tr[data-stage=MARKET_DIALOGUE] td.share")).matches("\\d+ % \\(n = \\d+\\)");
        assertThat(b.style("#matrix tr[data-department=TMF] td[data-stage=MARKET_DIALOGUE]", "background-color"))
                .isNotEqualTo("rgb(255, 255, 255)").isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(b.text("#matrix tr[data-department=TMF] td[data-stage=MARKET_DIALOGUE]")).isEqualTo("2");
        assertThat(b.text("#funnel tr[data-stage=IMPLEMENTATION] td")).isEqualTo("3");
        assertThat(b.all("#trend svg polyline")).hasSize(5);
        assertThat(b.all("#trend .legend li")).hasSize(5);
        assertThat(b.width("#trend svg")).isGreaterThan(300);
        assertThat(b.all("#time-in-stage .legend li")).hasSize(2);
        assertThat(b.width("#time-in-stage li[data-stage=PILOT] .bar.median")).isGreaterThan(50);
        // Time to implementation: a line per kind; of the three OPI cases biological light got there after 1,096
        // days, while the bike cases are still under way, so half had got there by then.
        assertThat(b.all("#time-to-implementation svg polyline")).hasSize(3);
        assertThat(b.all("#time-to-implementation .legend li")).hasSize(3);
        assertThat(b.width("#time-to-implementation svg")).isGreaterThan(300);
        assertThat(b.text("#time-to-implementation tr[data-group=OPI] th")).isEqualTo("OPI (offentlig-privat innovation)");
        assertThat(b.text("#time-to-implementation tr[data-group=OPI] td.median")).isEqualTo("1.096");
        b.assertAccessible();
        b.screenshot("dashboard-manager-da");

        // Each table downloads as a Danish spreadsheet reads it: byte-order mark, semicolons, Danish headers.
        for (String table : List.of("conversion", "byStage", "byDepartment", "timeInStage", "quarterlyTrend")) {
            String csv = csv(b.download("a[href*='/dashboard/csv?table=" + table + "']"));
            assertThat(csv).as(table).startsWith("\uFEFF").contains(";");
        }
        assertThat(csv(b.download("a[href*='table=conversion']"))).startsWith("\uFEFFFase;Andel videre;Nåede fasen;Gik videre\r\n")
                .contains("Markedsdialog;0,");
        assertThat(csv(b.download("a[href*='/dashboard/time-to-implementation/csv?table=groups']")))
                .startsWith("\uFEFFType;Partnerskaber;Nået i drift;Opgivet før drift;Stadig i gang;Median (dage)\r\n")
                .contains("OPI (offentlig-privat innovation);3;1;0;2;1096");
        assertThat(csv(b.download("a[href*='/dashboard/time-to-implementation/csv?table=curve']")))
                .startsWith("\uFEFFType;Dage siden forslaget;Andel nået i drift\r\n");
        b.find("#time-to-implementation .tti-by a[href*='by=department']").click();
        b.waitUntil(ExpectedConditions.urlContains("by=department"));
        assertThat(b.text("#time-to-implementation tr[data-group=TMF] td")).isEqualTo("3");
        assertThat(b.all("#time-to-implementation svg polyline")).hasSize(3);

        // Filtered by department and year: the stage links keep every filter, the downloads too.
        new Select(b.find("select[name=department]")).selectByValue("TMF");
        new Select(b.find("select[name=year]")).selectByValue("2024");
        b.find("#apply-filters").click();
        b.waitUntil(ExpectedConditions.urlContains("year=2024"));
        assertThat(b.find("#funnel tr[data-stage=MARKET_DIALOGUE] a").getAttribute("href"))
                .contains("department=TMF").contains("year=2024").contains("stage=MARKET_DIALOGUE");
        assertThat(b.text("#headline-scope")).contains("alle typer og år");
        assertThat(csv(b.download("a[href*='table=byStage']"))).contains("Markedsdialog;1");
        b.find("#funnel tr[data-stage=MARKET_DIALOGUE] a").click();
        b.waitForHeading("Partnerskaber");
        assertThat(b.all("#partnership-list tbody tr")).hasSize(1);
        String list = csv(b.download("#list-csv"));
        assertThat(list).startsWith("\uFEFFId;Titel;Type;Forvaltning;Fase").contains(";Markedsdialog;");
        b.assertAccessible();

        // The gap: a department filter, and every section's CSV with the page's filters.
        b.open("/gap?department=SUF");
        b.waitForHeading("Implementeringsgabet");
        b.assertAssetsLoaded();
        for (String table : List.of("stalledInStage", "onHold", "stalledAfterPilot", "openReadinessItems",
                "abandonedAfterSuccessfulPilot", "pilotToImplementationRate")) {
            assertThat(b.find("a[href*='/gap/csv?table=" + table + "']").getAttribute("href")).contains("department=SUF");
            assertThat(csv(b.download("a[href*='/gap/csv?table=" + table + "']"))).as(table).startsWith("\uFEFF");
        }
        assertThat(csv(b.download("a[href*='table=pilotToImplementationRate']")))
                .startsWith("\uFEFFForvaltning;Andel i implementering;Pilot lykkedes (antal);Heraf i implementering\r\nSUF;1,00;1;1");
        // Biological light has been in implementation since September 2022, past the stage's 365 days.
        assertThat(b.text("#in-stage-heading")).isEqualTo("Gået i stå i en fase (1)");
        assertThat(b.text("#stalled-in-stage .thresholds")).contains("Markedsdialog 180 dage").contains("Pilot 365 dage");
        assertThat(b.text("#stalled-in-stage tbody tr")).contains("Biologisk lys på plejehjem").contains("Implementering")
                .contains("365");
        assertThat(csv(b.download("a[href*='/gap/csv?table=stalledInStage']")))
                .startsWith("\uFEFFId;Titel;Forvaltning;Fase;I fasen siden;Dage i fasen;Grænse (dage)\r\n")
                .contains(";Biologisk lys på plejehjem;SUF;Implementering;");
        // Every department: the seed's floating bike data case, stalled in market dialogue since June 2023.
        b.open("/gap");
        b.waitForHeading("Implementeringsgabet");
        assertThat(b.text("#stalled-in-stage")).contains("Floating bike data").contains("Markedsdialog");
        assertThat(b.text("#on-hold-heading")).isEqualTo("Sat i bero (0)");
        b.assertAccessible();
        b.screenshot("gap-manager-da");

        // English: comma and decimal point, English headers.
        b.open("/dashboard?lang=en");
        b.waitForHeading("Partnership lifecycle dashboard");
        assertThat(csv(b.download("a[href*='table=conversion']"))).startsWith("\uFEFFStage,Share that went on,Reached the stage,Went on\r\n")
                .contains("Market dialogue,0.");
        assertThat(b.text("#funnel tr[data-stage=PILOT] th")).isEqualTo("Pilot");
        b.assertAccessible();
        b.screenshot("dashboard-manager-en");

        // On a phone nothing runs off the screen: wide tables scroll inside their own box.
        b.size(Browser.PHONE);
        for (String page : List.of("/dashboard", "/gap", "/partnerships", "/lessons")) {
            b.open(page);
            assertThat(b.pageWidth()).as(page + " at 390 px").isLessThanOrEqualTo(b.windowWidth());
        }
        b.open("/dashboard");
        b.screenshot("dashboard-phone-en");
        b.size(Browser.DESKTOP);

        // Printed (a manager's PDF): no navigation, no forms, the charts kept.
        b.printMedia(true);
        b.open("/dashboard?lang=da");
        assertThat(b.style("header.site", "display")).isEqualTo("none");
        assertThat(b.style("form.filters", "display")).isEqualTo("none");
        assertThat(b.width("#funnel li[data-stage=IMPLEMENTATION] .bar")).isGreaterThan(50);
        b.screenshot("dashboard-print-da");
        b.printMedia(false);
    }

    @Test
    void an_auditor_reads_the_story_travels_in_time_compares_verifies_and_exports() throws IOException {
        awaitAllProjected();
        String id = jdbc.sql("SELECT id FROM partnership_summary WHERE title = 'Aflåst cykelparkering'").query(String.class).single();
        Browser b = browser();
        b.signIn("auditor");
        b.waitForHeading(DASHBOARD_DA);
        b.open("/partnerships/" + id + "/history");
        b.waitForHeading("Historik: Aflåst cykelparkering");
        b.assertAssetsLoaded();
        assertThat(b.driver().getTitle()).startsWith("Historik: Aflåst cykelparkering");
        // The story in Danish: stage names, not codes; local times in Danish form.
        String events = b.text("#events");
        assertThat(events).contains("Fra Idé til Markedsdialog").doesNotContain("MARKET_DIALOGUE").doesNotContain("Moved from");
        assertThat(b.text("#events tr[data-sequence='0'] time")).matches("\\d{1,2}\\. [a-zæøå]+\\.? \\d{4} \\d{2}\\.\\d{2}");

        // The whole state on a past date, as the partnership page shows it.
        b.setDate("#as-of input[name=asOf]", LocalDate.parse("2024-02-01"));
        b.find("#show-state").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("state")));
        assertThat(b.text("#state")).contains("Idé").contains("Behov").contains("TMF");

        // A comparison from a later to an earlier date is refused in view; the right way round reads as labels.
        b.setDate("#diff input[name=from]", LocalDate.parse("2025-01-01"));
        b.setDate("#diff input[name=to]", LocalDate.parse("2024-02-01"));
        b.find("#compare").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("diff-problem")));
        assertThat(b.text("#diff-problem")).isEqualTo("Fra-datoen skal ligge før til-datoen.");
        assertThat(b.inView("#diff-problem")).isTrue();
        b.setDate("#diff input[name=from]", LocalDate.parse("2024-02-01"));
        b.setDate("#diff input[name=to]", LocalDate.parse("2025-01-01"));
        b.find("#compare").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("changes")));
        assertThat(b.text("#changes tr[data-field=stage]")).isEqualTo("Fase Idé Markedsdialog");
        assertThat(b.all("#changes tr[data-field=leadPersonId]")).isEmpty();
        b.assertAccessible();
        b.screenshot("history-auditor-da");

        // Exports download with the page's sign-in: the chain as JSON and CSV, the OCDS package.
        String json = Files.readString(b.download("#export-json"));
        assertThat(json).contains("\"algorithm\"").contains("\"previousHash\"").contains(id);
        String csv = csv(b.download("#export-csv"));
        assertThat(csv).startsWith("\uFEFFpartnershipId,sequence,");
        assertThat(Files.readString(b.download("#export-ocds"))).contains("\"releases\"").contains("\"publisher\"");

        // The chain verified, said in words.
        b.find("#verify-chain").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("verification-result")));
        assertThat(b.text("#verification-result")).startsWith("Hashkæden er intakt: alle 2 hændelser");
        b.assertAccessible();
        b.screenshot("verification-auditor-da");

        // The whole store, from the auditor's page.
        b.find("header.site a[href='/audit']").click();
        b.waitForHeading("Revision");
        b.find("#verify-all").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("store-result")));
        assertThat(b.text("#store-result")).startsWith("Alle ").contains("hashkæder er intakte");
        assertThat(Files.readString(b.download("#ocds-all"))).contains("\"releases\"");
        b.assertAccessible();

        // In English on a phone.
        b.size(Browser.PHONE);
        b.open("/partnerships/" + id + "/history?lang=en");
        b.waitForHeading("History: Aflåst cykelparkering");
        assertThat(b.text("#events")).contains("From Idea to Market dialogue");
        assertThat(b.pageWidth()).isLessThanOrEqualTo(b.windowWidth());
        b.screenshot("history-auditor-phone-en");
        b.open("/dashboard?lang=da");
    }

    @Test
    void errors_are_pages_inside_the_layout_in_the_page_language() throws IOException {
        Browser b = browser();
        b.signIn("manager");
        b.waitForHeading(DASHBOARD_DA);
        b.open("/partnerships/no-such-partnership");
        b.waitForHeading("Siden findes ikke");
        b.assertAssetsLoaded();
        assertThat(b.find("main").getAttribute("data-status")).isEqualTo("404");
        assertThat(b.all("header.site nav a")).isNotEmpty();
        b.assertAccessible();
        b.screenshot("error-404-da");
        b.open("/no/such/page?lang=en");
        b.waitForHeading("Page not found");
        b.open("/partnerships/no-such-partnership/history");
        b.waitForHeading("Page not found");
        // A manager may not propose: the refusal is a page too, with the navigation.
        b.open("/partnerships/new?lang=da");
        b.waitForHeading("Ikke tilladt");
        assertThat(b.find("main").getAttribute("data-status")).isEqualTo("403");
        assertThat(b.all("header.site nav a")).isNotEmpty();
        b.assertAccessible();
        b.screenshot("error-403-da");
    }

    private static String csv(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
