package dk.partnerships.query.web;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import dk.partnerships.query.gap.ImplementationGapFigures;
import dk.partnerships.query.gap.LifecycleFigures;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * Management's pages: the lifecycle dashboard (funnel, stage × department, time in stage, quarterly trend) and the
 * implementation gap. Every chart is drawn from the same figures as the table beside it, so a screen reader or a
 * printout loses nothing. Filters that do not parse are ignored rather than answered with an error page.
 */
@Controller
class DashboardPages {

    /** The gap page lists the oldest rows of each list; the CSV links carry them all. */
    static final int PAGE_ROWS = 200;

    private final LifecycleFigures lifecycle;
    private final ImplementationGapFigures gap;

    DashboardPages(LifecycleFigures lifecycle, ImplementationGapFigures gap) {
        this.lifecycle = lifecycle;
        this.gap = gap;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboard";
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String department, @RequestParam(required = false) String kind,
                     @RequestParam(required = false) String year, Model model) {
        String departmentFilter = PageParameters.department(department);
        PartnershipKind kindFilter = PageParameters.enumValue(PartnershipKind.class, kind);
        Integer yearFilter = PageParameters.year(year);
        Map<String, Object> figures = lifecycle.figures(departmentFilter, kindFilter, yearFilter);
        model.addAttribute("figures", figures);
        model.addAttribute("department", departmentFilter);
        model.addAttribute("kind", kindFilter == null ? null : kindFilter.name());
        model.addAttribute("year", yearFilter);
        Map<String, Object> filters = new java.util.LinkedHashMap<>();
        filters.put("department", departmentFilter);
        filters.put("kind", kindFilter);
        filters.put("year", yearFilter);
        model.addAttribute("filterQuery", PageParameters.query(filters));
        Map<String, Object> options = lifecycle.filterOptions();
        model.addAttribute("departments", options.get("departments"));
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        model.addAttribute("stages", PageParameters.names(Stage.values()));
        model.addAttribute("years", options.get("years"));
        model.addAttribute("maxByStage", max(((Map<?, ?>) figures.get("byStage")).values()));
        model.addAttribute("maxTimeInStage", ((Map<?, ?>) figures.get("timeInStage")).values().stream()
                .mapToDouble(times -> ((Number) ((Map<?, ?>) times).get("p90Days")).doubleValue()).max().orElse(0));
        model.addAttribute("maxQuarter", ((List<?>) figures.get("quarterlyTrend")).stream()
                .mapToLong(quarter -> ((Number) ((Map<?, ?>) quarter).get("proposed")).longValue()).max().orElse(0));
        return "dashboard";
    }

    @GetMapping("/gap")
    String gap(@RequestParam(required = false) String days, Model model) {
        int threshold = PageParameters.days(days);
        model.addAttribute("gap", gap.figures(threshold, PAGE_ROWS));
        model.addAttribute("pageRows", PAGE_ROWS);
        model.addAttribute("days", threshold);
        return "gap";
    }

    private static long max(java.util.Collection<?> counts) {
        return counts.stream().mapToLong(count -> ((Number) count).longValue()).max().orElse(0);
    }
}
