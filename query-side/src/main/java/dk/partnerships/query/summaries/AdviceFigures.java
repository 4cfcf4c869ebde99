package dk.partnerships.query.summaries;

import dk.partnerships.events.AdviceTopic;

import java.time.LocalDate;
import java.util.List;

/**
 * How the central unit keeps up: per topic the open requests and how long answers took.
 *
 * @param topics every topic, in the order of {@link AdviceTopic}, zeros included
 */
public record AdviceFigures(LocalDate asOf, List<TopicFigures> topics, long open, long answered) {

    /**
     * @param oldestOpenDays    days the oldest open request has waited; null when none is open
     * @param medianAnswerDays  the median of days from question to answer over answered requests; null when none
     * @param p90AnswerDays     the 90th percentile of the same (nearest rank); null when none
     */
    public record TopicFigures(AdviceTopic topic, long open, Long oldestOpenDays, long answered, Long medianAnswerDays,
                               Long p90AnswerDays) {
    }
}
