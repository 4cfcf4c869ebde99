package dk.partnerships.command.partnership;

import dk.partnerships.command.partnership.Commands.AbandonPartnershipCommand;
import dk.partnerships.command.partnership.Commands.AddReadinessItemCommand;
import dk.partnerships.command.partnership.Commands.AnswerAdviceRequestCommand;
import dk.partnerships.command.partnership.Commands.DeclareBenefitCommand;
import dk.partnerships.command.partnership.Commands.FollowUpBenefitCommand;
import dk.partnerships.command.partnership.Commands.RequestAdviceCommand;
import dk.partnerships.command.partnership.Commands.CompletePartnershipCommand;
import dk.partnerships.command.partnership.Commands.ProposePartnershipCommand;
import dk.partnerships.command.partnership.Commands.PutOnHoldCommand;
import dk.partnerships.command.partnership.Commands.RecordAwardCommand;
import dk.partnerships.command.partnership.Commands.RecordEvaluationCommand;
import dk.partnerships.command.partnership.Commands.RecordLessonCommand;
import dk.partnerships.command.partnership.Commands.RecordMarketContactCommand;
import dk.partnerships.command.partnership.Commands.RecordPilotOutcomeCommand;
import dk.partnerships.command.partnership.Commands.ResolveReadinessItemCommand;
import dk.partnerships.command.partnership.Commands.ResumePartnershipCommand;
import dk.partnerships.command.partnership.Commands.TransitionStageCommand;
import dk.partnerships.events.AdviceGivenEvent;
import dk.partnerships.events.AdviceRequestedEvent;
import dk.partnerships.events.AdviceTopic;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedure;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PartnershipResumedEvent;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;

/** Every rule of docs/domain.md, accepted and refused, given/when/then. A refusal must append nothing. */
class PartnershipLifecycleTest {

    private static final String ID = "p-1";
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final LocalDate D0 = LocalDate.of(2024, 1, 10);
    private static final LocalDate D1 = D0.plusDays(30);
    private static final LocalDate D2 = D0.plusDays(60);

