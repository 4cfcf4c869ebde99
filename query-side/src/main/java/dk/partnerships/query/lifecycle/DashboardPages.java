package dk.partnerships.query.lifecycle;

import dk.partnerships.query.web.PageParameters;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import dk.partnerships.query.Csv;
import dk.partnerships.query.CsvDialects;
import dk.partnerships.query.lifecycle.DashboardTables;
import dk.partnerships.query.lifecycle.ImplementationGapFigures;
import dk.partnerships.query.lifecycle.LifecycleFigures;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import dk.partnerships.query.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Management's pages: the lifecycle dashboard (headline, funnel, stage × department, time in stage, quarterly trend,
 * time to implementation, and the headlines of benefits and advice) and the implementation gap, and their tables as CSV for the signed-in person's spreadsheet. Every chart is drawn
 * from the same figures as the table beside it, so a screen reader or a printout loses nothing. Filters that do not
 * parse are ignored rather than answered with an error page.
 */
@PageController
class DashboardPages {

    /** The gap page lists the oldest rows of each list; the CSV links carry them all. */
    static final int PAGE_ROWS = 200;
    private static final int CSV_ROWS = 100_000;

    private final LifecycleFigures lifecycle;
    private final ImplementationGapFigures gap;
    private final TimeToImplementationFigures timeToImplementation;
    private final dk.partnerships.query.summaries.EqualTreatmentQueries equalTreatment;
    private final CsvDialects dialects;
    private final dk.partnerships.query.summaries.BenefitQueries benefits;
    private final dk.partnerships.query.summaries.AdviceQueries advice;

    DashboardPages(LifecycleFigures lifecycle, ImplementationGapFigures gap,
                   TimeToImplementationFigures timeToImplementation,
                   dk.partnerships.query.summaries.EqualTreatmentQueries equalTreatment, CsvDialects dialects,
                   dk.partnerships.query.summaries.BenefitQueries benefits, dk.partnerships.query.summaries.AdviceQueries advice) {
        this.benefits = benefits;
        this.advice = advice;
        this.equalTreatment = equalTreatment;
        this.lifecycle = lifecycle;
        this.gap = gap;
        this.timeToImplementation = timeToImplementation;
        this.dialects = dialects;
    }

    /** The dashboard's filters as they parsed. */
    private record Filters(String department, PartnershipKind kind, Integer year) {

        static Filters of(String department, String kind, String year) {
            return new Filters(PageParameters.department(department), PageParameters.enumValue(PartnershipKind.class, kind),
                    PageParameters.year(year));
        }

        Map<String, String> asQuery() {
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("department", department);
            filters.put("kind", kind == null ? null : kind.name());
            filters.put("year", year == null ? null : year.toString());
            return filters;
        }
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboard";
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String department, @RequestParam(required = false) String kind,
                     @RequestParam(required = false) String year, @RequestParam(required = false) String by,
                     Model model) {
        Filters filters = Filters.of(department, kind, year);
        LifecycleDashboard figures = lifecycle.figures(filters.department(), filters.kind(), filters.year());
        ImplementationGap gapFigures = gap.figures(PageParameters.DEFAULT_GAP_DAYS, 1, filters.department());
        model.addAttribute("view", DashboardView.of(figures, gapFigures, filters.kind() != null || filters.year() != null));
        model.addAttribute("department", filters.department());
        model.addAttribute("kind", filters.kind() == null ? null : filters.kind().name());
        model.addAttribute("year", filters.year());
        model.addAttribute("filterQuery", PageParameters.query(filters.asQuery()));
        LifecycleDashboard.FilterOptions options = lifecycle.filterOptions();
        model.addAttribute("departments", options.departments());
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        model.addAttribute("stages", PageParameters.names(Stage.values()));
        model.addAttribute("years", options.years());
        model.addAttribute("quarterFigures", QuarterFigure.values());
        model.addAttribute("time", TimeToImplementationView.of(timeToImplementation.figures(timeBy(by),
                filters.department(), filters.kind(), filters.year())));
        // What partnerships deliver and how the central unit keeps up: the headline of /benefits and /advice.
        model.addAttribute("benefitFigures", benefits.dashboard(new dk.partnerships.query.summaries.BenefitQueries.Filters(
                filters.department(), filters.kind(), filters.year()), 1));
        model.addAttribute("advice", advice.figures());
        return "dashboard";
    }

