package dk.partnerships.query.summaries;

import dk.partnerships.query.web.FormProblem;
import dk.partnerships.query.web.PageParameters;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.query.Csv;


import dk.partnerships.query.CsvDialects;
import dk.partnerships.query.history.HistoryEntry;
import dk.partnerships.query.history.PartnershipHistoryController;
import dk.partnerships.query.history.TimelineLine;
import dk.partnerships.query.projection.ReadYourWrites;
import dk.partnerships.query.state.PartnershipRow;
import dk.partnerships.query.state.PartnershipState;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import dk.partnerships.query.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The partnership list with its filters, and one partnership's page: its state, timeline and the forms to move it. */
@PageController
class PartnershipPages {

    /** Partnerships per page of the list: a page stays quick to send and read with 100,000 partnerships. */
    static final int LIST_PAGE_ROWS = 100;

    /** The forms on a partnership's page, each posted back to the page with {@code action} set to its name. */
    static final List<String> ACTIONS = List.of("stage", "award", "pilot-outcome", "readiness-item", "resolve",
            "market-contact", "benefit", "follow-up", "advice-request", "lesson",
            "evaluation", "complete", "hold", "resume", "abandon");

    private final PartnershipReadRepository partnerships;
    private final PartnershipHistoryController history;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;
    private final MessageSource messages;
    private final CsvDialects dialects;
    private final BenefitQueries benefits;
    private final AdviceQueries advice;

