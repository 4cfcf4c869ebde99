package dk.partnerships.query.benefits;

import dk.partnerships.query.summaries.BenefitsDashboard;
import dk.partnerships.events.BenefitCategory;

import java.util.List;

/**
 * The benefits page's chart: per category one bar as long as its declared benefits (the longest fills the track),
 * split by where their latest follow-up left them; what nobody followed up is the bar's empty rest.
 */
record BenefitsView(List<CategoryBar> bars, long declared, long followedUp, long achieved) {

    /** Widths in percent of the track. */
    record CategoryBar(BenefitCategory category, BenefitsDashboard.CategoryFigures figures, double width,
                       double achieved, double partlyAchieved, double notAchieved, double tooEarly) {
    }

    static BenefitsView of(BenefitsDashboard dashboard) {
        long most = dashboard.categories().stream().mapToLong(BenefitsDashboard.CategoryFigures::declared).max().orElse(0);
        List<CategoryBar> bars = dashboard.categories().stream().map(c -> new CategoryBar(c.category(), c,
                percent(c.declared(), most), percent(c.achieved(), c.declared()), percent(c.partlyAchieved(), c.declared()),
                percent(c.notAchieved(), c.declared()), percent(c.tooEarly(), c.declared()))).toList();
        return new BenefitsView(bars,
                dashboard.categories().stream().mapToLong(BenefitsDashboard.CategoryFigures::declared).sum(),
                dashboard.categories().stream().mapToLong(BenefitsDashboard.CategoryFigures::followedUp).sum(),
                dashboard.categories().stream().mapToLong(BenefitsDashboard.CategoryFigures::achieved).sum());
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
