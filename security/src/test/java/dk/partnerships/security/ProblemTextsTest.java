package dk.partnerships.security;

import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusals' words: both languages complete, every text usable, the language chosen as clients ask for it. */
class ProblemTextsTest {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static Set<String> keys(Locale locale) {
        return new TreeSet<>(Collections.list(ResourceBundle.getBundle("dk.partnerships.security.problems", locale,
                NO_FALLBACK).getKeys()));
    }

    @Test
    void danish_and_english_say_the_same_things() {
        assertThat(keys(Locale.ENGLISH)).isEqualTo(keys(Locale.ROOT));
        for (String code : ProblemTexts.codes()) {
            assertThat(keys(Locale.ROOT)).as(code).anyMatch(key -> key.startsWith(code + ".") && key.endsWith(".detail"));
        }
    }

    @Test
    void every_text_reads_as_a_message_pattern_and_titles_name_nothing() {
        for (Locale language : ProblemTexts.LANGUAGES) {
            for (String key : keys(language.equals(Locale.ENGLISH) ? Locale.ENGLISH : Locale.ROOT)) {
                String text = ResourceBundle.getBundle("dk.partnerships.security.problems",
                        language.equals(Locale.ENGLISH) ? Locale.ENGLISH : Locale.ROOT, NO_FALLBACK).getString(key);
                new MessageFormat(text, language); // throws on a broken pattern
                if (key.endsWith(".title")) {
                    assertThat(text).as(key).doesNotContain("{");
                    assertThat(ProblemTexts.title(key.substring(0, key.length() - 6), language)).doesNotContain("''");
                }
            }
        }
    }

    @Test
    void numbers_are_written_without_thousands_separators() {
        assertThat(ProblemTexts.detail("stale-version", ProblemTexts.DANISH, 12345L, 12344L))
                .isEqualTo("Partnerskabet er i version 12345, ikke 12344; hent det igen og prøv igen.");
        assertThat(ProblemTexts.detail("request-too-large", Locale.ENGLISH, 300012L, 262144L))
                .contains("300012 bytes").contains("262144");
    }

    @Test
    void the_language_is_danish_unless_english_is_asked_for() {
        assertThat(ProblemTexts.language((String) null)).isEqualTo(ProblemTexts.DANISH);
        assertThat(ProblemTexts.language("en")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemTexts.language("en-GB,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemTexts.language("da;q=0.1, en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemTexts.language("de-DE, fr")).isEqualTo(ProblemTexts.DANISH);
        assertThat(ProblemTexts.language("da-DK")).isEqualTo(ProblemTexts.DANISH);
        assertThat(ProblemTexts.language(";;;q=x")).isEqualTo(ProblemTexts.DANISH);
    }
}
