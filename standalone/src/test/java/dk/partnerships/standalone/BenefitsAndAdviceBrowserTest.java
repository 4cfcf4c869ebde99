package dk.partnerships.standalone;

import dk.partnerships.standalone.demo.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The benefits page as management shows it in a meeting, a project lead following a benefit up and asking the central
 * unit, and an advisor answering, in a real headless Chromium on the seed's cases: charts drawn, refusals in view,
 * downloads arriving, Danish and English, a phone-sized window, no serious accessibility violation. Screenshots land
 * in {@code standalone/target/screenshots}; skipped without Debian's chromium and chromium-driver.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenefitsAndAdviceBrowserTest extends StandaloneHttpTest {

    private static final String LIGHT = DemoData.idOf("biological-light");
    private static final String BIKE_DATA = DemoData.idOf("floating-bike-data");

    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(Browser.available(), "No Chromium here (apt-get install chromium chromium-driver); the browser test is skipped");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Browser browser(String user) throws IOException {
        if (browser == null) {
            browser = Browser.start(port);
        }
        browser.size(Browser.DESKTOP);
        browser.open("/login?lang=da");
        if (!browser.all("#logout").isEmpty()) {
            browser.signOut();
        }
        browser.signIn(user);
        browser.waitForHeading("Overblik over partnerskabernes livsforløb");
        return browser;
    }

    /** First: the manager sees the demo as loaded, before the lead's follow-up ends the overdue wait. */
    @Test
    @Order(1)
    void a_manager_sees_what_partnerships_deliver_and_whose_follow_up_is_overdue() throws IOException {
        awaitAllProjected();
        Browser b = browser("manager");
        // The dashboard carries the benefits' headline and the central unit's answer times, and leads on to both.
        assertThat(b.text("#benefits-overdue .figure")).isEqualTo("1");
        assertThat(b.text("#dashboard-advice tr[data-topic=PROCEDURE] td")).isEqualTo("1");

        b.find("#dashboard-benefits a[href*='/benefits']").click();
        b.waitForHeading("Gevinster");
        b.assertAssetsLoaded();
        // Biological light promised better care and closer ties; the framework signed by eight municipalities met the
        // second, for the first it was too early to tell after the pilot.
        assertThat(b.text("#headline-declared .figure")).isEqualTo("2");
        assertThat(b.text("#headline-achieved .figure")).isEqualTo("1");
        assertThat(b.width("#categories li[data-category=QUALITY] .stack")).isGreaterThan(300);
        assertThat(b.width("#categories li[data-category=QUALITY] .bar.s5")).isGreaterThan(300);
        assertThat(b.width("#categories li[data-category=RELATIONSHIPS] .bar.s3")).isGreaterThan(300);
        assertThat(b.style("#categories li[data-category=RELATIONSHIPS] .bar.s3", "background-color")).isEqualTo("rgb(21, 128, 61)");
        assertThat(b.width("#categories li[data-category=CLIMATE] .stack")).isLessThan(5);
        assertThat(b.all("#categories .legend li")).hasSize(5);
        assertThat(b.text("#categories tr[data-category=RELATIONSHIPS]")).isEqualTo("Relationer på tværs 1 1 1 0 0 0 1");
        // In operation since September 2022, last followed up September 2023: overdue since September 2024.
        assertThat(b.text("#overdue-heading")).isEqualTo("Mangler opfølgning (1)");
        assertThat(b.text("#overdue tr[data-id='" + LIGHT + "']")).contains("Biologisk lys på plejehjem").contains("SUF")
                .contains("1. sep. 2023");
        b.assertAccessible();
        b.screenshot("benefits-manager-da");

        String categories = new String(Files.readAllBytes(b.download("a[href*='/benefits/csv?table=categories']")),
                StandardCharsets.UTF_8);
        assertThat(categories).startsWith("\uFEFFKategori;Forventede;Fulgt op;Opnået;Delvist opnået;Ikke opnået;For tidligt;Partnerskaber\r\n")
                .contains("Kvalitet;1;1;0;0;0;1;1");
        String all = new String(Files.readAllBytes(b.download("a[href*='/benefits/csv?table=benefits']")), StandardCharsets.UTF_8);
        assertThat(all).contains("Biologisk lys på plejehjem").contains("Relationer på tværs").contains("Opnået");
        assertThat(new String(Files.readAllBytes(b.download("a[href*='/benefits/csv?table=followUpsOverdue']")),
                StandardCharsets.UTF_8)).contains(LIGHT);

        // Filtered to another department, nothing is overdue; in English the same page speaks English.
        new Select(b.find("select[name=department]")).selectByValue("TMF");
        b.find("#apply-filters").click();
        b.waitUntil(ExpectedConditions.urlContains("department=TMF"));
        assertThat(b.text("#overdue-heading")).isEqualTo("Mangler opfølgning (0)");
        b.open("/benefits?lang=en");
        b.waitForHeading("Benefits");
        assertThat(b.text("#categories tr[data-category=QUALITY] th")).isEqualTo("Quality");
        assertThat(b.text("#overdue-heading")).isEqualTo("Follow-up overdue (1)");
        b.screenshot("benefits-manager-en");

        // On a phone: no sideways scrolling, the bars still drawn.
        b.size(Browser.PHONE);
        b.open("/benefits?lang=da");
        assertThat(b.pageWidth()).isLessThanOrEqualTo(b.windowWidth());
        assertThat(b.width("#categories li[data-category=QUALITY] .stack")).isGreaterThan(100);
        b.screenshot("benefits-phone-da");
    }

    @Test
    @Order(2)
    void a_lead_follows_a_benefit_up_and_asks_the_central_unit_and_an_advisor_answers() throws IOException {
        awaitAllProjected();
        Browser b = browser("lead");
        b.open("/partnerships/" + LIGHT);
        assertThat(b.all("#benefits tbody tr")).hasSize(2);
        assertThat(b.text("#benefits tbody tr:first-child")).contains("Kvalitet").contains("For tidligt at sige");

        // A realised amount on a benefit without a unit is refused in view, with what was typed kept; nothing appended.
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        new Select(b.find("#form-follow-up select[name=benefitId]")).selectByIndex(0);
        new Select(b.find("#form-follow-up select[name=assessment]")).selectByValue("ACHIEVED");
        b.find("#form-follow-up input[name=realised]").sendKeys("3");
        b.find("#form-follow-up textarea[name=note]").sendKeys("Beboerne sover bedre på alle plejehjem");
        b.find("#form-follow-up button").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("problem-follow-up")));
        assertThat(b.text("#problem-follow-up")).isEqualTo("Gevinsten har ingen enhed; vurder den i stedet for at angive en mængde.");
        assertThat(b.focusedId()).isEqualTo("problem-follow-up");
        assertThat(b.find("#form-follow-up textarea[name=note]").getAttribute("value")).isEqualTo("Beboerne sover bedre på alle plejehjem");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isEqualTo(events);
        b.screenshot("benefit-follow-up-refused-da");

        b.find("#form-follow-up input[name=realised]").clear();
        b.find("#form-follow-up button").click();
        b.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("benefits"), "Beboerne sover bedre"));
        assertThat(b.text("#benefits tbody tr:first-child")).contains("Opnået");
        assertThat(b.text("#timeline")).contains("Opfølgning på gevinst");
        b.assertAccessible();
        b.screenshot("benefits-partnership-lead-da");

        // The floating bike data case asks the central unit how to go on after six companies' tests.
        b.open("/partnerships/" + BIKE_DATA);
        new Select(b.find("#form-advice-request select[name=topic]")).selectByValue("LEGAL");
        b.find("#form-advice-request textarea[name=question]").sendKeys("Må testdata fra virksomhederne indgå i udbuddet?");
        b.find("#form-advice-request button").click();
        b.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("advice"), "Må testdata"));
        assertThat(b.text("#advice-heading")).isEqualTo("Spørgsmål til den centrale enhed (2)");
        b.signOut();

        // The advisor: the open questions oldest first, each with its form; an empty answer is refused in view.
        b.signIn("advisor");
        b.waitForHeading("Overblik over partnerskabernes livsforløb");
        b.find("nav a[href$='/advice']").click();
        b.waitForHeading("Rådgivning fra den centrale enhed");
        b.assertAssetsLoaded();
        assertThat(b.all("#open-requests article")).hasSize(2);
        assertThat(b.text("#open-requests article:first-of-type")).contains("Seks virksomheder har testet");
        String newest = b.find("#open-requests article:last-of-type").getAttribute("data-request");
        b.find("#request-" + newest + " button").click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("problem-" + newest)));
        assertThat(b.text("#problem-" + newest)).startsWith("Nogle felter mangler eller er ugyldige.");
        b.screenshot("advice-refused-advisor-da");
        b.find("#request-" + newest + " textarea[name=answer]").sendKeys("Ja, når resultaterne beskrives i udbudsmaterialet, "
                + "så alle tilbudsgivere kender dem.");
        // A double click answers once.
        b.script("const button = arguments[0]; button.click(); button.click();", b.find("#request-" + newest + " button"));
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("answered-notice")));
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%AdviceGivenEvent'")
                .param(BIKE_DATA).query(Long.class).single()).isEqualTo(1);
        assertThat(b.all("#open-requests article")).hasSize(1);
        assertThat(b.text("#recent tr.highlight")).contains("Floating bike data").contains("Demo-rådgiver");
        assertThat(b.text("#advice-figures tr[data-topic=LEGAL]")).isEqualTo("Jura 0 – 1 0 0");
        b.assertAccessible();
        b.screenshot("advice-advisor-da");

        // The answer on the partnership; the advisor records nothing there.
        b.open("/partnerships/" + BIKE_DATA);
        assertThat(b.text("#request-" + newest)).contains("Svar fra Demo-rådgiver, central udbuds- og juraenhed");
        assertThat(b.all("#form-advice-request")).isEmpty();
        assertThat(b.all("#form-benefit")).isEmpty();

        b.open("/advice?lang=en");
        b.waitForHeading("Advice from the central unit");
        assertThat(b.text("#advice-figures tr[data-topic=PROCEDURE] th")).isEqualTo("Procedure");
        b.size(Browser.PHONE);
        b.open("/advice?lang=en");
        assertThat(b.pageWidth()).isLessThanOrEqualTo(b.windowWidth());
        b.screenshot("advice-phone-en");

        // Only an advisor answers: the lead sees the questions without a form.
        b.size(Browser.DESKTOP);
        b.open("/advice?lang=da");
        b.signOut();
        b.signIn("lead");
        b.waitForHeading("Overblik over partnerskabernes livsforløb");
        b.open("/advice");
        assertThat(b.all("#open-requests form")).isEmpty();
        assertThat(b.text("#advisors-only")).contains("Kun rådgivere");
    }
}
