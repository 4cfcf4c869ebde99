package dk.partnerships.query.web;

import org.springframework.context.MessageSource;

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

    public static String of(String field, Object value, Formats fmt, MessageSource messages, Locale locale) {
        if (value == null || (value instanceof Collection<?> empty && empty.isEmpty())) {
            return "–";
        }
        if (CODES.containsKey(field)) {
            return messages.getMessage(CODES.get(field) + value, null, value.toString(), locale);
        }
        if (field.endsWith("On") || field.endsWith("Date")) {
            return fmt.date(value);
        }
        if (field.endsWith("Dkk")) {
            return fmt.money(value);
        }
        if (value instanceof Map<?, ?> map) {
            return switch (field) {
                case "award" -> map.get("supplier") + (map.get("valueDkk") == null ? "" : ", " + fmt.money(map.get("valueDkk")));
                case "pilotOutcome" -> messages.getMessage("outcome." + map.get("outcome"), null, String.valueOf(map.get("outcome")),
                        locale) + ": " + map.get("findings");
                case "evaluation" -> String.valueOf(map.get("summary"));
                default -> map.values().stream().filter(java.util.Objects::nonNull).map(Object::toString)
                        .reduce((a, b) -> a + ", " + b).orElse("–");
            };
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
            if (field.equals("readinessItems")) {
                long open = list.stream().filter(item -> !Boolean.TRUE.equals(((Map<?, ?>) item).get("resolved"))).count();
                return messages.getMessage("history.items", new Object[] {list.size(), open}, locale);
            }
            return messages.getMessage("history.entries", new Object[] {list.size()}, locale);
        }
        if (value instanceof Collection<?> values) {
            return String.join(", ", values.stream().map(String::valueOf).toList());
        }
        if (value instanceof Boolean yes) {
            return messages.getMessage(yes ? "yes" : "no", null, locale);
        }
        return value.toString();
    }
}
