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
import dk.partnerships.query.state.PartnershipState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public List<HistoryEntry> history(@PathVariable @Pattern(regexp = ID) String id) {
        List<PartnershipHistoryRepository.LoggedEvent> events = history.events(id, null, null);
        if (events.isEmpty()) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        return events.stream().map(logged -> new HistoryEntry(logged.sequence(), logged.type(), logged.effectiveDate(),
                logged.recordedAt(), logged.recordedBy(), logged.recordedByName(), logged.recordedAs(),
                HistoryEntries.summary(logged.event()), HistoryEntries.why(logged.event()), logged.correlationId(),
                json.readTree(logged.data()))).toList();
    }

    @ApiResponse(responseCode = "200", description = "The state on asOf (as known at knownAt).", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/PartnershipDetail"))})
    @GetMapping(path = "/{id}", params = "asOf")
    public PastState asOf(@PathVariable @Pattern(regexp = ID) String id,
                                 @RequestParam(required = false) LocalDate asOf,
                                 @RequestParam(required = false) String knownAt) {
        if (asOf == null) { // ?asOf= with nothing after it
            throw ReadProblems.invalidParameter("invalid-parameter.date", "asOf").of("asOf");
        }
        return stateOf(id, asOf, knownAt(knownAt));
    }

    @ApiResponse(responseCode = "200", description = "The state as known at knownAt.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/PartnershipDetail"))})
    @GetMapping(path = "/{id}", params = {"knownAt", "!asOf"})
    public PastState knownAt(@PathVariable @Pattern(regexp = ID) String id,
                                    @RequestParam(required = false) String knownAt) {
        return stateOf(id, null, knownAt(knownAt));
    }

    /** The fields whose values differ between the state on {@code from} and the state on {@code to}. */
    @io.swagger.v3.oas.annotations.Operation(operationId = "diffStates", summary = "What changed between two dates")
    @ApiResponse(responseCode = "200", description = "What changed between the two dates.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Diff"))})
    @GetMapping("/{id}/diff")
    public StateDiff diff(@PathVariable @Pattern(regexp = ID) String id, @RequestParam LocalDate from,
                          @RequestParam LocalDate to) {
        if (!history.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        JsonNode before = asJson(fold(id, from, null), countedTo(from));
        JsonNode after = asJson(fold(id, to, null), countedTo(to));
        Map<String, StateDiff.Change> changes = new LinkedHashMap<>();
        for (RecordComponent component : PartnershipState.class.getRecordComponents()) {
            String field = component.getName();
            if (field.equals("daysInStage")) {
                continue; // it changes every day without anything happening
            }
            // A field the state does not have yet (before the proposal) is as empty as one that is null.
            JsonNode old = before.path(field).isMissingNode() ? NullNode.getInstance() : before.get(field);
            JsonNode now = after.path(field).isMissingNode() ? NullNode.getInstance() : after.get(field);
            if (!old.equals(now)) {
                changes.put(field, new StateDiff.Change(old, now));
            }
        }
        return new StateDiff(id, from, to, changes);
    }

    /** A state as its JSON; before the proposal, what the fold has counted: no events, no items, no lessons. */
    private JsonNode asJson(PartnershipStateFold fold, LocalDate day) {
        return fold.result(day).map(state -> people.withLeads(List.of(state)).get(0)).<JsonNode>map(json::valueToTree).orElseGet(() -> json.createObjectNode()
                .put("version", fold.version()).set("readinessItems", json.createArrayNode())
                .set("lessons", json.createArrayNode()));
    }

    private PastState stateOf(String id, LocalDate asOf, Instant knownAt) {
        if (!history.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        PartnershipState state = fold(id, asOf, knownAt).result(countedTo(asOf))
                .orElseThrow(() -> knownAt == null
                        ? ReadProblems.notFound("partnership-not-yet-proposed", id, String.valueOf(asOf))
                        : ReadProblems.notFoundWithDetail("partnership-not-yet-proposed",
                        "partnership-not-yet-proposed.known-at", id, String.valueOf(asOf != null ? asOf : LocalDate.now(clock)),
                        knownAt.toString()));
        // The name as it is now kept: an erased name is erased in every past state too.
        return new PastState(people.withLeads(List.of(state)).get(0), asOf, knownAt);
    }

    /** The day days in stage and days open are counted to: the asked date, never after today. */
    private LocalDate countedTo(LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        return asOf != null && asOf.isBefore(today) ? asOf : today;
    }

    private PartnershipStateFold fold(String id, LocalDate asOf, Instant knownAt) {
        PartnershipStateFold fold = new PartnershipStateFold();
        history.events(id, asOf, knownAt).forEach(logged -> fold.when(logged.event(), logged.recordedAt()));
        return fold;
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
