package dk.partnerships.query.history;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PartnershipResumedEvent;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partnership's state after a prefix of its events: the fold behind {@code asOf} and {@code knownAt}. Gives the
 * same fields as the live read model, so a client reads a past state exactly as it reads today's.
 */
final class PartnershipStateFold {

    private final Map<String, Object> state = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> readinessItems = new LinkedHashMap<>();
    private final List<Map<String, Object>> lessons = new ArrayList<>();
    private long version;

    void apply(PartnershipEvent event, java.time.Instant recordedAt) {
        version++;
        LocalDate on = event.effectiveDate();
        if (event instanceof PartnershipProposedEvent e) {
            state.put("id", e.partnershipId());
            state.put("title", e.title());
            state.put("kind", e.kind().name());
            state.put("department", e.department());
            state.put("owningOrganisation", e.owningOrganisation());
            state.put("lead", e.lead());
            state.put("leadPersonId", e.leadPersonId());
            state.put("need", e.need());
            state.put("partners", e.partners());
            state.put("expectedValueDkk", e.expectedValueDkk());
            state.put("stage", "IDEA");
            state.put("status", "ACTIVE");
            state.put("proposedOn", on);
            state.put("stageEnteredOn", on);
            state.put("statusChangedOn", null);
            state.put("statusReason", null);
            state.put("award", null);
            state.put("pilotOutcome", null);
            state.put("evaluation", null);
        } else if (event instanceof StageAdvancedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof StageSkippedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof StageRevertedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof AwardRecordedEvent e) {
            Map<String, Object> award = new LinkedHashMap<>();
            award.put("supplier", e.supplier());
            award.put("valueDkk", e.valueDkk());
            award.put("buyers", e.buyers());
            award.put("buyerCount", e.buyerCount());
            award.put("frameworkAgreement", e.frameworkAgreement());
            award.put("awardedOn", on);
            state.put("award", award);
        } else if (event instanceof PilotOutcomeRecordedEvent e) {
            state.put("pilotOutcome", Map.of("outcome", e.outcome().name(), "findings", e.findings(), "recordedOn", on));
        } else if (event instanceof EvaluationRecordedEvent e) {
            state.put("evaluation", Map.of("summary", e.summary(), "benefitsExpected", e.benefitsExpected(),
                    "benefitsRealised", e.benefitsRealised(), "evaluatedOn", on));
        } else if (event instanceof ReadinessItemAddedEvent e) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("itemId", e.itemId());
            item.put("type", e.type().name());
            item.put("description", e.description());
            item.put("owner", e.owner());
            item.put("addedOn", on);
            item.put("resolved", false);
            item.put("resolvedOn", null);
            item.put("resolutionNote", null);
            readinessItems.put(e.itemId(), item);
        } else if (event instanceof ReadinessItemResolvedEvent e) {
            Map<String, Object> item = readinessItems.get(e.itemId());
            if (item != null) {
                item.put("resolved", true);
                item.put("resolvedOn", on);
                item.put("resolutionNote", e.note());
            }
        } else if (event instanceof LessonRecordedEvent e) {
            Map<String, Object> lesson = new LinkedHashMap<>();
            lesson.put("lessonId", e.lessonId());
            lesson.put("text", e.text());
            lesson.put("tags", e.tags());
            lesson.put("stage", e.stage().name());
            lesson.put("effectiveDate", on);
            lesson.put("recordedAt", recordedAt);
            lessons.add(lesson);
        } else if (event instanceof PartnershipPutOnHoldEvent e) {
            status("ON_HOLD", on, e.reason());
        } else if (event instanceof PartnershipResumedEvent e) {
            status("ACTIVE", on, e.reason());
        } else if (event instanceof PartnershipAbandonedEvent e) {
            status("ABANDONED", on, e.reason());
        } else if (event instanceof PartnershipCompletedEvent) {
            status("COMPLETED", on, null);
        }
    }

    private void enter(String stage, LocalDate on) {
        state.put("stage", stage);
        state.put("stageEnteredOn", on);
    }

    private void status(String status, LocalDate on, String reason) {
        state.put("status", status);
        state.put("statusChangedOn", on);
        state.put("statusReason", reason);
    }

    boolean isEmpty() {
        return version == 0;
    }

    /** The state, with {@code daysInStage} counted to {@code day} (the asOf date, or today). */
    Map<String, Object> result(LocalDate day) {
        Map<String, Object> result = new LinkedHashMap<>(state);
        LocalDate entered = (LocalDate) state.get("stageEnteredOn");
        result.put("daysInStage", entered == null ? null : java.time.temporal.ChronoUnit.DAYS.between(entered, day));
        result.put("version", version);
        List<Map<String, Object>> items = new ArrayList<>();
        readinessItems.values().forEach(item -> {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            LocalDate added = (LocalDate) item.get("addedOn");
            LocalDate resolvedOn = (LocalDate) item.get("resolvedOn");
            copy.put("daysOpen", java.time.temporal.ChronoUnit.DAYS.between(added, resolvedOn != null ? resolvedOn : day));
            items.add(copy);
        });
        result.put("readinessItems", items);
        result.put("lessons", List.copyOf(lessons));
        return result;
    }
}
