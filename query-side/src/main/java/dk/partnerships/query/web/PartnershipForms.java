package dk.partnerships.query.web;

import dk.partnerships.security.Author;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.lessons.SimilarLessons;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The project leads' forms. Each submission becomes one call of the command side's write API; a refusal is shown
 * beside the form in plain words with everything the user typed still in it, and nothing is appended. Each rendered
 * form carries its own idempotency key (a double click records once) and the version it was shown at (a change by
 * someone else in between is caught, not overwritten).
 */
@Controller
class PartnershipForms {

    /** The form fields of each action, in the order they are sent; anything else posted is ignored. */
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("propose", List.of("title", "kind", "department", "lead", "need", "partners", "expectedValueDkk", "effectiveDate")),
            Map.entry("stage", List.of("to", "reason", "effectiveDate")),
            Map.entry("award", List.of("supplier", "valueDkk", "buyers", "buyerCount", "frameworkAgreement", "effectiveDate")),
            Map.entry("pilot-outcome", List.of("outcome", "findings", "effectiveDate")),
            Map.entry("readiness-item", List.of("type", "description", "owner", "effectiveDate")),
            Map.entry("resolve", List.of("itemId", "note", "effectiveDate")),
            Map.entry("lesson", List.of("text", "tags", "effectiveDate")),
            Map.entry("evaluation", List.of("summary", "benefitsExpected", "benefitsRealised", "effectiveDate")),
            Map.entry("complete", List.of("effectiveDate")),
            Map.entry("hold", List.of("reason", "effectiveDate")),
            Map.entry("resume", List.of("reason", "effectiveDate")),
            Map.entry("abandon", List.of("reason", "effectiveDate")));
    private static final List<String> LISTS = List.of("partners", "buyers", "tags");
    private static final List<String> NUMBERS = List.of("expectedValueDkk", "valueDkk", "buyerCount");

    private final CommandApi commands;
    private final PartnershipPages pages;
    private final SimilarLessons similarLessons;
    private final MessageSource messages;
    private final Clock clock;

    PartnershipForms(CommandApi commands, PartnershipPages pages, SimilarLessons similarLessons, MessageSource messages,
                     Clock clock) {
        this.commands = commands;
        this.pages = pages;
        this.similarLessons = similarLessons;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/partnerships/new")
    String proposeForm(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("effectiveDate", LocalDate.now(clock).toString());
        values.put("requestKey", UUID.randomUUID().toString());
        fillProposal(model, values, null);
        return "propose";
    }

    @PostMapping("/partnerships/new")
    String propose(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        CommandApi.Answer answer = commands.post("/api/partnerships", body("propose", form), null,
                form.get("requestKey"), signedIn());
        if (answer.ok()) {
            return "redirect:/partnerships/" + answer.body().get("id") + "?minVersion=" + Math.max(1, answer.version());
        }
        response.setStatus(answer.status());
        Map<String, String> values = submitted("propose", form);
        values.put("requestKey", UUID.randomUUID().toString());
        fillProposal(model, values, problem(answer));
        return "propose";
    }

    /** The lessons beside a new idea, refreshed by htmx as the title and need are typed. */
    @GetMapping("/partnerships/new/similar-lessons")
    String similarLessons(@RequestParam(required = false) String title, @RequestParam(required = false) String need,
                          @RequestParam(required = false) String department, Model model) {
        model.addAttribute("similarLessons", similar(title, need, department));
        return "propose :: similar-lessons";
    }

    @PostMapping("/partnerships/{id}")
    String act(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
               HttpServletResponse response, Model model) {
        String action = form.getOrDefault("action", "");
        String validId = PageParameters.id(id);
        if (!PartnershipPages.ACTIONS.contains(action) || validId == null) {
            response.setStatus(400);
            pages.fill(model, id, null, Map.of(), Map.of("message", message("problem.unknown-action", "Unknown form."),
                    "fields", Map.of()));
            return "partnership";
        }
        String path = "/api/partnerships/" + validId + switch (action) {
            case "stage" -> "/stage-transitions";
            case "award" -> "/award";
            case "pilot-outcome" -> "/pilot-outcome";
            case "readiness-item" -> "/readiness-items";
            case "resolve" -> "/readiness-items/" + (form.getOrDefault("itemId", "").matches("[0-9A-Za-z-]{1,64}")
                    ? form.get("itemId") : "unknown") + "/resolution";
            case "lesson" -> "/lessons";
            default -> "/" + action; // evaluation, complete, hold, resume, abandon: the API's own paths
        };
        Map<String, Object> body = body(action, form);
        body.remove("itemId");
        Long version = form.getOrDefault("version", "").matches("\\d{1,9}") ? Long.valueOf(form.get("version")) : null;
        CommandApi.Answer answer = commands.post(path, body, version, form.get("requestKey"), signedIn());
        if (answer.ok()) {
            return "redirect:/partnerships/" + validId + "?minVersion=" + answer.version() + "#timeline";
        }
        response.setStatus(answer.status());
        pages.fill(model, validId, action, submitted(action, form), problem(answer));
        return "partnership";
    }

    /** The security filters let only signed-in project leads post forms. */
    private static Author signedIn() {
        return Author.current().orElseThrow(() -> new IllegalStateException("A form reached the page unsigned"));
    }

    private void fillProposal(Model model, Map<String, String> values, Map<String, Object> problem) {
        model.addAttribute("form", values);
        model.addAttribute("problem", problem);
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        // Only the departments the project lead may propose in; the write side checks it again.
        Author author = signedIn();
        Map<String, String> departments = new LinkedHashMap<>(commands.departments(author));
        departments.keySet().retainAll(author.departments());
        model.addAttribute("departments", departments);
        model.addAttribute("similarLessons", similar(values.get("title"), values.get("need"), values.get("department")));
    }

    private List<Map<String, Object>> similar(String title, String need, String department) {
        String text = (title == null ? "" : limit(title)) + " " + (need == null ? "" : limit(need));
        return similarLessons.similarTo(text, PageParameters.department(department), 5);
    }

    /** The JSON body for the write API: blank fields left out, lists split by line or comma, numbers as numbers. */
    static Map<String, Object> body(String action, Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : FIELDS.get(action)) {
            String value = form.get(field);
            if (field.equals("frameworkAgreement")) {
                body.put(field, value != null);
                continue;
            }
            if (value == null || value.isBlank()) {
                continue;
            }
            if (LISTS.contains(field)) {
                body.put(field, Arrays.stream(value.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            } else if (NUMBERS.contains(field)) {
                body.put(field, number(value.strip()));
            } else {
                body.put(field, value.strip());
            }
        }
        return body;
    }

    /**
     * A number when it reads as one, written the Danish way ("1.250.000,50") or not ("1250000.50"); otherwise the
     * text as typed, which the API refuses with a clear answer.
     */
    static Object number(String value) {
        String digits = value.replace(" ", "");
        if (digits.contains(",")) {
            digits = digits.replace(".", "").replace(',', '.');
        }
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    private static Map<String, String> submitted(String action, Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS.get(action)) {
            if (form.get(field) != null) {
                values.put(field, limit(form.get(field)));
            }
        }
        return values;
    }

    /** What is shown beside the form: the refusal in the page's language, and the fields it concerns. */
    private Map<String, Object> problem(CommandApi.Answer answer) {
        Map<String, String> fields = new LinkedHashMap<>();
        answer.fieldErrors().forEach((field, text) -> fields.put(field.replaceAll("\\[\\d+]$", ""), fieldMessage(text)));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("code", answer.code());
        problem.put("message", message("problem." + answer.code(), answer.detail()));
        problem.put("fields", fields);
        return problem;
    }

    private String fieldMessage(String text) {
        if (text.contains("blank") || text.contains("null") || text.contains("empty")) {
            return message("form.required", text);
        }
        if (text.startsWith("size must be")) {
            return message("form.too-long", text);
        }
        return text;
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }

    /** Whatever is posted, no more than a long text is kept for showing it again. */
    private static String limit(String value) {
        return value.length() > 10_000 ? value.substring(0, 10_000) : value;
    }
}
