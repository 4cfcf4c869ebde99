package dk.partnerships.query.history;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The auditor's page for one partnership: its history in order (who, when recorded, effective date, what and why),
 * and the state on a chosen effective date and as known at a chosen day. Server-rendered; every value is escaped by
 * Thymeleaf's {@code th:text}.
 */
@Controller
class HistoryPageController {

    private final PartnershipHistoryController history;

    HistoryPageController(PartnershipHistoryController history) {
        this.history = history;
    }

    @GetMapping("/partnerships/{id}/history")
    String page(@PathVariable String id, @RequestParam(required = false) LocalDate asOf,
                @RequestParam(required = false) LocalDate knownAt, @RequestParam(required = false) LocalDate from,
                @RequestParam(required = false) LocalDate to, Model model) {
        if (!id.matches("[0-9A-Za-z-]{1,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<Map<String, Object>> entries = history.history(id);
        model.addAttribute("id", id);
        model.addAttribute("entries", entries);
        model.addAttribute("asOf", asOf);
        model.addAttribute("knownAt", knownAt);
        if (asOf != null || knownAt != null) {
            try {
                model.addAttribute("state", asOf != null ? history.asOf(id, asOf, knownAt == null ? null : knownAt.toString())
                        : history.knownAt(id, knownAt.toString()));
            } catch (RuntimeException notYetProposed) {
                model.addAttribute("stateMissing", true);
            }
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (from != null && to != null) {
            model.addAttribute("changes", history.diff(id, from, to).get("changes"));
        }
        model.addAttribute("title", entries.get(0).get("summary"));
        return "history";
    }
}
