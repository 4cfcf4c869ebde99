package dk.partnerships.standalone;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The machine's headless Chromium driven as a person would: signing in, opening pages, clicking, downloading into a
 * folder of its own, at desktop or phone size, with what it sees checked by computed styles and by axe-core.
 * Uses Debian's {@code chromium} and {@code chromium-driver} (override with {@code CHROMIUM}, {@code CHROMEDRIVER}).
 */
final class Browser implements AutoCloseable {

    static final Dimension DESKTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final int port;
    private final Path downloads;

    private Browser(ChromeDriver driver, int port, Path downloads) {
        this.driver = driver;
        this.port = port;
        this.downloads = downloads;
    }

    static boolean available() {
        return Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
    }

    static Browser start(int port) throws IOException {
        Path downloads = Files.createTempDirectory("browser-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=da-DK", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "da-DK,da"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        driver.manage().window().setSize(DESKTOP);
        Files.createDirectories(SCREENSHOTS);
        return new Browser(driver, port, downloads);
    }

    private static Path chromium() {
        return Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    void signIn(String user) {
        signIn(user, user);
    }

    void signIn(String user, String password) {
        if (!driver.getCurrentUrl().contains("/login")) {
            open("/login");
        }
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    void signOut() {
        driver.findElement(By.id("logout")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("logged-out")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** A computed style of the first element matching {@code css}, as the browser rendered it. */
    String style(String css, String property) {
        return (String) script("return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
                css, property);
    }

    /** The rendered width in pixels of the first element matching {@code css}. */
    double width(String css) {
        return ((Number) script("return document.querySelector(arguments[0]).getBoundingClientRect().width", css)).doubleValue();
    }

    /** Whether the element is inside the window as it is scrolled now (a person sees it without scrolling). */
    boolean inView(String css) {
        return (Boolean) script("""
                const r = document.querySelector(arguments[0]).getBoundingClientRect();
                return r.top >= 0 && r.top < window.innerHeight && r.height > 0;""", css);
    }

    String focusedId() {
        return (String) script("return document.activeElement ? document.activeElement.id : null");
    }

    /** How wide the page is laid out: more than the window means the person scrolls sideways. */
    long pageWidth() {
        return ((Number) script("return document.documentElement.scrollWidth")).longValue();
    }

    long windowWidth() {
        return ((Number) script("return window.innerWidth")).longValue();
    }

    /** Every stylesheet and script the page references answers 200 and applied (sheets with rules, scripts loaded). */
    void assertAssetsLoaded() {
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) script("""
                const broken = [];
                for (const link of document.querySelectorAll('link[rel=stylesheet]')) {
                  if (!link.sheet || link.sheet.cssRules.length === 0) broken.push(link.href);
                }
                for (const entry of performance.getEntriesByType('resource')) {
                  if (entry.responseStatus && entry.responseStatus >= 400) broken.push(entry.name + ' ' + entry.responseStatus);
                }
                return broken;""");
        assertThat(broken).as("stylesheets and scripts of " + driver.getCurrentUrl()).isEmpty();
    }

    /**
     * Runs axe-core in the page and returns its serious and critical violations as readable lines (rule, impact, the
     * first offending elements).
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() throws IOException {
        if (!(Boolean) script("return typeof window.axe !== 'undefined'")) {
            script(axeSource());
        }
        assertThat(script("return window.axe.version")).as("axe-core loaded into the page").isEqualTo(axeVersion());
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        return (List<String>) result;
    }

    void assertAccessible() throws IOException {
        assertThat(seriousAccessibilityViolations()).as("axe-core on " + driver.getCurrentUrl()).isEmpty();
    }

    private static String axeSource() throws IOException {
        try (InputStream axe = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                + axeVersion() + "/axe.min.js")) {
            assertThat(axe).as("axe-core WebJar on the test classpath").isNotNull();
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String axeVersion() throws IOException {
        try (InputStream properties = Browser.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            java.util.Properties read = new java.util.Properties();
            read.load(properties);
            return read.getProperty("version");
        }
    }

    /** Clicks a download link and answers the file that arrived in the browser's download folder. */
    Path download(String linkCss) throws IOException {
        try (Stream<Path> before = Files.list(downloads)) {
            before.forEach(file -> file.toFile().delete());
        }
        find(linkCss).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(file -> !file.toString().endsWith(".crdownload") && !file.toString().endsWith(".tmp")
                        && file.toFile().length() > 0);
            } catch (IOException e) {
                return false;
            }
        });
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(file -> !file.toString().endsWith(".crdownload")).findFirst().orElseThrow();
        }
    }

    /** Date inputs are typed differently per locale; set their value as the form would send it. */
    void setDate(String css, LocalDate date) {
        script("arguments[0].value = arguments[1]", find(css), date.toString());
    }

    /** Waits for the condition; an element replaced by the next page while it is read is looked up again. */
    void waitUntil(ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    void waitForHeading(String text) {
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** Emulates printing (the manager's PDF): what the print stylesheet hides and shows. */
    void printMedia(boolean print) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
    }

    void screenshot(String name) throws IOException {
        // The whole page, not just the window: set the window as tall as the page for the shot.
        Dimension size = driver.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 120, 6000)));
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
