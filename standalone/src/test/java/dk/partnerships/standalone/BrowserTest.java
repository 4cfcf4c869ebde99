package dk.partnerships.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A project lead and a manager in a real headless Chromium: the dashboard shows the seed's cases; an idea is proposed
 * (lessons from other departments appear beside it while typing; a missing field is answered beside the form with
 * nothing typed lost), moved to pilot (the skip needs a reason, said in plain words), its pilot succeeds, and after
 * the configured days it stands on the implementation gap page; the language switches to English and stays.
 * <p>
 * Uses the machine's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs); override with the environment variables {@code CHROMIUM} and {@code CHROMEDRIVER}.
 * Without them the test is skipped, never downloaded. Screenshots land in {@code standalone/target/screenshots}.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
class BrowserTest extends StandaloneHttpTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "No Chromium here (apt-get install chromium chromium-driver); the browser test is skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,2000", "--lang=da-DK");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_project_lead_takes_an_idea_to_a_successful_pilot_and_management_sees_the_gap() throws IOException {
        // Nobody signed in: the sign-in page. A wrong password is said in plain words.
        open("/dashboard");
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Log ind"));
        signIn("manager", "wrong");
        assertThat(browser.findElement(By.id("login-failed")).getText()).isEqualTo("Brugernavn eller adgangskode er forkert.");

