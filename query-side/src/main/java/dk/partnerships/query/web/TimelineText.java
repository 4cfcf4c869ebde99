package dk.partnerships.query.web;

import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One timeline line in the page's language: what the event says, with stages, kinds and outcomes by their labels.
 * (The history API's {@code summary} stays English: it is for machines and auditors' exports.)
 */
public final class TimelineText {

    /** Per event type, the data fields its message shows, in order; a prefix names the label family of a value. */
    private static final Map<String, List<String>> ARGUMENTS = Map.ofEntries(
            Map.entry("PartnershipProposedEvent", List.of("title", "kind:kind", "department")),
            Map.entry("StageAdvancedEvent", List.of("stage:from", "stage:to")),
            Map.entry("StageSkippedEvent", List.of("stage:from", "stage:to")),
            Map.entry("StageRevertedEvent", List.of("stage:from", "stage:to")),
            Map.entry("AwardRecordedEvent", List.of("supplier")),
            Map.entry("PilotOutcomeRecordedEvent", List.of("outcome:outcome", "findings")),
            Map.entry("ReadinessItemAddedEvent", List.of("readiness:type", "description", "owner")),
            Map.entry("ReadinessItemResolvedEvent", List.of("note")),
            Map.entry("EvaluationRecordedEvent", List.of("summary")),
            Map.entry("LessonRecordedEvent", List.of("text")),
            Map.entry("MarketContactRecordedEvent", List.of("organisation", "contactForm:form", "summary")),
            Map.entry("TenderProcedureChosenEvent", List.of("procedure:procedure")),
            Map.entry("BenefitDeclaredEvent", List.of("benefitCategory:category", "description")),
            Map.entry("BenefitFollowedUpEvent", List.of("assessment:assessment", "note")),
            Map.entry("AdviceRequestedEvent", List.of("adviceTopic:topic", "question")),
            Map.entry("AdviceGivenEvent", List.of("answer")),
            Map.entry("PartnershipAbandonedEvent", List.of("stage:stage")));

    private TimelineText() {
    }

    /**
     * @param data    the event's data as stored; without it the English {@code summary} is all there is to show
     * @param summary the history's English one-liner, the fallback for an event type without a message
     */
    public static String of(String type, JsonNode data, String summary, MessageSource messages, Locale locale) {
        if (data == null) {
            return summary;
        }
        List<String> fields = ARGUMENTS.getOrDefault(type, List.of());
        Object[] arguments = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            String[] field = fields.get(i).split(":");
            String value = data.path(field[field.length - 1]).asString("");
            arguments[i] = field.length == 2 && !value.isEmpty()
                    ? messages.getMessage(field[0] + "." + value, null, value, locale) : value;
        }
        String text = messages.getMessage("timeline." + type, arguments, summary, locale);
        if (type.equals("AwardRecordedEvent")) {
            text += award(data, messages, locale);
        }
        return text;
    }

    /** An award's value and buyers, when recorded: " (150.000.000 kr., rammeaftale for 8 købere)". */
    private static String award(JsonNode data, MessageSource messages, Locale locale) {
        List<String> parts = new java.util.ArrayList<>();
        if (data.hasNonNull("valueDkk")) {
            parts.add(new Formats(locale, java.time.ZoneOffset.UTC).money(data.get("valueDkk").decimalValue()));
        }
        long buyers = data.path("buyerCount").asLong(0);
        if (data.path("frameworkAgreement").asBoolean(false)) {
            parts.add(messages.getMessage("timeline.framework", new Object[] {buyers}, locale));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
