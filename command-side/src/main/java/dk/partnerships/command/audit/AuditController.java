package dk.partnerships.command.audit;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.security.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verification of the hash chains, and exports of a partnership's stored history with its hashes. Served by the
 * command side, which owns the event store; the person-readable history is on the read side.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Audit", description = "Proof that the record was not altered, and the stored events to check it outside the product.")
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    static final String ALGORITHM = "entry hash = hex(SHA-256(UTF-8 of previousHash, partnershipId, sequence, eventId, "
            + "payloadType, payloadRevision or empty, timeStamp, payloadBase64, metaDataBase64 or empty, joined by "
            + "line feeds)); the previous hash of sequence 0 is 64 zeros";

    private final ChainVerifier verifier;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    AuditController(ChainVerifier verifier, DataSource dataSource, JsonMapper json) {
        this.verifier = verifier;
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "verifyPartnership", summary = "Verify one partnership's hash chain")
    @GetMapping("/api/partnerships/{id}/verification")
    ChainVerifier.Verification verify(@PathVariable String id) {
        return verifier.verify(id).orElseThrow(() -> new NoSuchPartnership(id));
    }

    /** Every chain in the store. Reads the whole store: minutes on millions of events. */
    @io.swagger.v3.oas.annotations.Operation(operationId = "verifyStore", summary = "Verify every hash chain in the store")
    @ApiResponse(responseCode = "200", description = "Every chain in the store checked.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/StoreVerification"))})
    @GetMapping("/api/audit/verification")
    Map<String, Object> verifyAll() {
        return verifier.verifyAll();
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "exportHistory", summary = "Export the stored events with their hashes (JSON or CSV file)")
    @ApiResponse(responseCode = "200", description = "The stored events with their hashes, as a file (JSON, or CSV with format=csv).", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/HistoryExport")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping(path = "/api/partnerships/{id}/history/export", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<String> export(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw new InvalidFormat();
        }
        List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> StoredEvent.from(rs), id);
        if (events.isEmpty()) {
            throw new NoSuchPartnership(id);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (StoredEvent event : events) {
            rows.add(exportRow(event, previous));
            previous = event.entryHash();
        }
        String file = "partnership-" + id + "-history." + ("csv".equals(format) ? "csv" : "json");
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        if ("csv".equals(format)) {
            return answer.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(csv(rows));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("partnershipId", id);
        document.put("algorithm", ALGORITHM);
        document.put("events", rows);
        return answer.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(document));
    }

    private Map<String, Object> exportRow(StoredEvent event, String previousHash) {
        JsonNode metaData = event.metaData() == null ? null : json.readTree(event.metaData());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("partnershipId", event.aggregateIdentifier());
        row.put("sequence", event.sequenceNumber());
        row.put("eventId", event.eventIdentifier());
        row.put("type", event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1));
        row.put("payloadType", event.payloadType());
        row.put("payloadRevision", event.payloadRevision());
        row.put("timeStamp", event.timeStamp());
        row.put("effectiveDate", metaData == null ? null : metaData.path("effectiveDate").asString(null));
        row.put("recordedBy", metaData == null ? null : metaData.path("userId").asString(null));
        row.put("payload", json.readTree(event.payload()));
        row.put("metaData", metaData);
        row.put("payloadBase64", Base64.getEncoder().encodeToString(event.payload()));
        row.put("metaDataBase64", event.metaData() == null ? null : Base64.getEncoder().encodeToString(event.metaData()));
        row.put("previousHash", previousHash);
        row.put("hash", event.entryHash());
        return row;
    }

    private String csv(List<Map<String, Object>> rows) {
        String[] columns = {"partnershipId", "sequence", "eventId", "type", "payloadType", "payloadRevision", "timeStamp",
                "effectiveDate", "recordedBy", "payloadBase64", "metaDataBase64", "previousHash", "hash", "payload"};
        // A byte-order mark, so a spreadsheet reads the payloads' æøå as UTF-8.
        StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Object value = row.get(column);
                String text = value == null ? "" : value instanceof JsonNode node ? json.writeValueAsString(node)
                        : value.toString();
                cells.add(csvCell(text));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    static String csvCell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    static final class NoSuchPartnership extends RuntimeException {
        private final String id;

        NoSuchPartnership(String id) {
            super("There is no partnership with id " + id + ".");
            this.id = id;
        }
    }

    static final class InvalidFormat extends RuntimeException {
        InvalidFormat() {
            super("format must be json or csv");
        }
    }

    @ExceptionHandler(NoSuchPartnership.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchPartnership e) {
        return Problems.answer(HttpStatus.NOT_FOUND, "partnership-not-found", e.id);
    }

    @ExceptionHandler(InvalidFormat.class)
    ResponseEntity<ProblemDetail> invalidFormat() {
        ProblemDetail problem = Problems.problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "invalid-parameter.type", "format", "json | csv");
        problem.setProperty("parameter", "format");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
