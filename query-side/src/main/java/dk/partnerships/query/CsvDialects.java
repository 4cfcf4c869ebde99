package dk.partnerships.query;

import org.springframework.context.MessageSource;

import java.util.Locale;
import java.util.Map;

/**
 * CSV written for a person's spreadsheet in their language: Danish (semicolons, decimal commas, Danish headers and
 * stage names) or English (commas, decimal points, English headers and names). Headers come from the pages' texts
 * ({@code csv.<column>}, a quarterly figure's {@code figure.<key>}); codes in the columns below are shown by their names. Programs get
 * {@link Csv.Dialect#MACHINE}.
 */
public class CsvDialects {

    /** Columns holding codes, and the family of texts that names them. */
    private static final Map<String, String> CODE_COLUMNS = Map.of(
            "stage", "stage.", "status", "status.", "kind", "kind.", "type", "readiness.", "trigger", "gap.trigger.",
            "outcome", "outcome.", "category", "benefitCategory.", "assessment", "assessment.", "topic", "adviceTopic.");

    private final MessageSource messages;

    public CsvDialects(MessageSource messages) {
        this.messages = messages;
    }

    /** The dialect of a page in this language ({@code en}: English, anything else Danish). */
    public Csv.Dialect forLanguage(Locale locale) {
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("da");
        java.util.function.UnaryOperator<String> header = column -> messages.getMessage("csv." + column, null,
                messages.getMessage("figure." + column, null,
                        messages.getMessage("stage." + column, null, column, language), language), language);
        java.util.function.BiFunction<String, Object, String> value = (column, cell) -> {
            String family = CODE_COLUMNS.get(column);
            return family == null ? null : messages.getMessage(family + cell, null, cell.toString(), language);
        };
        return "en".equals(locale.getLanguage()) ? Csv.Dialect.english(header, value) : Csv.Dialect.danish(header, value);
    }

    /** For the API: {@code lang=da} or {@code lang=en} asks for a person's dialect, no {@code lang} for a program's. */
    public Csv.Dialect forParameter(String lang) {
        return "da".equals(lang) || "en".equals(lang) ? forLanguage(Locale.forLanguageTag(lang)) : Csv.Dialect.MACHINE;
    }
}
