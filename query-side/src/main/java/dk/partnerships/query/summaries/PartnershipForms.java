package dk.partnerships.query.summaries;


import dk.partnerships.security.Author;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.lessons.FoundLesson;
import dk.partnerships.query.lessons.SimilarLessons;
import dk.partnerships.query.web.CommandApi;
import dk.partnerships.query.web.FormProblem;
import dk.partnerships.query.web.PageParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import dk.partnerships.query.web.PageController;
import org.springframework.ui.Model;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
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
@PageController
class PartnershipForms {

    /** The form fields of each action, in the order they are sent; anything else posted is ignored. */
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("propose", List.of("title", "kind", "department", "lead", "need", "partners", "expectedValueDkk", "effectiveDate")),
            Map.entry("stage", List.of("to", "reason", "procedure", "procedureReason", "publishedContacts", "effectiveDate")),
            Map.entry("award", List.of("supplier", "valueDkk", "buyers", "buyerCount", "frameworkAgreement", "effectiveDate")),
            Map.entry("pilot-outcome", List.of("outcome", "findings", "effectiveDate")),
            Map.entry("readiness-item", List.of("type", "description", "owner", "effectiveDate")),
            Map.entry("resolve", List.of("itemId", "note", "effectiveDate")),
            Map.entry("lesson", List.of("text", "tags", "effectiveDate")),
            Map.entry("market-contact", List.of("organisation", "form", "summary", "informationShared", "effectiveDate")),
            Map.entry("benefit", List.of("category", "description", "unit", "expected", "effectiveDate")),
            Map.entry("follow-up", List.of("benefitId", "assessment", "realised", "note", "effectiveDate")),
            Map.entry("advice-request", List.of("topic", "question", "effectiveDate")),
            Map.entry("evaluation", List.of("summary", "benefitsExpected", "benefitsRealised", "effectiveDate")),
            Map.entry("complete", List.of("effectiveDate")),
            Map.entry("hold", List.of("reason", "effectiveDate")),
            Map.entry("resume", List.of("reason", "effectiveDate")),
            Map.entry("abandon", List.of("reason", "effectiveDate")));
    private static final List<String> LISTS = List.of("partners", "buyers", "tags");
    private static final List<String> TENDER_FIELDS = List.of("procedure", "procedureReason", "publishedContacts");
    private static final List<String> NUMBERS = List.of("expectedValueDkk", "valueDkk", "buyerCount", "expected", "realised");

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
        Map<String, String> unreadable = checked("propose", form);
        CommandApi.Answer answer = unreadable.isEmpty() ? commands.post("/api/partnerships", body("propose", form), null,
                form.get("requestKey"), signedIn()) : null;
        if (answer != null && answer.ok()) {
            return "redirect:/partnerships/" + answer.body().path("id").asString() + "?minVersion="
                    + Math.max(1, answer.version());
        }
        response.setStatus(answer == null ? 400 : answer.status());
        Map<String, String> values = submitted("propose", form);
        values.put("requestKey", UUID.randomUUID().toString());
        fillProposal(model, values, answer == null ? invalid(unreadable) : problem(answer));
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
            pages.fill(model, id, null, Map.of(), new FormProblem("unknown-action",
                    message("problem.unknown-action", "Unknown form."), Map.of()));
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
            case "market-contact" -> "/market-contacts";
            case "benefit" -> "/benefits";
            case "follow-up" -> "/benefits/" + (form.getOrDefault("benefitId", "").matches("[0-9A-Za-z-]{1,64}")
                    ? form.get("benefitId") : "unknown") + "/follow-ups";
            case "advice-request" -> "/advice-requests";
            default -> "/" + action; // evaluation, complete, hold, resume, abandon: the API's own paths
        };
        Long version = form.getOrDefault("version", "").matches("\\d{1,9}") ? Long.valueOf(form.get("version")) : null;
        Map<String, String> unreadable = checked(action, form);
        if (!unreadable.isEmpty()) {
            response.setStatus(400);
            pages.fill(model, validId, action, submitted(action, form), invalid(unreadable));
            return "partnership";
        }
        ObjectNode body = body(action, form);
        body.remove("itemId");
        body.remove("benefitId");
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

    private void fillProposal(Model model, Map<String, String> values, FormProblem problem) {
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

    private List<FoundLesson> similar(String title, String need, String department) {
        String text = (title == null ? "" : limit(title)) + " " + (need == null ? "" : limit(need));
        return similarLessons.similarTo(text, PageParameters.department(department), 5);
    }

    /** The JSON body for the write API: blank fields left out, lists split by line or comma, numbers as numbers. */
    static ObjectNode body(String action, Map<String, String> form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean intoTender = "stage".equals(action) && "TENDER".equals(form.get("to"));
        for (String field : FIELDS.get(action)) {
            String value = form.get(field);
            if (TENDER_FIELDS.contains(field) && !intoTender) {
                continue; // the procedure fieldset only counts for a move into the tender
            }
            if (field.equals("publishedContacts")) {
                // One checkbox per contact whose shared information can be published: published:<contactId>.
                List<String> published = form.keySet().stream().filter(name -> name.startsWith("published:"))
                        .map(name -> name.substring("published:".length())).sorted().toList();
                if (!published.isEmpty()) {
                    ArrayNode items = body.putArray(field);
                    published.forEach(items::add);
                }
                continue;
            }
            if (field.equals("frameworkAgreement")) {
                body.put(field, value != null);
                continue;
            }
            if (value == null || value.isBlank()) {
                continue;
            }
            if (LISTS.contains(field)) {
                ArrayNode items = body.putArray(field);
                Arrays.stream(value.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
            } else if (NUMBERS.contains(field) && amount(value, danish()) != null) {
                body.put(field, amount(value, danish()));
            } else {
                body.put(field, value.strip());
            }
        }
        return body;
    }

    /**
     * An amount as people type it: on Danish pages {@code 850.000}, {@code 1.250.000,50}, {@code 850000} or
     * {@code 850000,5}; on English pages {@code 850,000} or {@code 1,250,000.50}; spaces, "kr." and "DKK" ignored.
     * A point followed by one or two digits is a decimal point on either page (as a program would write it).
     * Null when it does not read as an amount.
     */
    static BigDecimal amount(String typed, boolean danish) {
        String text = typed.strip().replaceAll("(?i)^dkk|kr\\.?$", "").replaceAll("[\\s\u00a0]", "");
        String group = danish ? "\\." : ",";
        String decimal = danish ? "," : "\\.";
        if (text.matches("-?\\d{1,3}(" + group + "\\d{3})+(" + decimal + "\\d+)?") || text.matches("-?\\d+(" + decimal + "\\d+)?")) {
            return new BigDecimal(text.replaceAll(group, "").replace(',', '.'));
        }
        if (text.matches("-?\\d+\\.\\d{1,2}")) {
            return new BigDecimal(text);
        }
        return null;
    }

    /**
     * What the page can tell before asking the write side: an amount or a date that does not read, an abandonment
     * not confirmed. A refusal here looks like the write side's (validation-failed with its fields).
     */
    private Map<String, String> checked(String action, Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : FIELDS.get(action)) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (NUMBERS.contains(field) && amount(value, danish()) == null) {
                errors.putIfAbsent(field, message(field.equals("buyerCount") ? "form.not-a-count" : "form.not-an-amount",
                        "not a number"));
            }
            if (field.equals("effectiveDate") && !isDate(value.strip())) {
                errors.putIfAbsent(field, message("form.not-a-date", "not a date"));
            }
        }
        if (action.equals("abandon") && !"true".equals(form.get("confirm"))) {
            errors.putIfAbsent("confirm", message("form.confirm-abandon", "confirm"));
        }
        return errors;
    }

    private static boolean isDate(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException notADate) {
            return false;
        }
    }

    private static boolean danish() {
        return !"en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    private static Map<String, String> submitted(String action, Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS.get(action)) {
            if (form.get(field) != null) {
                values.put(field, limit(form.get(field)));
            }
        }
        // The ticked "published" boxes of a refused stage form stay ticked.
        form.keySet().stream().filter(name -> "stage".equals(action) && name.startsWith("published:")
                && name.length() <= 80).forEach(name -> values.put(name, "on"));
        return values;
    }

    /**
     * What is shown beside the form: the refusal in the page's language, and per field a message that names what is
     * wrong in words (never the write side's field names or its English).
     */
    private FormProblem problem(CommandApi.Answer answer) {
        Map<String, String> fields = new LinkedHashMap<>();
        answer.fieldErrors().forEach((field, text) -> fields.put(field.replaceAll("\\[\\d+]$", ""),
                fieldMessage(answer.code(), text)));
        return refusal(answer.code(), message("problem." + answer.code(), answer.detail()), fields);
    }

    /** What the page itself found unreadable, refused as the write side refuses invalid input. */
    private FormProblem invalid(Map<String, String> fields) {
        return refusal("validation-failed", "", fields);
    }

    private FormProblem refusal(String code, String message, Map<String, String> fields) {
        if (code.equals("validation-failed") || code.equals("invalid-value")) {
            List<String> labels = fields.keySet().stream().map(field -> message("label." + field, field)).toList();
            message = message("problem.validation-failed", "") + (labels.isEmpty() ? "" : " " + String.join(", ", labels) + ".");
        }
        return new FormProblem(code, message, fields);
    }

    /** The write side's message on one field, said in the page's language. */
    private String fieldMessage(String code, String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("blank") || lower.contains("null") || lower.contains("empty") || lower.contains("udfyld")
                || lower.contains("tom")) {
            return message("form.required", text);
        }
        if (lower.startsWith("size must be") || lower.contains("størrelse") || lower.contains("length")) {
            return message("form.too-long", text);
        }
        if (lower.contains("future") || lower.contains("fremtid")) {
            return message("problem.effective-date-in-future", text);
        }
        if (lower.contains("number") || lower.contains("tal")) {
            return message("form.not-an-amount", text);
        }
        if (lower.contains("positive") || lower.contains("greater than") || lower.contains("større")) {
            return message("form.not-negative", text);
        }
        return message("form.invalid", text);
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }

    /** Whatever is posted, no more than a long text is kept for showing it again. */
    private static String limit(String value) {
        return value.length() > 10_000 ? value.substring(0, 10_000) : value;
    }
}