    private AggregateTestFixture<Partnership> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partnership.class);
        fixture.registerInjectableResource(Clock.fixed(ZonedDateTime.of(TODAY.atTime(12, 0), COPENHAGEN).toInstant(), COPENHAGEN));
        // Every command comes from a project lead of TMF (the partnership's department) unless a test says otherwise.
        fixture.registerCommandDispatchInterceptor(messages -> (index, message) ->
                message.getMetaData().containsKey(CommandMetadata.AUTHOR_DEPARTMENTS) ? message
                        : message.andMetaData(java.util.Map.of(CommandMetadata.AUTHOR_DEPARTMENTS, "SUF,TMF")));
    }

    private static PartnershipProposedEvent proposed() {
        return new PartnershipProposedEvent(ID, "Aflåst cykelparkering", PartnershipKind.OPI, "TMF", "KK", null, "lead-1",
                "Forebyg cykeltyveri", List.of(), null, D0);
    }

    /** The events that bring a new partnership to {@code stage}, one normal step at a time, all on D0. */
    private static List<Object> historyUpTo(Stage stage) {
        List<Object> events = new ArrayList<>();
        events.add(proposed());
        Stage current = Stage.IDEA;
        while (current != stage) {
            if (current == Stage.TENDER) {
                events.add(award());
            }
            if (current == Stage.PILOT) {
                events.add(new PilotOutcomeRecordedEvent(ID, PilotOutcome.SUCCEEDED, "Virker", D0));
            }
            events.add(new StageAdvancedEvent(ID, current, current.next(), null, D0));
            current = current.next();
        }
        return events;
    }

    private static AwardRecordedEvent award() {
        return new AwardRecordedEvent(ID, "Leverandør A/S", new BigDecimal("1000000"), List.of("KK"), 1, false, D0);
    }

    private ResultValidator<Partnership> whenIn(Stage stage, Object command) {
        return fixture.given(historyUpTo(stage)).when(command);
    }

    private static TransitionStageCommand to(Stage to, String reason) {
        return new TransitionStageCommand(ID, null, to, reason, D1);
    }

    private static Matcher<CommandRejectedException> rejectionWith(String code) {
        return new FeatureMatcher<>(equalTo(code), "refusal with code", "code") {
            @Override
            protected String featureValueOf(CommandRejectedException actual) {
                return actual.code();
            }
        };
    }

    private static void refused(ResultValidator<Partnership> result, String code) {
        result.expectException(CommandRejectedException.class)
                .expectException(rejectionWith(code))
                .expectNoEvents();
    }

    @Nested
    class Proposing {

        @Test
        void a_proposal_starts_the_partnership_in_idea() {
            fixture.givenNoPriorActivity()
                    .when(new ProposePartnershipCommand(ID, "Aflåst cykelparkering", PartnershipKind.OPI, "TMF", "KK",
                            "lead-1", "Forebyg cykeltyveri", null, null, D0))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(proposed());
        }

        @Test
        void only_a_project_lead_of_the_department_may_propose_in_it() {
            refused(fixture.givenNoPriorActivity()
                    .when(new ProposePartnershipCommand(ID, "t", PartnershipKind.OPP, "TMF", "KK", "l", "n", null, null, D0),
                            java.util.Map.of(CommandMetadata.AUTHOR_DEPARTMENTS, "SUF,KFF")), "department-not-permitted");
            refused(fixture.givenNoPriorActivity()
                    .when(new ProposePartnershipCommand(ID, "t", PartnershipKind.OPP, "TMF", "KK", "l", "n", null, null, D0),
                            java.util.Map.of(CommandMetadata.AUTHOR_DEPARTMENTS, "")), "department-not-permitted");
        }

        @Test
        void a_project_lead_of_another_department_changes_nothing() {
            refused(fixture.given(proposed()).when(to(Stage.MARKET_DIALOGUE, null),
                    java.util.Map.of(CommandMetadata.AUTHOR_DEPARTMENTS, "SUF")), "department-not-permitted");
            refused(fixture.given(proposed()).when(new RecordLessonCommand(ID, null, "l-1", "Noget", List.of(), D1),
                    java.util.Map.of(CommandMetadata.AUTHOR_DEPARTMENTS, "TMFX")), "department-not-permitted");
        }

        @Test
        void a_proposal_dated_in_the_future_is_refused() {
            refused(fixture.givenNoPriorActivity()
                    .when(new ProposePartnershipCommand(ID, "t", PartnershipKind.OPP, "TMF", "KK", "l", "n", null, null,
                            TODAY.plusDays(1))), "effective-date-in-future");
        }

        @Test
        void a_proposal_dated_today_in_copenhagen_is_accepted() {
            fixture.givenNoPriorActivity()
                    .when(new ProposePartnershipCommand(ID, "t", PartnershipKind.OPP, "TMF", "KK", "l", "n", null, null, TODAY))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class MovingThroughStages {

        @Test
        void advancing_one_stage_answers_with_the_new_state_and_version() {
            fixture.given(proposed())
                    .when(to(Stage.MARKET_DIALOGUE, null))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D1))
                    .expectResultMessagePayload(new PartnershipState(ID, Stage.MARKET_DIALOGUE, PartnershipStatus.ACTIVE, 2));
        }

        @Test
        void a_partnership_walks_from_idea_to_completed() {
            List<Object> history = historyUpTo(Stage.EVALUATION);
            history.add(new EvaluationRecordedEvent(ID, "God", "Mindre tyveri", "Mindre tyveri", D0));
            fixture.given(history)
                    .when(new CompletePartnershipCommand(ID, null, D1))
                    .expectEvents(new PartnershipCompletedEvent(ID, D1))
                    .expectResultMessagePayload(new PartnershipState(ID, Stage.EVALUATION, PartnershipStatus.COMPLETED,
                            history.size() + 1));
        }

        @Test
        void skipping_a_stage_with_a_reason_records_what_was_skipped() {
            fixture.given(proposed())
                    .when(to(Stage.IMPLEMENTATION, "Strategisk partnerskab uden udbud"))
                    .expectEvents(new StageSkippedEvent(ID, Stage.IDEA, Stage.IMPLEMENTATION,
                            List.of(Stage.MARKET_DIALOGUE, Stage.TENDER, Stage.PILOT), "Strategisk partnerskab uden udbud", D1));
        }

        @Test
        void skipping_a_stage_without_a_reason_is_refused() {
            refused(fixture.given(proposed()).when(to(Stage.TENDER, null)), "stage-skip-needs-reason");
        }

        @Test
        void a_blank_reason_counts_as_no_reason() {
            refused(fixture.given(proposed()).when(to(Stage.TENDER, "   ")), "stage-skip-needs-reason");
        }

        @Test
        void going_back_with_a_reason_is_allowed() {
            fixture.given(historyUpTo(Stage.PILOT))
                    .when(to(Stage.TENDER, "Udbuddet skal gå om"))
                    .expectEvents(new StageRevertedEvent(ID, Stage.PILOT, Stage.TENDER, "Udbuddet skal gå om", D1));
        }

        @Test
        void going_back_without_a_reason_is_refused() {
            refused(whenIn(Stage.PILOT, to(Stage.TENDER, null)), "stage-revert-needs-reason");
        }

        @Test
        void moving_to_the_current_stage_is_refused() {
            refused(fixture.given(proposed()).when(to(Stage.IDEA, "why not")), "stage-unchanged");
        }

        @Test
        void leaving_the_tender_without_an_award_is_refused() {
            List<Object> history = new ArrayList<>(List.of(proposed(),
                    new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0),
                    new StageAdvancedEvent(ID, Stage.MARKET_DIALOGUE, Stage.TENDER, null, D0)));
            refused(fixture.given(history).when(to(Stage.PILOT, null)), "award-missing");
        }

        @Test
        void a_reason_does_not_replace_a_missing_award() {
            List<Object> history = List.of(proposed(),
                    new StageSkippedEvent(ID, Stage.IDEA, Stage.TENDER, List.of(Stage.MARKET_DIALOGUE), "kendt marked", D0));
            refused(fixture.given(history).when(to(Stage.IMPLEMENTATION, "ingen pilot nødvendig")), "award-missing");
        }

        @Test
        void an_awarded_tender_may_skip_the_pilot_with_a_reason() {
            List<Object> history = historyUpTo(Stage.TENDER);
            history.add(award());
            fixture.given(history)
                    .when(to(Stage.IMPLEMENTATION, "Velafprøvet løsning, ingen pilot"))
                    .expectEvents(new StageSkippedEvent(ID, Stage.TENDER, Stage.IMPLEMENTATION, List.of(Stage.PILOT),
                            "Velafprøvet løsning, ingen pilot", D1));
        }

        @Test
        void advancing_from_pilot_without_outcome_is_rejected() {
            List<Object> history = historyUpTo(Stage.PILOT);
            refused(fixture.given(history).when(to(Stage.IMPLEMENTATION, null)), "pilot-outcome-missing");
        }

        @Test
        void advancing_after_a_failed_pilot_needs_a_reason() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PilotOutcomeRecordedEvent(ID, PilotOutcome.FAILED, "Virkede ikke", D0));
            refused(fixture.given(history).when(to(Stage.IMPLEMENTATION, null)), "failed-pilot-needs-reason");
        }

        @Test
        void advancing_after_a_failed_pilot_with_a_reason_is_allowed() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PilotOutcomeRecordedEvent(ID, PilotOutcome.FAILED, "Virkede ikke", D0));
            fixture.given(history)
                    .when(to(Stage.IMPLEMENTATION, "Leverandøren har rettet fejlen"))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.PILOT, Stage.IMPLEMENTATION, "Leverandøren har rettet fejlen", D1));
        }

        @Test
        void a_repeated_pilot_needs_a_new_outcome() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new StageRevertedEvent(ID, Stage.IMPLEMENTATION, Stage.PILOT, "Pilot gentages", D0));
            refused(fixture.given(history).when(to(Stage.IMPLEMENTATION, null)), "pilot-outcome-missing");
        }

        @Test
        void a_re_run_tender_needs_a_new_award() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new StageRevertedEvent(ID, Stage.PILOT, Stage.TENDER, "Udbud gå om", D0));
            refused(fixture.given(history).when(to(Stage.PILOT, null)), "award-missing");
        }

        @Test
        void leaving_implementation_with_open_readiness_items_needs_a_reason() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "Driftskompetence", "Drift", D0));
            refused(fixture.given(history).when(to(Stage.EVALUATION, null)), "open-readiness-items-need-reason");
        }

        @Test
        void leaving_implementation_with_every_readiness_item_resolved_is_allowed() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "Driftskompetence", "Drift", D0));
            history.add(new ReadinessItemResolvedEvent(ID, "i-1", "Uddannet", D0));
            fixture.given(history)
                    .when(to(Stage.EVALUATION, null))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.IMPLEMENTATION, Stage.EVALUATION, null, D1));
        }
    }

    @Nested
    class EffectiveDates {

        @Test
        void an_effective_date_before_the_previous_event_is_refused() {
            List<Object> history = List.of(proposed(), new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D1));
            refused(fixture.given(history).when(new TransitionStageCommand(ID, null, Stage.TENDER, null, D0)),
                    "effective-date-before-previous-event");
        }

        @Test
        void an_effective_date_on_the_same_day_as_the_previous_event_is_allowed() {
            fixture.given(proposed())
                    .when(new TransitionStageCommand(ID, null, Stage.MARKET_DIALOGUE, null, D0))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void an_effective_date_in_the_future_is_refused() {
            refused(fixture.given(proposed()).when(new TransitionStageCommand(ID, null, Stage.MARKET_DIALOGUE, null,
                    TODAY.plusDays(1))), "effective-date-in-future");
        }
    }

    @Nested
    class Versions {

        @Test
        void a_command_expecting_the_current_version_is_accepted() {
            fixture.given(proposed())
                    .when(new TransitionStageCommand(ID, 1L, Stage.MARKET_DIALOGUE, null, D1))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_command_expecting_an_older_version_is_refused() {
            List<Object> history = List.of(proposed(), new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0));
            refused(fixture.given(history).when(new TransitionStageCommand(ID, 1L, Stage.TENDER, null, D1)), "stale-version");
        }

        @Test
        void a_command_expecting_a_version_not_reached_yet_is_refused() {
            refused(fixture.given(proposed()).when(new TransitionStageCommand(ID, 5L, Stage.MARKET_DIALOGUE, null, D1)),
                    "stale-version");
        }
    }

    @Nested
    class Awards {

        @Test
        void an_award_is_recorded_in_the_tender() {
            fixture.given(historyUpTo(Stage.TENDER))
                    .when(new RecordAwardCommand(ID, null, "Konsortium", new BigDecimal("150000000"),
                            List.of("KK", "Aarhus Kommune"), 8, true, D1))
                    .expectEvents(new AwardRecordedEvent(ID, "Konsortium", new BigDecimal("150000000"),
                            List.of("KK", "Aarhus Kommune"), 8, true, D1));
        }

        @Test
        void an_undisclosed_value_and_unnamed_buyers_are_allowed() {
            fixture.given(historyUpTo(Stage.TENDER))
                    .when(new RecordAwardCommand(ID, null, "Landmand", null, List.of(), null, false, D1))
                    .expectEvents(new AwardRecordedEvent(ID, "Landmand", null, List.of(), 0, false, D1));
        }

        @Test
        void fewer_buyers_than_named_is_refused() {
            refused(whenIn(Stage.TENDER, new RecordAwardCommand(ID, null, "X", BigDecimal.ONE, List.of("KK", "Aarhus"), 1,
                    true, D1)), "buyer-count-below-named-buyers");
        }

        @Test
        void an_award_outside_the_tender_is_refused() {
            refused(whenIn(Stage.MARKET_DIALOGUE, new RecordAwardCommand(ID, null, "X", BigDecimal.ONE, null, null, false, D1)),
                    "award-wrong-stage");
        }

        @Test
        void a_second_award_in_the_same_tender_is_refused() {
            List<Object> history = historyUpTo(Stage.TENDER);
            history.add(award());
            refused(fixture.given(history).when(new RecordAwardCommand(ID, null, "X", BigDecimal.ONE, null, null, false, D1)),
                    "award-already-recorded");
        }
    }

    @Nested
    class Pilots {

        @Test
        void a_pilot_outcome_is_recorded_in_the_pilot() {
            fixture.given(historyUpTo(Stage.PILOT))
                    .when(new RecordPilotOutcomeCommand(ID, null, PilotOutcome.PARTLY_SUCCEEDED, "Delvist", D1))
                    .expectEvents(new PilotOutcomeRecordedEvent(ID, PilotOutcome.PARTLY_SUCCEEDED, "Delvist", D1));
        }

        @Test
        void a_pilot_outcome_outside_the_pilot_is_refused() {
            refused(whenIn(Stage.TENDER, new RecordPilotOutcomeCommand(ID, null, PilotOutcome.SUCCEEDED, "x", D1)),
                    "pilot-outcome-wrong-stage");
        }

        @Test
        void a_second_outcome_for_the_same_pilot_is_refused() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PilotOutcomeRecordedEvent(ID, PilotOutcome.SUCCEEDED, "ok", D0));
            refused(fixture.given(history).when(new RecordPilotOutcomeCommand(ID, null, PilotOutcome.FAILED, "x", D1)),
                    "pilot-outcome-already-recorded");
        }
    }

    @Nested
    class Readiness {

        @Test
        void a_readiness_item_is_added_in_implementation() {
            fixture.given(historyUpTo(Stage.IMPLEMENTATION))
                    .when(new AddReadinessItemCommand(ID, null, "i-1", ReadinessType.ORGANISATIONAL_CHANGE, "Ny vagtplan", "Drift", D1))
                    .expectEvents(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.ORGANISATIONAL_CHANGE, "Ny vagtplan", "Drift", D1));
        }

        @Test
        void a_readiness_item_may_be_planned_during_the_pilot() {
            fixture.given(historyUpTo(Stage.PILOT))
                    .when(new AddReadinessItemCommand(ID, null, "i-1", ReadinessType.COMPETENCE, "Kursus", "Drift", D1))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_readiness_item_before_the_pilot_is_refused() {
            refused(whenIn(Stage.TENDER, new AddReadinessItemCommand(ID, null, "i-1", ReadinessType.COMPETENCE, "x", "y", D1)),
                    "readiness-item-wrong-stage");
        }

        @Test
        void a_readiness_item_id_used_twice_is_refused() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "x", "y", D0));
            refused(fixture.given(history).when(new AddReadinessItemCommand(ID, null, "i-1", ReadinessType.COMPETENCE, "x", "y", D1)),
                    "readiness-item-already-exists");
        }

        @Test
        void an_open_readiness_item_is_resolved() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "x", "y", D0));
            fixture.given(history)
                    .when(new ResolveReadinessItemCommand(ID, null, "i-1", "Klaret", D1))
                    .expectEvents(new ReadinessItemResolvedEvent(ID, "i-1", "Klaret", D1));
        }

        @Test
        void resolving_an_unknown_readiness_item_is_refused_as_not_found() {
            fixture.given(historyUpTo(Stage.IMPLEMENTATION))
                    .when(new ResolveReadinessItemCommand(ID, null, "nope", "x", D1))
                    .expectException(rejectionWith("readiness-item-not-found"))
                    .expectException(new FeatureMatcher<CommandRejectedException, CommandRejectedException.Reason>(
                            equalTo(CommandRejectedException.Reason.NOT_FOUND), "refusal reason", "reason") {
                        @Override
                        protected CommandRejectedException.Reason featureValueOf(CommandRejectedException actual) {
                            return actual.reason();
                        }
                    })
                    .expectNoEvents();
        }

        @Test
        void resolving_a_readiness_item_twice_is_refused() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(new ReadinessItemAddedEvent(ID, "i-1", ReadinessType.COMPETENCE, "x", "y", D0));
            history.add(new ReadinessItemResolvedEvent(ID, "i-1", "ok", D0));
            refused(fixture.given(history).when(new ResolveReadinessItemCommand(ID, null, "i-1", "x", D1)),
                    "readiness-item-already-resolved");
        }
    }

    @Nested
    class EvaluationAndCompletion {

        @Test
        void an_evaluation_is_recorded_in_evaluation() {
            fixture.given(historyUpTo(Stage.EVALUATION))
                    .when(new RecordEvaluationCommand(ID, null, "Godt", "A", "B", D1))
                    .expectEvents(new EvaluationRecordedEvent(ID, "Godt", "A", "B", D1));
        }

        @Test
        void an_evaluation_before_the_evaluation_stage_is_refused() {
            refused(whenIn(Stage.IMPLEMENTATION, new RecordEvaluationCommand(ID, null, "x", "a", "b", D1)),
                    "evaluation-wrong-stage");
        }

        @Test
        void completing_without_an_evaluation_is_refused() {
            refused(whenIn(Stage.EVALUATION, new CompletePartnershipCommand(ID, null, D1)), "evaluation-missing");
        }

        @Test
        void completing_outside_the_evaluation_stage_is_refused() {
            refused(whenIn(Stage.PILOT, new CompletePartnershipCommand(ID, null, D1)), "complete-wrong-stage");
        }
    }

    @Nested
    class HoldResumeAbandon {

        private List<Object> onHold() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PartnershipPutOnHoldEvent(ID, "Afventer budget", D0));
            return history;
        }

        @Test
        void a_partnership_is_put_on_hold_with_a_reason() {
            fixture.given(historyUpTo(Stage.PILOT))
                    .when(new PutOnHoldCommand(ID, null, "Afventer budget", D1))
                    .expectEvents(new PartnershipPutOnHoldEvent(ID, "Afventer budget", D1))
                    .expectResultMessagePayload(new PartnershipState(ID, Stage.PILOT, PartnershipStatus.ON_HOLD,
                            historyUpTo(Stage.PILOT).size() + 1));
        }

        @Test
        void putting_on_hold_without_a_reason_is_refused() {
            refused(whenIn(Stage.PILOT, new PutOnHoldCommand(ID, null, " ", D1)), "hold-needs-reason");
        }

        @Test
        void putting_on_hold_twice_is_refused() {
            refused(fixture.given(onHold()).when(new PutOnHoldCommand(ID, null, "igen", D1)), "partnership-already-on-hold");
        }

        @Test
        void a_partnership_on_hold_cannot_change_stage() {
            refused(fixture.given(onHold()).when(to(Stage.PILOT, "x")), "partnership-on-hold");
        }

        @Test
        void a_partnership_on_hold_cannot_record_a_pilot_outcome() {
            refused(fixture.given(onHold()).when(new RecordPilotOutcomeCommand(ID, null, PilotOutcome.SUCCEEDED, "x", D1)),
                    "partnership-on-hold");
        }

        @Test
        void a_partnership_on_hold_is_resumed() {
            fixture.given(onHold())
                    .when(new ResumePartnershipCommand(ID, null, null, D1))
                    .expectEvents(new PartnershipResumedEvent(ID, null, D1));
        }

        @Test
        void resuming_an_active_partnership_is_refused() {
            refused(whenIn(Stage.PILOT, new ResumePartnershipCommand(ID, null, null, D1)), "partnership-not-on-hold");
        }

        @Test
        void a_partnership_is_abandoned_with_a_reason_even_while_on_hold() {
            fixture.given(onHold())
                    .when(new AbandonPartnershipCommand(ID, null, "Ingen finansiering", D1))
                    .expectEvents(new PartnershipAbandonedEvent(ID, Stage.PILOT, "Ingen finansiering", D1));
        }

        @Test
        void abandoning_without_a_reason_is_refused() {
            refused(whenIn(Stage.IDEA, new AbandonPartnershipCommand(ID, null, null, D1)), "abandon-needs-reason");
        }

        @Test
        void an_abandoned_partnership_is_final() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PartnershipAbandonedEvent(ID, Stage.PILOT, "stop", D0));
            fixture.given(history).when(to(Stage.IMPLEMENTATION, "x"))
                    .expectException(CommandRejectedException.class).expectNoEvents();
            refused(fixture.given(history).when(new ResumePartnershipCommand(ID, null, null, D1)), "partnership-closed");
            refused(fixture.given(history).when(new AbandonPartnershipCommand(ID, null, "igen", D1)), "partnership-closed");
            refused(fixture.given(history).when(new PutOnHoldCommand(ID, null, "x", D1)), "partnership-closed");
        }

        @Test
        void a_completed_partnership_is_final() {
            List<Object> history = historyUpTo(Stage.EVALUATION);
            history.add(new EvaluationRecordedEvent(ID, "s", "a", "b", D0));
            history.add(new PartnershipCompletedEvent(ID, D0));
            refused(fixture.given(history).when(new RecordEvaluationCommand(ID, null, "x", "a", "b", D1)), "partnership-closed");
            refused(fixture.given(history).when(new CompletePartnershipCommand(ID, null, D1)), "partnership-closed");
        }
    }

    @Nested
    class Lessons {

        @Test
        void a_lesson_remembers_the_stage_it_was_learned_in() {
            fixture.given(historyUpTo(Stage.PILOT))
                    .when(new RecordLessonCommand(ID, null, "l-1", "Inddrag brugerne tidligt", List.of("brugere"), D1))
                    .expectEvents(new LessonRecordedEvent(ID, "l-1", "Inddrag brugerne tidligt", List.of("brugere"), Stage.PILOT, D1));
        }

        @Test
        void a_lesson_can_be_recorded_after_the_partnership_was_abandoned() {
            List<Object> history = historyUpTo(Stage.PILOT);
            history.add(new PartnershipAbandonedEvent(ID, Stage.PILOT, "stop", D0));
            fixture.given(history)
                    .when(new RecordLessonCommand(ID, null, "l-1", "Sikr driftsbudget før pilot", List.of(), D1))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_lesson_dated_before_the_previous_event_is_refused() {
            List<Object> history = List.of(proposed(), new StageAdvancedEvent(ID, Stage.IDEA, Stage.MARKET_DIALOGUE, null, D2));
            refused(fixture.given(history).when(new RecordLessonCommand(ID, null, "l-1", "x", List.of(), D1)),
                    "effective-date-before-previous-event");
        }
    }

    @Nested
    class MarketContacts {

        private RecordMarketContactCommand contact(String contactId, String shared) {
            return new RecordMarketContactCommand(ID, null, contactId, "Cykeldata ApS", MarketContactForm.PRODUCT_TEST,
                    "Test af GPS-data", shared, D1);
        }

        @Test
        void contacts_are_recorded_from_the_idea_until_the_tender_with_what_was_shared() {
            for (Stage stage : List.of(Stage.IDEA, Stage.MARKET_DIALOGUE, Stage.TENDER)) {
                whenIn(stage, contact("c-1", "Antal strækninger"))
                        .expectEvents(new MarketContactRecordedEvent(ID, "c-1", "Cykeldata ApS",
                                MarketContactForm.PRODUCT_TEST, "Test af GPS-data", "Antal strækninger", D1));
            }
            whenIn(Stage.MARKET_DIALOGUE, contact("c-2", "  "))
                    .expectEvents(new MarketContactRecordedEvent(ID, "c-2", "Cykeldata ApS",
                            MarketContactForm.PRODUCT_TEST, "Test af GPS-data", null, D1));
        }

        @Test
        void a_contact_after_the_award_is_refused() {
            for (Stage stage : List.of(Stage.PILOT, Stage.IMPLEMENTATION, Stage.EVALUATION)) {
                refused(whenIn(stage, contact("c-1", null)), "market-contact-wrong-stage");
            }
            List<Object> awarded = historyUpTo(Stage.TENDER);
            awarded.add(award());
            refused(fixture.given(awarded).when(contact("c-1", null)), "market-contact-wrong-stage");
        }

        @Test
        void the_same_contact_twice_is_refused_and_so_is_one_while_on_hold() {
            List<Object> history = historyUpTo(Stage.MARKET_DIALOGUE);
            history.add(new MarketContactRecordedEvent(ID, "c-1", "Cykeldata ApS", MarketContactForm.MEETING, "Møde",
                    null, D0));
            refused(fixture.given(history).when(contact("c-1", null)), "market-contact-already-exists");
            history.add(new PartnershipPutOnHoldEvent(ID, "Afventer budget", D0));
            refused(fixture.given(history).when(contact("c-2", null)), "partnership-on-hold");
        }
    }

    @Nested
    class Benefits {

        private final BenefitDeclaredEvent counted = new BenefitDeclaredEvent(ID, "b-1", BenefitCategory.CLIMATE,
                "Mindre CO2", "t CO2 pr. år", new BigDecimal("120"), D0);
        private final BenefitDeclaredEvent judged = new BenefitDeclaredEvent(ID, "b-2", BenefitCategory.RELATIONSHIPS,
                "Samarbejde på tværs af forvaltninger", null, null, D0);

        private FollowUpBenefitCommand followUp(String benefitId, BenefitAssessment assessment, BigDecimal realised) {
            return new FollowUpBenefitCommand(ID, null, "f-1", benefitId, assessment, realised, "Målt i 2025", D1);
        }

        @Test
        void a_benefit_is_declared_while_the_partnership_is_active_in_any_stage() {
            for (Stage stage : Stage.values()) {
                whenIn(stage, new DeclareBenefitCommand(ID, null, "b-1", BenefitCategory.CLIMATE, "Mindre CO2",
                        " t CO2 pr. år".strip(), new BigDecimal("120"), D0)).expectEvents(counted);
            }
            whenIn(Stage.IDEA, new DeclareBenefitCommand(ID, null, "b-2", BenefitCategory.RELATIONSHIPS,
                    "Samarbejde på tværs af forvaltninger", " ", null, D0)).expectEvents(judged);
        }

        @Test
        void an_expected_amount_needs_a_unit_and_a_benefit_is_declared_once() {
            refused(whenIn(Stage.IDEA, new DeclareBenefitCommand(ID, null, "b-1", BenefitCategory.ECONOMY, "Besparelse",
                    null, new BigDecimal("5"), D0)), "benefit-expected-needs-unit");
            List<Object> history = historyUpTo(Stage.IDEA);
            history.add(counted);
            refused(fixture.given(history).when(new DeclareBenefitCommand(ID, null, "b-1", BenefitCategory.ECONOMY,
                    "Besparelse", null, null, D0)), "benefit-already-exists");
            history.add(new PartnershipPutOnHoldEvent(ID, "Afventer budget", D0));
            refused(fixture.given(history).when(new DeclareBenefitCommand(ID, null, "b-3", BenefitCategory.ECONOMY,
                    "Besparelse", null, null, D0)), "partnership-on-hold");
        }

        @Test
        void benefits_are_followed_up_from_the_pilot_on_and_after_completion() {
            for (Stage stage : List.of(Stage.PILOT, Stage.IMPLEMENTATION, Stage.EVALUATION)) {
                List<Object> history = historyUpTo(stage);
                history.add(counted);
                fixture.given(history).when(followUp("b-1", BenefitAssessment.PARTLY_ACHIEVED, new BigDecimal("80")))
                        .expectEvents(new BenefitFollowedUpEvent(ID, "f-1", "b-1", BenefitAssessment.PARTLY_ACHIEVED,
                                new BigDecimal("80"), "Målt i 2025", D1));
            }
            List<Object> completed = historyUpTo(Stage.EVALUATION);
            completed.add(judged);
            completed.add(new EvaluationRecordedEvent(ID, "I drift", "Samarbejde", "Samarbejde", D0));
            completed.add(new PartnershipCompletedEvent(ID, D0));
            fixture.given(completed).when(followUp("b-2", BenefitAssessment.ACHIEVED, null))
                    .expectEvents(new BenefitFollowedUpEvent(ID, "f-1", "b-2", BenefitAssessment.ACHIEVED, null,
                            "Målt i 2025", D1))
                    .expectResultMessagePayload(new PartnershipState(ID, Stage.EVALUATION, PartnershipStatus.COMPLETED, 12));
        }

        @Test
        void a_follow_up_before_the_pilot_after_abandonment_or_of_an_unknown_benefit_is_refused() {
            List<Object> dialogue = historyUpTo(Stage.MARKET_DIALOGUE);
            dialogue.add(counted);
            refused(fixture.given(dialogue).when(followUp("b-1", BenefitAssessment.TOO_EARLY, null)),
                    "benefit-follow-up-wrong-stage");
            List<Object> abandoned = historyUpTo(Stage.PILOT);
            abandoned.add(counted);
            abandoned.add(new PartnershipAbandonedEvent(ID, Stage.PILOT, "Leverandøren lukkede", D0));
            refused(fixture.given(abandoned).when(followUp("b-1", BenefitAssessment.NOT_ACHIEVED, null)),
                    "benefit-follow-up-after-abandonment");
            refused(whenIn(Stage.PILOT, followUp("b-9", BenefitAssessment.ACHIEVED, null)), "benefit-not-found");
            List<Object> followedUp = historyUpTo(Stage.PILOT);
            followedUp.add(counted);
            followedUp.add(new BenefitFollowedUpEvent(ID, "f-1", "b-1", BenefitAssessment.TOO_EARLY, null, null, D0));
            refused(fixture.given(followedUp).when(followUp("b-1", BenefitAssessment.ACHIEVED, null)),
                    "benefit-follow-up-already-exists");
        }

        @Test
        void a_realised_amount_needs_a_counted_benefit() {
            List<Object> history = historyUpTo(Stage.IMPLEMENTATION);
            history.add(judged);
            refused(fixture.given(history).when(followUp("b-2", BenefitAssessment.ACHIEVED, BigDecimal.TEN)),
                    "benefit-realised-without-unit");
        }
    }

    @Nested
    class Advice {

        private final AdviceRequestedEvent asked = new AdviceRequestedEvent(ID, "r-1", AdviceTopic.LEGAL,
                "Må vi dele data med leverandøren?", D0);

        private final java.util.Map<String, String> advisor = java.util.Map.of(EventMetadata.USER_ROLE, "ADVISOR",
                CommandMetadata.AUTHOR_DEPARTMENTS, "");

        @Test
        void a_project_lead_asks_until_the_partnership_is_closed_also_while_on_hold() {
            whenIn(Stage.PILOT, new RequestAdviceCommand(ID, null, "r-1", AdviceTopic.LEGAL,
                    "Må vi dele data med leverandøren?", D0)).expectEvents(asked);
            List<Object> onHold = historyUpTo(Stage.TENDER);
            onHold.add(new PartnershipPutOnHoldEvent(ID, "Afventer jura", D0));
            fixture.given(onHold).when(new RequestAdviceCommand(ID, null, "r-1", AdviceTopic.LEGAL,
                    "Må vi dele data med leverandøren?", D0)).expectEvents(asked);
            List<Object> abandoned = historyUpTo(Stage.TENDER);
            abandoned.add(new PartnershipAbandonedEvent(ID, Stage.TENDER, "Intet marked", D0));
            refused(fixture.given(abandoned).when(new RequestAdviceCommand(ID, null, "r-2", AdviceTopic.OTHER, "?", D0)),
                    "partnership-closed");
        }

        @Test
        void only_an_advisor_answers_once_whatever_happened_since() {
            List<Object> history = historyUpTo(Stage.TENDER);
            history.add(asked);
            history.add(new PartnershipAbandonedEvent(ID, Stage.TENDER, "Intet marked", D0));
            AnswerAdviceRequestCommand answer = new AnswerAdviceRequestCommand(ID, null, "r-1", "Ja, med en databehandleraftale", D1);
            fixture.given(history).when(answer, advisor)
                    .expectEvents(new AdviceGivenEvent(ID, "r-1", "Ja, med en databehandleraftale", D1));
            // A project lead of the department, even, cannot answer.
            refused(fixture.given(history).when(answer), "advisor-only");
            history.add(new AdviceGivenEvent(ID, "r-1", "Ja", D0));
            refused(fixture.given(history).when(answer, advisor), "advice-request-already-answered");
            refused(fixture.given(history).when(new AnswerAdviceRequestCommand(ID, null, "r-9", "Ja", D1), advisor),
                    "advice-request-not-found");
        }

        @Test
        void an_advisor_writes_nothing_else() {
            refused(fixture.given(historyUpTo(Stage.PILOT)).when(new RequestAdviceCommand(ID, null, "r-1",
                    AdviceTopic.LEGAL, "?", D0), advisor), "department-not-permitted");
        }
    }

    @Nested
    class TenderProcedures {

        private TransitionStageCommand intoTender(TenderProcedure procedure, String reason, List<String> published) {
            return new TransitionStageCommand(ID, null, Stage.TENDER, null, procedure, reason, published, D1);
        }

        @Test
        void the_move_into_the_tender_records_its_procedure_and_what_was_published() {
            List<Object> history = historyUpTo(Stage.MARKET_DIALOGUE);
            history.add(new MarketContactRecordedEvent(ID, "c-1", "Cykeldata ApS", MarketContactForm.PRODUCT_TEST, "Test",
                    "Budgetramme", D0));
            fixture.given(history)
                    .when(intoTender(TenderProcedure.INNOVATION_PARTNERSHIP, null, List.of("c-1", "c-1")))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.MARKET_DIALOGUE, Stage.TENDER, null, D1),
                            new TenderProcedureChosenEvent(ID, TenderProcedure.INNOVATION_PARTNERSHIP, null,
                                    List.of("c-1"), D1));
        }

        @Test
        void without_a_procedure_the_move_is_what_it_always_was() {
            whenIn(Stage.MARKET_DIALOGUE, intoTender(null, null, List.of()))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.MARKET_DIALOGUE, Stage.TENDER, null, D1));
        }

        @Test
        void no_procedure_needs_a_reason_and_a_procedure_belongs_to_the_tender() {
            refused(whenIn(Stage.MARKET_DIALOGUE, intoTender(TenderProcedure.NONE, " ", List.of())),
                    "procedure-none-needs-reason");
            whenIn(Stage.MARKET_DIALOGUE, intoTender(TenderProcedure.NONE, "Under tærskelværdien", List.of()))
                    .expectEvents(new StageAdvancedEvent(ID, Stage.MARKET_DIALOGUE, Stage.TENDER, null, D1),
                            new TenderProcedureChosenEvent(ID, TenderProcedure.NONE, "Under tærskelværdien", List.of(), D1));
            refused(whenIn(Stage.IDEA, new TransitionStageCommand(ID, null, Stage.MARKET_DIALOGUE, null,
                    TenderProcedure.OPEN, null, List.of(), D1)), "procedure-only-into-tender");
            refused(whenIn(Stage.MARKET_DIALOGUE, intoTender(null, null, List.of("c-1"))), "procedure-missing");
            refused(whenIn(Stage.IDEA, new TransitionStageCommand(ID, null, Stage.MARKET_DIALOGUE, null, null, null,
                    List.of("c-1"), D1)), "procedure-only-into-tender");
            refused(whenIn(Stage.MARKET_DIALOGUE, intoTender(TenderProcedure.OPEN, null, List.of("c-9"))),
                    "market-contact-not-found");
        }
    }
}
