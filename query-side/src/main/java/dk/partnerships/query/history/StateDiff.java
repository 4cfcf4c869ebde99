package dk.partnerships.query.history;

import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Map;

/** The fields of a partnership's state whose values differ between two effective dates, by field name. */
public record StateDiff(String id, LocalDate from, LocalDate to, Map<String, Change> changes) {

    /** One field's value on {@code from} and on {@code to}, as the state's JSON writes it. */
    public record Change(JsonNode from, JsonNode to) {
    }
}
