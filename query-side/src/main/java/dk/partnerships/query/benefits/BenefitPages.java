package dk.partnerships.query.benefits;

import dk.partnerships.query.summaries.BenefitQueries;
import dk.partnerships.query.summaries.BenefitsDashboard;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.Csv;
import dk.partnerships.query.CsvDialects;
import dk.partnerships.query.lifecycle.LifecycleFigures;
import dk.partnerships.query.web.PageController;
import dk.partnerships.query.web.PageParameters;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Management's benefits page: what partnerships deliver per category, and whose follow-up is overdue. */
@PageController
class BenefitPages {

    /** Overdue partnerships shown on the page; the CSV has them all. */
    static final int PAGE_ROWS = 100;
    private static final int CSV_ROWS = 100_000;

    private final BenefitQueries benefits;
    private final LifecycleFigures lifecycle;
    private final CsvDialects dialects;

    BenefitPages(BenefitQueries benefits, LifecycleFigures lifecycle, CsvDialects dialects) {
        this.benefits = benefits;
        this.lifecycle = lifecycle;
        this.dialects = dialects;
    }

    @GetMapping("/benefits")
    String page(@RequestParam(required = false) String department, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String year, Model model) {
        BenefitQueries.Filters filters = filters(department, kind, year);
        BenefitsDashboard dashboard = benefits.dashboard(filters, PAGE_ROWS);
        model.addAttribute("figures", dashboard);
        model.addAttribute("view", BenefitsView.of(dashboard));
        model.addAttribute("pageRows", PAGE_ROWS);
        model.addAttribute("department", filters.department());
        model.addAttribute("kind", filters.kind() == null ? null : filters.kind().name());
        model.addAttribute("year", filters.year());
        model.addAttribute("departments", lifecycle.filterOptions().departments());
        model.addAttribute("years", lifecycle.filterOptions().years());
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        model.addAttribute("filterQuery", PageParameters.query(asQuery(filters)));
        return "benefits";
    }

    /** One of the page's tables as CSV, every row, with the page's filters, in the page's language. */
    @GetMapping("/benefits/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String table, @RequestParam(required = false) String department,
                               @RequestParam(required = false) String kind, @RequestParam(required = false) String year) {
        String csv = BenefitTables.csv(table == null ? "" : table, benefits, filters(department, kind, year), CSV_ROWS,
                dialects.forLanguage(LocaleContextHolder.getLocale()));
        if (csv == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Csv.download("benefits-" + table + ".csv", csv);
    }

    private static BenefitQueries.Filters filters(String department, String kind, String year) {
        return new BenefitQueries.Filters(PageParameters.department(department),
                PageParameters.enumValue(PartnershipKind.class, kind), PageParameters.year(year));
    }

    private static Map<String, String> asQuery(BenefitQueries.Filters filters) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("department", filters.department());
        query.put("kind", filters.kind() == null ? null : filters.kind().name());
        query.put("year", filters.year() == null ? null : filters.year().toString());
        return query;
    }
}