    PartnershipPages(PartnershipReadRepository partnerships, PartnershipHistoryController history,
                     ReadYourWrites readYourWrites, Clock clock, MessageSource messages, CsvDialects dialects,
                     BenefitQueries benefits, AdviceQueries advice) {
        this.dialects = dialects;
        this.benefits = benefits;
        this.advice = advice;
        this.messages = messages;
        this.partnerships = partnerships;
        this.history = history;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @GetMapping("/partnerships")
    String list(@RequestParam(required = false) String stage, @RequestParam(required = false) String status,
                @RequestParam(required = false) String department, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String year, @RequestParam(required = false) String page, Model model) {
        Map<String, String> filters = filters(stage, status, department, kind, year);
        model.addAttribute("filters", filters);
        model.addAttribute("filterQuery", PageParameters.query(filters));
        // A page at a time, newest first: one row more than shown says whether there is a next page.
        int pageNumber = PageParameters.page(page);
        int offset = (pageNumber - 1) * LIST_PAGE_ROWS;
        List<PartnershipRow> rows = partnerships.list(filter(filters, LIST_PAGE_ROWS + 1, offset));
        boolean hasNext = rows.size() > LIST_PAGE_ROWS;
        List<PartnershipRow> shown = hasNext ? rows.subList(0, LIST_PAGE_ROWS) : rows;
        model.addAttribute("partnerships", shown);
        model.addAttribute("page", pageNumber);
        model.addAttribute("hasNext", hasNext);
        model.addAttribute("firstRow", offset + 1);
        model.addAttribute("lastRow", offset + shown.size());
        model.addAttribute("stages", PageParameters.names(Stage.values()));
        model.addAttribute("statuses", PageParameters.names(PartnershipStatus.values()));
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        model.addAttribute("departments", partnerships.departments());
        return "partnerships";
    }

    /** The list with the page's filters as CSV (every row, up to a spreadsheet's comfort), in the page's language. */
    @GetMapping("/partnerships/csv")
    ResponseEntity<String> listCsv(@RequestParam(required = false) String stage, @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String department,
                                   @RequestParam(required = false) String kind, @RequestParam(required = false) String year) {
        List<PartnershipRow> rows = partnerships.list(filter(filters(stage, status, department, kind, year), 100_000, 0));
        return Csv.download("partnerships.csv", Csv.table(rows, PartnershipReadRepository.EXPORT_COLUMNS,
                dialects.forLanguage(LocaleContextHolder.getLocale())));
    }

    /** The list's filters that parse, by name (a value that does not parse is no filter). */
    private static Map<String, String> filters(String stage, String status, String department, String kind, String year) {
        Stage stageFilter = PageParameters.enumValue(Stage.class, stage);
        PartnershipStatus statusFilter = PageParameters.enumValue(PartnershipStatus.class, status);
        PartnershipKind kindFilter = PageParameters.enumValue(PartnershipKind.class, kind);
        Integer yearFilter = PageParameters.year(year);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("stage", stageFilter == null ? null : stageFilter.name());
        filters.put("status", statusFilter == null ? null : statusFilter.name());
        filters.put("department", PageParameters.department(department));
        filters.put("kind", kindFilter == null ? null : kindFilter.name());
        filters.put("year", yearFilter == null ? null : yearFilter.toString());
        return filters;
    }

    private static PartnershipReadRepository.Filter filter(Map<String, String> filters, int limit, int offset) {
        return new PartnershipReadRepository.Filter(filters.get("stage"), filters.get("status"), filters.get("department"),
                filters.get("kind"), filters.get("year") == null ? null : Integer.valueOf(filters.get("year")), limit, offset);
    }

    @GetMapping("/partnerships/{id}")
    String page(@PathVariable String id, @RequestParam(required = false) String minVersion, Model model) {
        if (minVersion != null && minVersion.matches("\\d{1,9}")) {
            readYourWrites.awaitPartnership(id, Long.parseLong(minVersion));
        }
        fill(model, id, null, Map.of(), null);
        return "partnership";
    }

    /**
     * Puts the partnership, its timeline and its forms into the model.
     *
     * @param failedAction the form whose submission was refused (its values and error are shown again), or null
     * @param submitted    what the user typed into that form
     * @param problem      the refusal in plain words: {@code message} and {@code fields} (field → message)
     */
    void fill(Model model, String id, String failedAction, Map<String, String> submitted, FormProblem problem) {
        String validId = PageParameters.id(id);
        PartnershipState partnership = validId == null ? null : partnerships.find(validId).orElse(null);
        if (partnership == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no partnership with id " + id + ".");
        }
        model.addAttribute("p", partnership);
        // The forms only for whom the write side would accept them from: a project lead of this department.
        model.addAttribute("mayWrite", dk.partnerships.security.Author.current()
                .map(author -> author.leads(partnership.department())).orElse(false));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("timeline", TimelineLine.of(timeline(validId), messages, locale));
        String today = LocalDate.now(clock).toString();
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        for (String action : ACTIONS) {
            // A form shown again after a refusal keeps what was typed; every rendering gets a fresh request key.
            Map<String, String> values = new LinkedHashMap<>();
            values.put("effectiveDate", today);
            if (action.equals(failedAction)) {
                values.putAll(submitted);
            }
            values.put("requestKey", UUID.randomUUID().toString());
            forms.put(action, values);
        }
        model.addAttribute("forms", forms);
        model.addAttribute("statusActions", List.of("hold", "resume", "abandon"));
        model.addAttribute("failedAction", failedAction);
        model.addAttribute("problem", problem);
        model.addAttribute("stages", PageParameters.names(Stage.values()));
        // The stage form offers the next stage first: the usual move.
        Stage current = PageParameters.enumValue(Stage.class, partnership.stage());
        model.addAttribute("nextStage", current == null || current.ordinal() + 1 >= Stage.values().length ? null
                : Stage.values()[current.ordinal() + 1].name());
        model.addAttribute("outcomes", PageParameters.names(PilotOutcome.values()));
        model.addAttribute("readinessTypes", PageParameters.names(ReadinessType.values()));
        model.addAttribute("contactForms", PageParameters.names(dk.partnerships.events.MarketContactForm.values()));
        List<MarketContact> contacts = partnerships.marketContacts(validId);
        model.addAttribute("contacts", contacts);
        model.addAttribute("sharedContacts", contacts.stream().filter(c -> c.informationShared() != null).toList());
        model.addAttribute("procedures", PageParameters.names(dk.partnerships.events.TenderProcedure.values()));
        model.addAttribute("benefits", benefits.of(validId));
        model.addAttribute("benefitCategories", PageParameters.names(dk.partnerships.events.BenefitCategory.values()));
        model.addAttribute("assessments", PageParameters.names(dk.partnerships.events.BenefitAssessment.values()));
        // Follow-ups from the pilot on, and after completion; never after abandonment (the write side decides again).
        model.addAttribute("mayFollowUp", current != null && !current.isBefore(Stage.PILOT)
                && ("ACTIVE".equals(partnership.status()) || "COMPLETED".equals(partnership.status())));
        model.addAttribute("adviceRequests", advice.of(validId));
        model.addAttribute("adviceTopics", PageParameters.names(dk.partnerships.events.AdviceTopic.values()));
        model.addAttribute("advisor", dk.partnerships.security.Author.current()
                .map(author -> author.has(dk.partnerships.security.Role.ADVISOR)).orElse(false));
    }

    /** The history read model may be a moment behind the summary; then the timeline is shown as far as it goes. */
    private List<HistoryEntry> timeline(String id) {
        try {
            return history.history(id);
        } catch (dk.partnerships.query.ReadProblems.Refusal notYetProjected) {
            return List.of();
        }
    }

}