    /** The time-to-implementation curve per kind unless the page asks per department. */
    private static TimeToImplementation.By timeBy(String by) {
        TimeToImplementation.By parsed = TimeToImplementation.By.of(by);
        return parsed == null ? TimeToImplementation.By.KIND : parsed;
    }

    /** A table of the time to implementation as CSV, with the page's filters, in the page's language. */
    @GetMapping("/dashboard/time-to-implementation/csv")
    ResponseEntity<String> timeToImplementationCsv(@RequestParam(required = false) String table,
                                                   @RequestParam(required = false) String by,
                                                   @RequestParam(required = false) String department,
                                                   @RequestParam(required = false) String kind,
                                                   @RequestParam(required = false) String year) {
        Filters filters = Filters.of(department, kind, year);
        DashboardTables.Table<?> rows = DashboardTables.timeToImplementation(timeToImplementation.figures(timeBy(by),
                filters.department(), filters.kind(), filters.year()), table == null ? "" : table);
        if (rows == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Csv.download("time-to-implementation-" + table + ".csv",
                rows.csv(dialects.forLanguage(LocaleContextHolder.getLocale())));
    }

    /** One of the dashboard's tables as CSV, with the page's filters, in the page's language. */
    @GetMapping("/dashboard/csv")
    ResponseEntity<String> dashboardCsv(@RequestParam(required = false) String table,
                                        @RequestParam(required = false) String department,
                                        @RequestParam(required = false) String kind,
                                        @RequestParam(required = false) String year) {
        Filters filters = Filters.of(department, kind, year);
        DashboardTables.Table<?> rows = DashboardTables.lifecycle(
                lifecycle.figures(filters.department(), filters.kind(), filters.year()), table == null ? "" : table);
        if (rows == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Csv.download("lifecycle-" + table + ".csv",
                rows.csv(dialects.forLanguage(LocaleContextHolder.getLocale())));
    }

    @GetMapping("/gap")
    String gap(@RequestParam(required = false) String days, @RequestParam(required = false) String department,
               Model model) {
        int threshold = PageParameters.days(days);
        String departmentFilter = PageParameters.department(department);
        model.addAttribute("gap", gap.figures(threshold, PAGE_ROWS, departmentFilter));
        // For the central procurement and legal unit: dialogue information that did not reach every bidder, and
        // tenders that named no procedure.
        model.addAttribute("unpublished", equalTreatment.flagged(departmentFilter, PAGE_ROWS));
        model.addAttribute("withoutProcedure", equalTreatment.withoutProcedure(departmentFilter, PAGE_ROWS));
        model.addAttribute("pageRows", PAGE_ROWS);
        model.addAttribute("days", threshold);
        model.addAttribute("department", departmentFilter);
        model.addAttribute("departments", lifecycle.filterOptions().departments());
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("days", Integer.toString(threshold));
        filters.put("department", departmentFilter);
        model.addAttribute("filterQuery", PageParameters.query(filters));
        return "gap";
    }

    /** One of the gap's tables as CSV, every row, with the page's filters, in the page's language. */
    @GetMapping("/gap/csv")
    ResponseEntity<String> gapCsv(@RequestParam(required = false) String table, @RequestParam(required = false) String days,
                                  @RequestParam(required = false) String department) {
        DashboardTables.Table<?> rows = DashboardTables.gap(
                gap.figures(PageParameters.days(days), CSV_ROWS, PageParameters.department(department)),
                table == null ? "" : table);
        if (rows == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Csv.download("implementation-gap-" + table + ".csv",
                rows.csv(dialects.forLanguage(LocaleContextHolder.getLocale())));
    }
}
