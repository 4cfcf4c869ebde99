package dk.partnerships.query.web;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Both languages say everything: same keys, every key a template names, every enum value labelled. */
class WebMessagesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = WebMessagesTest.class.getResourceAsStream("/messages/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void danish_and_english_have_the_same_keys() throws IOException {
        assertThat(load("web_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("web.properties").stringPropertyNames());
    }

    @Test
    void every_literal_key_in_the_templates_exists() throws IOException {
        Properties danish = load("web.properties");
        Pattern literalKey = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                Matcher matcher = literalKey.matcher(Files.readString(template));
                while (matcher.find()) {
                    if (!danish.containsKey(matcher.group(1))) {
                        missing.add(template.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void every_enum_value_and_event_type_has_a_label() throws IOException {
        Properties danish = load("web.properties");
        List<String> keys = new ArrayList<>();
        for (Stage value : Stage.values()) keys.add("stage." + value);
        for (PartnershipStatus value : PartnershipStatus.values()) keys.add("status." + value);
        for (PartnershipKind value : PartnershipKind.values()) keys.add("kind." + value);
        for (PilotOutcome value : PilotOutcome.values()) keys.add("outcome." + value);
        for (ReadinessType value : ReadinessType.values()) keys.add("readiness." + value);
        for (Class<?> type : dk.partnerships.events.PartnershipEvent.class.getPermittedSubclasses()) {
            keys.add("event." + type.getSimpleName());
        }
        assertThat(danish.stringPropertyNames()).containsAll(keys);
    }
}
