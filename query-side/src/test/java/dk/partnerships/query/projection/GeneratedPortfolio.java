package dk.partnerships.query.projection;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedure;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PartnershipResumedEvent;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generated portfolios for tests that project many partnerships: seeded, so a failure can be replayed. */
public final class GeneratedPortfolio {

    private static final LocalDate D0 = LocalDate.of(2023, 3, 1);

    private GeneratedPortfolio() {
    }

    /** Streams of partnerships that move through the stages with everything that can happen on the way. */
    public static List<List<ProjectedEvent>> portfolio(Random random, int partnerships) {
        List<List<ProjectedEvent>> streams = new ArrayList<>();
        for (int p = 0; p < partnerships; p++) {
            String id = "p-" + p;
            List<PartnershipEvent> events = new ArrayList<>();
            LocalDate on = D0.plusDays(random.nextInt(400));
            events.add(new PartnershipProposedEvent(id, "Partnerskab " + p, PartnershipKind.values()[p % 3],
                    List.of("TMF", "KFF", "SUF").get(p % 3), "KK", null, "person-" + p, "Behov", List.of("A/S " + p),
                    new BigDecimal(100_000 + p), on));
            Stage stage = Stage.IDEA;
            int items = 0;
            int length = 1 + random.nextInt(18);
            boolean closed = false;
            while (events.size() < length && !closed) {
                on = on.plusDays(1 + random.nextInt(60));
                int choice = random.nextInt(13);
                if (choice <= 3 && stage.ordinal() < Stage.values().length - 1) {
                    Stage to = Stage.values()[stage.ordinal() + 1];
                    events.add(new StageAdvancedEvent(id, stage, to, null, on));
                    if (to == Stage.TENDER && p % 3 == 0) {
                        events.add(new TenderProcedureChosenEvent(id, TenderProcedure.OPEN, null, List.of(), on));
                    }
                    stage = to;
                } else if (choice == 4 && stage.ordinal() < Stage.values().length - 2) {
                    Stage to = Stage.values()[stage.ordinal() + 2];
                    events.add(new StageSkippedEvent(id, stage, to, List.of(Stage.values()[stage.ordinal() + 1]), "kendt", on));
                    stage = to;
                } else if (choice == 5 && stage.ordinal() > 0) {
                    Stage to = Stage.values()[stage.ordinal() - 1];
                    events.add(new StageRevertedEvent(id, stage, to, "tilbage", on));
                    stage = to;
                } else if (choice == 6) {
                    events.add(new AwardRecordedEvent(id, "Leverandør", new BigDecimal("250000"), List.of("KK"), 1, false, on));
                } else if (choice == 7) {
                    events.add(new PilotOutcomeRecordedEvent(id, PilotOutcome.values()[random.nextInt(PilotOutcome.values().length)],
                            "fund", on));
                } else if (choice == 8) {
                    events.add(new ReadinessItemAddedEvent(id, "item-" + items++, ReadinessType.COMPETENCE, "Drift",
                            random.nextBoolean() ? "Driften" : "Plejehjemsledelsen", on));
                } else if (choice == 9 && items > 0) {
                    events.add(new ReadinessItemResolvedEvent(id, "item-" + random.nextInt(items), "klaret", on));
                } else if (choice == 10) {
                    String tag = "tag" + random.nextInt(3);
                    if (p % 2 == 0 && stage.ordinal() <= Stage.TENDER.ordinal()) {
                        events.add(new MarketContactRecordedEvent(id, id + "-contact-" + events.size(), "Firma " + tag,
                                MarketContactForm.MEETING, "Dialog om " + id, p % 4 == 0 ? "Budget" : null, on));
                    } else {
                        events.add(new LessonRecordedEvent(id, id + "-lesson-" + events.size(), "Lær af " + id,
                                List.of(tag), stage, on));
                    }
                } else if (choice == 11) {
                    events.add(new PartnershipPutOnHoldEvent(id, "budget", on));
                    if (p % 5 == 0) {
                        break; // still on hold
                    }
                    events.add(new PartnershipResumedEvent(id, "penge", on.plusDays(5)));
                } else if (choice == 12) {
                    events.add(new EvaluationRecordedEvent(id, "Godt", "Tid", null, on));
                    if (random.nextBoolean()) {
                        events.add(random.nextBoolean() ? new PartnershipCompletedEvent(id, on)
                                : new PartnershipAbandonedEvent(id, stage, "stop", on));
                        closed = true;
                    }
                }
            }
            List<ProjectedEvent> stream = new ArrayList<>();
            for (int sequence = 0; sequence < events.size(); sequence++) {
                stream.add(new ProjectedEvent(events.get(sequence), sequence,
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(p * 1000L + sequence),
                        Map.of("userId", "lead", "userName", "Lea Lead", "userRole", "PROJECT_LEAD",
                                "correlationId", "c-" + p, "commandId", "cmd-" + p + "-" + sequence)));
            }
            streams.add(stream);
        }
        return streams;
    }

    /** All streams merged at random, each partnership's events still in order. */
    public static List<ProjectedEvent> interleaved(List<List<ProjectedEvent>> streams, Random random) {
        List<List<ProjectedEvent>> left = new ArrayList<>();
        streams.forEach(stream -> left.add(new ArrayList<>(stream)));
        List<ProjectedEvent> merged = new ArrayList<>();
        while (!left.isEmpty()) {
            int pick = random.nextInt(left.size());
            merged.add(left.get(pick).remove(0));
            if (left.get(pick).isEmpty()) {
                left.remove(pick);
            }
        }
        return merged;
    }
}
