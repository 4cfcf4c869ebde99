package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's front door true: CI runs the test command it shows, and what it names exists. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    private static String firstCommandUnder(String readme, String heading) {
        Matcher matcher = Pattern.compile("## " + Pattern.quote(heading) + "\\R.*?```bash\\R(.+?)\\R```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(matcher.find()).as("a bash block under '## %s'", heading).isTrue();
        return matcher.group(1).strip();
    }

    @Test
    void ci_runs_the_test_command_of_the_readme() throws IOException {
        String testCommand = firstCommandUnder(read("README.md"), "Test it");
        assertThat(read(".ci/run").lines().map(String::strip)).contains(testCommand);
    }

    @Test
    void the_run_command_builds_and_runs_the_standalone_module() throws IOException {
        String runCommand = firstCommandUnder(read("README.md"), "Run it");
        assertThat(runCommand).contains("./mvnw").contains("-pl standalone").contains("spring-boot:run");
        assertThat(Files.isExecutable(ROOT.resolve("mvnw"))).isTrue();
    }

    @Test
    void the_modules_the_readme_names_exist() throws IOException {
        String readme = read("README.md");
        for (String module : new String[]{"events", "command-side", "query-side", "standalone"}) {
            assertThat(readme).contains(module + "/");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
        }
    }

    @Test
    void every_documented_partnerships_property_is_known_to_the_application() throws IOException {
        String readme = read("README.md");
        String applicationYaml = Files.readString(Path.of("src/main/resources/application.yml"));
        Matcher property = Pattern.compile("`partnerships\\.([a-z-]+)\\.?([a-z-]*)").matcher(readme);
        int documented = 0;
        while (property.find()) {
            documented++;
            assertThat(applicationYaml).as("application.yml declares partnerships.%s", property.group(1))
                    .contains(property.group(1) + ":");
        }
        assertThat(documented).isGreaterThan(5);
    }
}
