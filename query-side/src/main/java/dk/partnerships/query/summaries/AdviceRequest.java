package dk.partnerships.query.summaries;

import dk.partnerships.events.AdviceTopic;

import java.time.LocalDate;

/**
 * A question to the central unit and, once given, its answer; who asked and who answered as they signed in.
 *
 * @param days days from the question to the answer, or to today while it is open
 */
public record AdviceRequest(String requestId, String partnershipId, String title, String department, AdviceTopic topic,
                            String question, LocalDate askedOn, String askedBy, String answer, LocalDate answeredOn,
                            String answeredBy, long days) {

    public boolean open() {
        return answeredOn == null;
    }
}
