package dk.partnerships.query.history;

import dk.partnerships.query.web.CommandApi;
import dk.partnerships.query.web.Formats;
import dk.partnerships.query.web.PageParameters;
import dk.partnerships.query.web.StateText;

import dk.partnerships.query.ReadProblems;
import dk.partnerships.security.Author;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import dk.partnerships.query.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The auditor's pages: one partnership's history as a story in the page's language (what, when recorded, effective
 * date, who and why), its whole state on a chosen effective date and as known on a chosen day, what changed between
 * two dates, the verification of its hash chain, and its exports (with hashes, and as OCDS) downloaded with the
 * page's sign-in. Every value is escaped by Thymeleaf's {@code th:text}.
 */
@PageController
class HistoryPages {

    private final PartnershipHistoryController history;
    private final OcdsExportController ocds;
    private final CommandApi commands;
    private final MessageSource messages;
    private final JsonMapper json;

    HistoryPages(PartnershipHistoryController history, OcdsExportController ocds, CommandApi commands,
                 MessageSource messages, JsonMapper json) {
        this.history = history;
        this.ocds = ocds;
        this.commands = commands;
        this.messages = messages;
        this.json = json;
    }

    /** One changed field: its label and its values before and after, as the page writes them. */
    record Change(String field, String label, String before, String after) {
    }

    @GetMapping("/partnerships/{id}/history")
    String page(@PathVariable String id, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String knownAt, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Model model) {
        String validId = validId(id);
        List<HistoryEntry> entries = history.history(validId);
        Locale locale = LocaleContextHolder.getLocale();
        Formats fmt = (Formats) model.getAttribute("fmt");
        model.addAttribute("id", validId);
        model.addAttribute("entries", TimelineLine.of(entries, messages, locale));
        model.addAttribute("asOf", asOf);
        model.addAttribute("knownAt", knownAt);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("title", title(entries));

        LocalDate asOfDate = date(asOf);
        LocalDate knownAtDate = date(knownAt);
        if (blank(asOf) && blank(knownAt)) {
            model.addAttribute("stateProblem", null);
        } else if ((!blank(asOf) && asOfDate == null) || (!blank(knownAt) && knownAtDate == null)) {
            model.addAttribute("stateProblem", message("history.badDate"));
        } else {
            try {
                PastState past = asOfDate != null
                        ? history.asOf(validId, asOfDate, knownAtDate == null ? null : knownAtDate.toString())
                        : history.knownAt(validId, knownAtDate.toString());
                model.addAttribute("state", past.state());
            } catch (ReadProblems.Refusal notYetProposed) {
                model.addAttribute("stateProblem", message("history.notYet"));
            }
        }

        LocalDate fromDate = date(from);
        LocalDate toDate = date(to);
        if (!blank(from) || !blank(to)) {
            if (fromDate == null || toDate == null) {
                model.addAttribute("diffProblem", message("history.diffNeedsDates"));
            } else if (fromDate.isAfter(toDate)) {
                model.addAttribute("diffProblem", message("history.fromAfterTo"));
            } else {
                model.addAttribute("changes", changes(history.diff(validId, fromDate, toDate).changes(), fmt, locale));
            }
        }
        return "history";
    }

    /** The partnership's chain checked by the command side, said in words. */
    @GetMapping("/partnerships/{id}/verification")
    String verification(@PathVariable String id, Model model) {
        String validId = validId(id);
        List<HistoryEntry> entries = history.history(validId);
        CommandApi.Answer answer = commands.get("/api/partnerships/" + validId + "/verification", signedIn());
        model.addAttribute("id", validId);
        model.addAttribute("title", title(entries));
        model.addAttribute("events", entries.size());
        model.addAttribute("verification", answer.ok()
                ? json.treeToValue(answer.body(), ChainVerification.OfPartnership.class) : null);
        model.addAttribute("unavailable", !answer.ok());
        return "verification";
    }

    /** The stored history with its hashes, as the command side exports it (JSON or CSV). */
    @GetMapping("/partnerships/{id}/history/export")
    ResponseEntity<byte[]> export(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        String validId = validId(id);
        String kind = "csv".equals(format) ? "csv" : "json";
        CommandApi.Download file = commands.download("/api/partnerships/" + validId + "/history/export?format=" + kind,
                signedIn());
        if (file.status() == 404) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (file.status() != 200) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header("Content-Disposition", file.disposition() != null ? file.disposition()
                        : ContentDisposition.attachment().filename("partnership-" + validId + "-history." + kind).build().toString())
                .body(file.body());
    }

    /** The partnership's releases as an OCDS release package. */
    @GetMapping("/partnerships/{id}/ocds")
    ResponseEntity<byte[]> ocds(@PathVariable String id, HttpServletRequest request) {
        return ocdsFile(ocds.releasePackage(validId(id), request), "partnership-" + id + "-ocds.json");
    }

    /** Every partnership's releases as one OCDS release package. */
    @GetMapping("/audit/ocds")
    ResponseEntity<byte[]> allOcds(HttpServletRequest request) {
        return ocdsFile(ocds.releasePackage(null, request), "partnerships-ocds.json");
    }

    /** The auditor's start: the whole store's verification on request, and the exports. */
    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String verify, Model model) {
        if ("all".equals(verify)) {
            CommandApi.Answer answer = commands.get("/api/audit/verification", signedIn());
            model.addAttribute("report", answer.ok()
                    ? json.treeToValue(answer.body(), ChainVerification.OfStore.class) : null);
            model.addAttribute("unavailable", !answer.ok());
        }
        return "audit";
    }

    private ResponseEntity<byte[]> ocdsFile(Object releasePackage, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
                .body(json.writeValueAsString(releasePackage).getBytes(StandardCharsets.UTF_8));
    }

    /** Fields of the state that are keys, not facts a person compares. */
    private static final java.util.Set<String> NOT_COMPARED = java.util.Set.of("id", "leadPersonId", "leadErased", "asOf",
            "knownAt");

    /** The title the partnership was proposed with: the history's first entry says it, no second read needed. */
    private static String title(List<HistoryEntry> entries) {
        return entries.get(0).data() == null ? "" : entries.get(0).data().path("title").asString("");
    }

    private List<Change> changes(Map<String, StateDiff.Change> changes, Formats fmt, Locale locale) {
        List<Change> rows = new ArrayList<>();
        changes.forEach((field, change) -> {
            if (!NOT_COMPARED.contains(field)) {
                rows.add(new Change(field, messages.getMessage("label." + field, null, field, locale),
                        StateText.of(field, change.from(), fmt, messages, locale),
                        StateText.of(field, change.to(), fmt, messages, locale)));
            }
        });
        return rows;
    }

    private String message(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static String validId(String id) {
        String valid = PageParameters.id(id);
        if (valid == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return valid;
    }

    private static LocalDate date(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Author signedIn() {
        return Author.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}
