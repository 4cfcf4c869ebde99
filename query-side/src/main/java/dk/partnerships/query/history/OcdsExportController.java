package dk.partnerships.query.history;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.ReadProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/exports/ocds}: an OCDS 1.1.5 release package of every partnership that went through procurement
 * (or of one, with {@code partnershipId}), built from the history read model.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Exports", description = "Open Contracting Data Standard releases.")
@RestController
@RequestMapping(path = "/api/exports", produces = MediaType.APPLICATION_JSON_VALUE)
public class OcdsExportController {

    private final JdbcTemplate jdbc;
    private final OcdsReleases releases;
    private final String publisher;
    private final Clock clock;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    OcdsExportController(DataSource dataSource, Clock clock,
                         @Value("${partnerships.ocds.ocid-prefix:ocds-kbhpar}") String ocidPrefix,
                         @Value("${partnerships.owning-organisation:Københavns Kommune}") String publisher) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.releases = new OcdsReleases(ocidPrefix);
        this.publisher = publisher;
        this.clock = clock;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "ocdsReleasePackage", summary = "OCDS 1.1 release package of every partnership, or of one")
    @ApiResponse(responseCode = "200", description = "An OCDS 1.1 release package.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/OcdsReleasePackage"))})
    @GetMapping("/ocds")
    public Ocds.ReleasePackage releasePackage(@RequestParam(required = false) @Pattern(regexp = "[0-9A-Za-z-]{1,64}") String partnershipId,
                                       HttpServletRequest request) {
        List<Ocds.Release> all = new ArrayList<>();
        String[] current = {null};
        List<OcdsReleases.Entry> history = new ArrayList<>();
        jdbc.query("""
                        SELECT partnership_id, sequence, type, recorded_at, data::text FROM partnership_event_log
                        WHERE (CAST(? AS text) IS NULL OR partnership_id = ?) ORDER BY partnership_id, sequence""",
                (RowCallbackHandler) rs -> {
                    String id = rs.getString(1);
                    if (current[0] != null && !current[0].equals(id)) {
                        all.addAll(releases.releases(current[0], history));
                        history.clear();
                    }
                    current[0] = id;
                    history.add(new OcdsReleases.Entry(rs.getLong(2), rs.getTimestamp(4).toInstant(), event(rs.getString(3),
                            rs.getString(5))));
                }, partnershipId, partnershipId);
        if (current[0] != null) {
            all.addAll(releases.releases(current[0], history));
        }
        if (partnershipId != null && current[0] == null) {
            throw ReadProblems.notFound("partnership-not-found", partnershipId);
        }
        return new Ocds.ReleasePackage(request.getRequestURL().toString()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), "1.1",
                clock.instant().toString(), new Ocds.Publisher(publisher), all);
    }

    private PartnershipEvent event(String type, String data) {
        try {
            return json.readValue(data, PartnershipEventJson.eventType(type)
                    .orElseThrow(() -> new IllegalStateException("Unknown event type " + type)));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable logged event", e);
        }
    }
}
