package dk.partnerships.query.web;

import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One field of a partnership's state as a person reads it on the history's comparison: stages, statuses and kinds by
 * their names, dates and amounts in the page's form, an award as its supplier and value, lists joined, nothing as a
 * dash.
 */
public final class StateText {

    private static final Map<String, String> CODES = Map.of("stage", "stage.", "status", "status.", "kind", "kind.");

    private StateText() {
    }

    /** @param value the field's value as the state's JSON writes it */
    public static String of(String field, JsonNode value, Formats fmt, MessageSource messages, Locale locale) {
        if (value == null || value.isNull() || value.isMissingNode() || (value.isArray() && value.isEmpty())) {
            return "–";
        }
        if (CODES.containsKey(field)) {
            return messages.getMessage(CODES.get(field) + value.asString(), null, value.asString(), locale);
        }
        if (field.endsWith("On") || field.endsWith("Date")) {
            return fmt.date(value.asString());
        }
        if (field.endsWith("Dkk")) {
            return fmt.money(value.decimalValue());
        }
        if (value.isObject()) {
            return switch (field) {
                case "award" -> value.path("supplier").asString("")
                        + (value.path("valueDkk").isNumber() ? ", " + fmt.money(value.get("valueDkk").decimalValue()) : "");
                case "pilotOutcome" -> messages.getMessage("outcome." + value.path("outcome").asString(""), null,
                        value.path("outcome").asString(""), locale) + ": " + value.path("findings").asString("");
                case "evaluation" -> value.path("summary").asString("");
                default -> value.values().stream().filter(part -> !part.isNull()).map(JsonNode::asString)
                        .reduce((a, b) -> a + ", " + b).orElse("–");
            };
        }
        if (value.isArray() && value.get(0).isObject()) {
            if (field.equals("readinessItems")) {
                long open = value.values().stream().filter(item -> !item.path("resolved").asBoolean(false)).count();
                return messages.getMessage("history.items", new Object[] {value.size(), open}, locale);
            }
            return messages.getMessage("history.entries", new Object[] {value.size()}, locale);
        }
        if (value.isArray()) {
            return String.join(", ", value.values().stream().map(JsonNode::asString).toList());
        }
        if (value.isBoolean()) {
            return messages.getMessage(value.booleanValue() ? "yes" : "no", null, locale);
        }
        return value.asString();
    }
}
