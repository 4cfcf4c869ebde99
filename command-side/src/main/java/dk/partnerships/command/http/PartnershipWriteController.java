package dk.partnerships.command.http;

import dk.partnerships.command.http.CommandSender.WriteAnswerBody;
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
import dk.partnerships.command.partnership.PartnershipState;
import dk.partnerships.command.departments.DepartmentRegistry;
import dk.partnerships.command.people.PersonRegistry;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;
import dk.partnerships.security.Role;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static dk.partnerships.command.http.WriteRequests.*;

/** The write endpoints of docs/api.md. Each one validates, builds its command and leaves the rest to {@link CommandSender}. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Recording", description = "Project leads record what happens to a partnership: each write appends events.")
@RestController
@Validated
@RequestMapping(path = "/api/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
class PartnershipWriteController {

    /** Ids are generated here as UUIDs; anything else in the path cannot name a partnership. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final CommandSender sender;
    private final CommandSideProperties properties;

    private final PersonRegistry people;
    private final DepartmentRegistry departments;

    PartnershipWriteController(CommandSender sender, CommandSideProperties properties, PersonRegistry people,
                               DepartmentRegistry departments) {
        this.departments = departments;
        this.sender = sender;
        this.properties = properties;
        this.people = people;
    }

    /** What an idempotency key is checked against: the endpoint and the body. */
    record HashedRequest(String path, Object body) {
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "proposePartnership", summary = "Propose a partnership (it starts in IDEA)")
    @ApiResponse(responseCode = "201", description = "Proposed: the new partnership, in IDEA.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> propose(@Valid @RequestBody ProposePartnership body, HttpServletRequest http) {
        if (departments.find(body.department()).filter(DepartmentRegistry.Department::active).isEmpty()) {
            throw new UnknownDepartmentException(body.department(), new java.util.TreeSet<>(departments.all().stream()
                    .filter(DepartmentRegistry.Department::active).map(DepartmentRegistry.Department::code).toList()));
        }
        String id = UUID.randomUUID().toString();
        LocalDate effective = effective(body.effectiveDate());
        // The lead is a person: the name goes to the person registry (erasable), the event carries the id.
        Supplier<Object> command = () -> new ProposePartnershipCommand(id, body.title().strip(), body.kind(), body.department(),
                properties.owningOrganisation(), people.register(body.lead().strip()), body.need().strip(), body.partners(),
                body.expectedValueDkk(), effective);
        return sender.send(WriteContext.from(http), CommandSender.NEW_PARTNERSHIP_SCOPE,
                new HashedRequest(http.getRequestURI(), body), command, effective,
                // A new aggregate answers with its id only: it is in IDEA, ACTIVE, at version 1.
                result -> new WriteAnswerBody(201, "/api/partnerships/" + id,
                        new PartnershipWritten(id, Stage.IDEA, PartnershipStatus.ACTIVE, 1, null, null, null, null, null, null)));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "moveToStage", summary = "Move to another stage (a skip or a step back needs a reason)")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/stage-transitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> transition(@PathVariable String id, @Valid @RequestBody TransitionStage body,
                                      HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective,
                new TransitionStageCommand(id, context.expectedVersion(), body.to(), body.reason(), body.procedure(),
                        body.procedureReason(), body.publishedContacts(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "recordAward", summary = "Record the tender's award")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/award", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> award(@PathVariable String id, @Valid @RequestBody RecordAward body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective, new RecordAwardCommand(id, context.expectedVersion(),
                body.supplier().strip(), body.valueDkk(), body.buyers(), body.buyerCount(),
                Boolean.TRUE.equals(body.frameworkAgreement()),
                effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "recordPilotOutcome", summary = "Record the pilot's outcome")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/pilot-outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> pilotOutcome(@PathVariable String id, @Valid @RequestBody RecordPilotOutcome body,
                                        HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective, new RecordPilotOutcomeCommand(id, context.expectedVersion(),
                body.outcome(), body.findings().strip(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "addReadinessItem", summary = "Add a readiness item (a competence or organisational change operation needs)")
    @ApiResponse(responseCode = "201", description = "Added: the partnership, with the new item's `itemId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/readiness-items", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> addReadinessItem(@PathVariable String id, @Valid @RequestBody AddReadinessItem body,
                                            HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        String itemId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new AddReadinessItemCommand(id, context.expectedVersion(), itemId, body.type(),
                        body.description().strip(), body.owner().strip(), effective),
                effective, created(written -> written.withItem(itemId), "/api/partnerships/" + id));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "resolveReadinessItem", summary = "Resolve a readiness item")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/readiness-items/{itemId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> resolveReadinessItem(@PathVariable String id, @PathVariable String itemId,
                                                @Valid @RequestBody ResolveReadinessItem body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        requireId(itemId, "readiness-item-not-found");
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective, new ResolveReadinessItemCommand(id, context.expectedVersion(),
                itemId, body.note().strip(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "recordEvaluation", summary = "Record the evaluation")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/evaluation", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> evaluation(@PathVariable String id, @Valid @RequestBody RecordEvaluation body,
                                      HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective, new RecordEvaluationCommand(id, context.expectedVersion(),
                body.summary().strip(), body.benefitsExpected().strip(), body.benefitsRealised().strip(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "completePartnership", summary = "Complete the partnership (after its evaluation)")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/complete")
    ResponseEntity<String> complete(@PathVariable String id, @Valid @RequestBody(required = false) Complete body,
                                    HttpServletRequest http) {
        WriteContext context = context(id, http);
        Complete request = body == null ? new Complete(null) : body;
        LocalDate effective = effective(request.effectiveDate());
        return send(context, id, request, http, effective,
                new CompletePartnershipCommand(id, context.expectedVersion(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "recordLesson", summary = "Record a lesson learned")
    @ApiResponse(responseCode = "201", description = "Recorded: the partnership, with the new lesson's `lessonId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/lessons", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> lesson(@PathVariable String id, @Valid @RequestBody RecordLesson body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        String lessonId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new RecordLessonCommand(id, context.expectedVersion(), lessonId, body.text().strip(), body.tags(), effective),
                effective, created(written -> written.withLesson(lessonId), "/api/partnerships/" + id));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "recordMarketContact",
            summary = "Record a contact with an organisation in market dialogue (in IDEA, MARKET_DIALOGUE or TENDER)",
            description = "What the municipality shared with the organisation (informationShared) is kept so that it can "
                    + "be shown to have reached every bidder (equal treatment).")
    @ApiResponse(responseCode = "201", description = "Recorded: the partnership, with the new contact's `contactId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/market-contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> marketContact(@PathVariable String id, @Valid @RequestBody RecordMarketContact body,
                                         HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        String contactId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new RecordMarketContactCommand(id, context.expectedVersion(), contactId, body.organisation().strip(),
                        body.form(), body.summary().strip(),
                        body.informationShared() == null ? null : body.informationShared().strip(), effective),
                effective, created(written -> written.withContact(contactId), "/api/partnerships/" + id + "/market-contacts"));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "declareBenefit",
            summary = "Declare a benefit the partnership is expected to deliver (while it is active)",
            description = "A benefit is followed up later (POST .../benefits/{benefitId}/follow-ups); the benefits dashboard "
                    + "lists partnerships in operation whose benefits nobody has followed up.")
    @ApiResponse(responseCode = "201", description = "Declared: the partnership, with the new benefit's `benefitId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/benefits", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> declareBenefit(@PathVariable String id, @Valid @RequestBody DeclareBenefit body,
                                          HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        String benefitId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new DeclareBenefitCommand(id, context.expectedVersion(), benefitId, body.category(),
                        body.description().strip(), body.unit() == null ? null : body.unit().strip(), body.expected(),
                        effective),
                effective, created(written -> written.withBenefit(benefitId), "/api/partnerships/" + id + "/benefits"));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "followUpBenefit",
            summary = "Follow a declared benefit up (from PILOT on, also after completion; never after abandonment)")
    @ApiResponse(responseCode = "201", description = "Recorded: the partnership, with the new follow-up's `followUpId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/benefits/{benefitId}/follow-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> followUpBenefit(@PathVariable String id, @PathVariable String benefitId,
                                           @Valid @RequestBody FollowUpBenefit body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        requireId(benefitId, "benefit-not-found");
        LocalDate effective = effective(body.effectiveDate());
        String followUpId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new FollowUpBenefitCommand(id, context.expectedVersion(), followUpId, benefitId, body.assessment(),
                        body.realised(), body.note() == null ? null : body.note().strip(), effective),
                effective, created(written -> written.withFollowUp(followUpId), "/api/partnerships/" + id + "/benefits"));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "requestAdvice",
            summary = "Ask the central procurement and legal unit for advice (until the partnership is closed)")
    @ApiResponse(responseCode = "201", description = "Asked: the partnership, with the new request's `requestId`.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/advice-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> requestAdvice(@PathVariable String id, @Valid @RequestBody RequestAdvice body,
                                         HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        String requestId = UUID.randomUUID().toString();
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body),
                new RequestAdviceCommand(id, context.expectedVersion(), requestId, body.topic(), body.question().strip(),
                        effective),
                effective, created(written -> written.withRequest(requestId), "/api/partnerships/" + id + "/advice-requests"));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "answerAdviceRequest",
            summary = "Answer an advice request (advisors of the central unit only; once per request)")
    @ApiResponse(responseCode = "200", description = "Answered: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/advice-requests/{requestId}/answer", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> answerAdviceRequest(@PathVariable String id, @PathVariable String requestId,
                                               @Valid @RequestBody AnswerAdviceRequest body, HttpServletRequest http) {
        WriteContext context = context(id, http).actingAs(Role.ADVISOR);
        requireId(requestId, "advice-request-not-found");
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective, new AnswerAdviceRequestCommand(id, context.expectedVersion(),
                requestId, body.answer().strip(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "putOnHold", summary = "Put the partnership on hold")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/hold", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> hold(@PathVariable String id, @Valid @RequestBody PutOnHold body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective,
                new PutOnHoldCommand(id, context.expectedVersion(), body.reason().strip(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "resumePartnership", summary = "Resume a partnership on hold")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/resume")
    ResponseEntity<String> resume(@PathVariable String id, @Valid @RequestBody(required = false) Resume body,
                                  HttpServletRequest http) {
        WriteContext context = context(id, http);
        Resume request = body == null ? new Resume(null, null) : body;
        LocalDate effective = effective(request.effectiveDate());
        return send(context, id, request, http, effective,
                new ResumePartnershipCommand(id, context.expectedVersion(), request.reason(), effective));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "abandonPartnership", summary = "Abandon the partnership")
    @ApiResponse(responseCode = "200", description = "Recorded: the partnership as the write left it.", content = @Content(schema = @Schema(implementation = PartnershipWritten.class)))
    @PostMapping(path = "/{id}/abandon", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> abandon(@PathVariable String id, @Valid @RequestBody Abandon body, HttpServletRequest http) {
        WriteContext context = context(id, http);
        LocalDate effective = effective(body.effectiveDate());
        return send(context, id, body, http, effective,
                new AbandonPartnershipCommand(id, context.expectedVersion(), body.reason().strip(), effective));
    }

    // ---------------------------------------------------------------------------------------------------------

    private ResponseEntity<String> send(WriteContext context, String id, Object body, HttpServletRequest http,
                                        LocalDate effective, Object command) {
        return sender.send(context, id, new HashedRequest(http.getRequestURI(), body), command, effective,
                result -> WriteAnswerBody.ok((PartnershipState) result));
    }

    private static Function<Object, WriteAnswerBody> created(Function<PartnershipWritten, PartnershipWritten> withNewId,
                                                             String location) {
        return result -> new WriteAnswerBody(201, location, withNewId.apply(PartnershipWritten.of((PartnershipState) result)));
    }

    private static WriteContext context(String id, HttpServletRequest http) {
        requireId(id, "partnership-not-found");
        return WriteContext.from(http);
    }

    private static void requireId(String id, String code) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException(code, id);
        }
    }

    private LocalDate effective(LocalDate given) {
        return given != null ? given : sender.today();
    }

    static final class UnknownDepartmentException extends RuntimeException {
        private final String department;
        private final java.util.Set<String> known;

        UnknownDepartmentException(String department, java.util.Set<String> known) {
            super("Unknown department " + department + "; known departments are " + known + ".");
            this.department = department;
            this.known = known;
        }

        String department() {
            return department;
        }

        java.util.Set<String> known() {
            return known;
        }
    }

    /** An id in the path that cannot name anything: {@code code} says what was looked for. */
    static final class NotFoundException extends RuntimeException {
        private final String code;
        private final String id;

        NotFoundException(String code, String id) {
            super(code + ": " + id);
            this.code = code;
            this.id = id;
        }

        String code() {
            return code;
        }

        String id() {
            return id;
        }
    }
}