        // Management: the dashboard, in Danish by default, shows the seed's five cases in their stages and departments;
        // no proposing for this role.
        signIn("manager", "manager");
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overblik over partnerskabernes livsforløb"));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Demo-ledelse");
        assertThat(browser.findElements(By.linkText("Foreslå en idé"))).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overblik over partnerskabernes livsforløb");
        assertThat(cell("TMF", "MARKET_DIALOGUE")).isEqualTo("2"); // floating bike data, locked bike parking
        assertThat(cell("TMF", "IMPLEMENTATION")).isEqualTo("1");  // flex heat with HOFOR
        assertThat(cell("BUF", "IMPLEMENTATION")).isEqualTo("1");  // potatoes for EAT
        assertThat(cell("SUF", "IMPLEMENTATION")).isEqualTo("1");  // biological light
        assertThat(browser.findElement(By.cssSelector("#funnel tr[data-stage=IMPLEMENTATION] td")).getText()).isEqualTo("3");
        screenshot("dashboard-demo-data-da");

        signOut();

        // A project lead proposing: while the need is typed, another department's lesson on bike data appears beside the form.
        signIn("lead", "lead");
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overblik over partnerskabernes livsforløb"));
        open("/partnerships/new");
        new Select(browser.findElement(By.name("department"))).selectByValue("KFF");
        browser.findElement(By.id("title")).sendKeys("Sensorer på cykelstier");
        browser.findElement(By.id("need")).sendKeys("Data om cykeltrafik til planlægning");
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("similar-lessons"), "Floating bike data"));
        assertThat(browser.findElement(By.id("similar-lessons")).getText())
                .contains("Markedsoverblik skabt, og løsninger fra seks virksomheder er testet.");

        // Without a project lead the proposal is refused beside the form, and nothing typed is lost.
        setDate(By.name("effectiveDate"), TODAY.minusDays(200));
        browser.findElement(By.id("propose")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error-lead")));
        assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("Nogle felter mangler eller er ugyldige.");
        assertThat(browser.findElement(By.id("error-lead")).getText()).isEqualTo("Skal udfyldes");
        assertThat(browser.findElement(By.id("title")).getAttribute("value")).isEqualTo("Sensorer på cykelstier");
        assertThat(browser.findElement(By.id("need")).getAttribute("value")).isEqualTo("Data om cykeltrafik til planlægning");
        assertThat(browser.findElement(By.name("effectiveDate")).getAttribute("value")).isEqualTo(TODAY.minusDays(200).toString());
        screenshot("proposal-refused");
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_summary WHERE title = 'Sensorer på cykelstier'")
                .query(Long.class).single()).isZero();

        browser.findElement(By.name("lead")).sendKeys("Mobilitetsenheden, KFF");
        browser.findElement(By.id("propose")).click();
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Sensorer på cykelstier"));
        assertThat(browser.findElement(By.id("stage")).getAttribute("data-stage")).isEqualTo("IDEA");

        // Straight to pilot skips stages: the rule is said in plain words beside the stage form.
        new Select(browser.findElement(By.cssSelector("#form-stage select[name=to]"))).selectByValue("PILOT");
        setDate(By.cssSelector("#form-stage input[name=effectiveDate]"), TODAY.minusDays(150));
        browser.findElement(By.cssSelector("#form-stage button")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#form-stage .problem")));
        assertThat(browser.findElement(By.cssSelector("#form-stage .problem")).getText())
                .isEqualTo("At springe en fase over kræver en begrundelse.");
        assertThat(new Select(browser.findElement(By.cssSelector("#form-stage select[name=to]")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("PILOT");

        browser.findElement(By.cssSelector("#form-stage textarea[name=reason]")).sendKeys("Løsningen findes allerede på markedet");
        browser.findElement(By.cssSelector("#form-stage button")).click();
        waitUntil(ExpectedConditions.attributeToBe(By.id("stage"), "data-stage", "PILOT"));

        new Select(browser.findElement(By.cssSelector("#form-pilot-outcome select[name=outcome]"))).selectByValue("SUCCEEDED");
        browser.findElement(By.cssSelector("#form-pilot-outcome textarea[name=findings]"))
                .sendKeys("Sensorerne talte 98 % af cyklerne korrekt");
        setDate(By.cssSelector("#form-pilot-outcome input[name=effectiveDate]"), TODAY.minusDays(120));
        browser.findElement(By.cssSelector("#form-pilot-outcome button")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Sensorerne talte 98 %"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Demo-projektleder (alle forvaltninger)");
        screenshot("partnership-page");
        String partnershipPage = browser.getCurrentUrl().replaceAll("[?#].*$", "");
        signOut();

        // A project lead of another department reads the page but gets no forms: KFF's partnership is not theirs.
        signIn("lead-tmf", "lead-tmf");
        browser.get(partnershipPage);
        assertThat(browser.findElement(By.id("read-only")).getText()).isEqualTo("Kun projektledere i KFF kan registrere her.");
        assertThat(browser.findElements(By.id("form-stage"))).isEmpty();
        signOut();
        signIn("manager", "manager");
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overblik over partnerskabernes livsforløb"));

        // 120 days since the successful pilot and not in operation: on the gap page at the default 90 days,
        // not when the threshold is above 120.
        open("/gap");
        WebElement stalled = browser.findElement(By.id("stalled"));
        assertThat(stalled.getText()).contains("Sensorer på cykelstier");
        assertThat(stalled.findElement(By.xpath(".//tr[td/a[text()='Sensorer på cykelstier']]/td[5]")).getText())
                .isEqualTo("120");
        open("/gap?days=121");
        assertThat(browser.findElement(By.id("stalled")).getText()).doesNotContain("Sensorer på cykelstier");

        // English on request, remembered across pages.
        browser.findElement(By.id("lang-en")).click();
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "The implementation gap"));
        open("/dashboard");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Partnership lifecycle dashboard");
        assertThat(browser.findElement(By.cssSelector("#funnel tr[data-stage=PILOT] th")).getText()).isEqualTo("Pilot");
        assertThat(browser.findElement(By.cssSelector("#matrix thead")).getText()).contains("Market dialogue");
        screenshot("dashboard");
        browser.findElement(By.id("lang-da")).click();
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overblik over partnerskabernes livsforløb"));
    }

    private void signIn(String user, String password) {
        if (!browser.getCurrentUrl().contains("/login")) {
            open("/login");
        }
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("logged-out")));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String cell(String department, String stage) {
        return browser.findElement(By.cssSelector("#matrix tr[data-department=" + department + "] td[data-stage=" + stage + "]"))
                .getText();
    }

    /** Date inputs are typed differently per locale; set their value as the form would send it. */
    private void setDate(By input, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(input),
                date.toString());
    }

    private void waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
