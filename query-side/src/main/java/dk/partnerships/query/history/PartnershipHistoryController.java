package dk.partnerships.query.history;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.query.ReadProblems;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/partnerships/{id}/history}, the state on a past date ({@code ?asOf=}), the state as the system
 * knew it at a past moment ({@code ?knownAt=}, before later back-filling), and the difference between two dates.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Partnerships")
@RestController
@RequestMapping(path = "/api/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class PartnershipHistoryController {

    private static final String ID = "[0-9A-Za-z-]{1,64}";

    private final PartnershipHistoryRepository history;
    private final Clock clock;
    private final JsonMapper json;

    private final dk.partnerships.query.people.PersonNames people;

    PartnershipHistoryController(PartnershipHistoryRepository history, Clock clock, JsonMapper json,
                                 dk.partnerships.query.people.PersonNames people) {
        this.people = people;
        this.history = history;
        this.clock = clock;
        this.json = json;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "getHistory", summary = "The partnership's history: every event in order")
    @ApiResponse(responseCode = "200", description = "Every event in the order it was recorded.", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/HistoryEntry")))})
    @GetMapping("/{id}/history")
    public List<Map<String, Object>> history(@PathVariable @Pattern(regexp = ID) String id) {
        List<PartnershipHistoryRepository.LoggedEvent> events = history.events(id, null, null);
        if (events.isEmpty()) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (PartnershipHistoryRepository.LoggedEvent logged : events) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sequence", logged.sequence());
            entry.put("type", logged.type());
            entry.put("effectiveDate", logged.effectiveDate());
            entry.put("recordedAt", logged.recordedAt());
            entry.put("recordedBy", logged.recordedBy());
            entry.put("recordedByName", logged.recordedByName());
            entry.put("recordedAs", logged.recordedAs());
            entry.put("summary", HistoryEntries.summary(logged.event()));
            entry.put("why", HistoryEntries.why(logged.event()));
            entry.put("correlationId", logged.correlationId());
            entry.put("data", json.readTree(logged.data()));
            entries.add(entry);
        }
        return entries;
    }

    @ApiResponse(responseCode = "200", description = "The state on asOf (as known at knownAt).", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/PartnershipDetail"))})
    @GetMapping(path = "/{id}", params = "asOf")
    public Map<String, Object> asOf(@PathVariable @Pattern(regexp = ID) String id,
                                    @RequestParam(required = false) LocalDate asOf,
                                    @RequestParam(required = false) String knownAt) {
        if (asOf == null) { // ?asOf= with nothing after it
            throw ReadProblems.invalidParameter("invalid-parameter.date", "asOf").of("asOf");
        }
        return stateOf(id, asOf, knownAt(knownAt));
    }

    @ApiResponse(responseCode = "200", description = "The state as known at knownAt.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/PartnershipDetail"))})
    @GetMapping(path = "/{id}", params = {"knownAt", "!asOf"})
    public Map<String, Object> knownAt(@PathVariable @Pattern(regexp = ID) String id,
                                       @RequestParam(required = false) String knownAt) {
        return stateOf(id, null, knownAt(knownAt));
    }

    /** The fields whose values differ between the state on {@code from} and the state on {@code to}. */
    @io.swagger.v3.oas.annotations.Operation(operationId = "diffStates", summary = "What changed between two dates")
    @ApiResponse(responseCode = "200", description = "What changed between the two dates.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Diff"))})
    @GetMapping("/{id}/diff")
    public Map<String, Object> diff(@PathVariable @Pattern(regexp = ID) String id, @RequestParam LocalDate from,
                             @RequestParam LocalDate to) {
        if (!history.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        Map<String, Object> before = fold(id, from, null);
        Map<String, Object> after = fold(id, to, null);
        Map<String, Object> changes = new LinkedHashMap<>();
        Set<String> fields = new java.util.LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        fields.remove("daysInStage");
        for (String field : fields) {
            Object old = before.get(field);
            Object now = after.get(field);
            if (!Objects.equals(json.valueToTree(old), json.valueToTree(now))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", old);
                change.put("to", now);
                changes.put(field, change);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("from", from);
        answer.put("to", to);
        answer.put("changes", changes);
        return answer;
    }

    private Map<String, Object> stateOf(String id, LocalDate asOf, Instant knownAt) {
        if (!history.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        Map<String, Object> state = fold(id, asOf, knownAt);
        if (!state.containsKey("id")) {
            throw knownAt == null ? ReadProblems.notFound("partnership-not-yet-proposed", id, String.valueOf(asOf))
                    : ReadProblems.notFoundWithDetail("partnership-not-yet-proposed", "partnership-not-yet-proposed.known-at",
                    id, String.valueOf(asOf != null ? asOf : LocalDate.now(clock)), knownAt.toString());
        }
        state.put("asOf", asOf);
        state.put("knownAt", knownAt);
        return state;
    }

    private Map<String, Object> fold(String id, LocalDate asOf, Instant knownAt) {
        PartnershipStateFold fold = new PartnershipStateFold();
        history.events(id, asOf, knownAt).forEach(logged -> fold.apply(logged.event(), logged.recordedAt()));
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> state = new java.util.LinkedHashMap<>(fold.result(asOf != null && asOf.isBefore(today) ? asOf : today));
        if (state.containsKey("leadPersonId")) {
            // The name as it is now kept: an erased name is erased in every past state too.
            people.fillLeads(List.of(state));
        }
        return state;
    }

    /** A moment ({@code 2024-03-01T12:00:00Z}) or a day ({@code 2024-03-01}: as known at the end of that day). */
    private Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
            } catch (DateTimeParseException notADate) {
                throw ReadProblems.invalidParameter("invalid-parameter.known-at").of("knownAt");
            }
        }
    }
}
