package dk.partnerships.query.summaries;

import dk.partnerships.events.BenefitCategory;

import java.time.LocalDate;
import java.util.List;

/**
 * What partnerships deliver, per category of benefit, and the partnerships in operation whose benefits nobody
 * followed up for {@code followUpDays}.
 *
 * @param categories           every category, in the order of {@link BenefitCategory}, zeros included
 * @param followUpsOverdue     the longest overdue first, at most the page's limit
 * @param followUpsOverdueTotal how many are overdue in all
 */
public record BenefitsDashboard(LocalDate asOf, int followUpDays, List<CategoryFigures> categories,
                                List<OverdueFollowUp> followUpsOverdue, long followUpsOverdueTotal) {

    /**
     * @param declared     benefits declared
     * @param followedUp   of those, followed up at least once
     * @param achieved     whose latest follow-up says achieved ({@code partlyAchieved}, {@code notAchieved},
     *                     {@code tooEarly} likewise)
     * @param partnerships partnerships that declared at least one benefit of the category
     */
    public record CategoryFigures(BenefitCategory category, long declared, long followedUp, long achieved,
                                  long partlyAchieved, long notAchieved, long tooEarly, long partnerships) {
    }

    /**
     * A partnership in operation (in IMPLEMENTATION or EVALUATION and active, or completed) with declared benefits and
     * no follow-up of any of them for more than {@code followUpDays}.
     *
     * @param lastFollowUpOn the latest follow-up of any of its benefits; null when never
     * @param dueOn          the day a follow-up was due: {@code followUpDays} after the later of going into
     *                       operation and the last follow-up
     */
    public record OverdueFollowUp(String id, String title, String department, String stage, String status,
                                  int benefits, LocalDate inOperationSince, LocalDate lastFollowUpOn, LocalDate dueOn,
                                  long daysOverdue) {
    }
}
