package dk.partnerships.standalone.demo;

import dk.partnerships.command.partnership.CommandMetadata;
import dk.partnerships.command.people.PersonRegistry;
import dk.partnerships.command.partnership.Commands.AddReadinessItemCommand;
import dk.partnerships.command.partnership.Commands.ProposePartnershipCommand;
import dk.partnerships.command.partnership.Commands.RecordAwardCommand;
import dk.partnerships.command.partnership.Commands.RecordLessonCommand;
import dk.partnerships.command.partnership.Commands.RecordMarketContactCommand;
import dk.partnerships.command.partnership.Commands.AnswerAdviceRequestCommand;
import dk.partnerships.command.partnership.Commands.DeclareBenefitCommand;
import dk.partnerships.command.partnership.Commands.FollowUpBenefitCommand;
import dk.partnerships.command.partnership.Commands.RequestAdviceCommand;
import dk.partnerships.events.AdviceTopic;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.command.partnership.Commands.RecordPilotOutcomeCommand;
import dk.partnerships.command.partnership.Commands.TransitionStageCommand;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The five real cases of the seed document (docs/domain.md), recorded through the same commands a project lead (and,
 * for an answer, an advisor of the central unit) sends,
 * with their history back-filled by effective date.
 * <p>
 * Facts come from the seed: kinds, departments, partners, HOFOR's partnership active since 2019, six companies'
 * solutions tested for bike data, 1-3 solutions sought for locked bike parking, the biological-light framework
 * agreement of eight municipalities worth DKK 150 million. Where the seed gives no date, the dates here are
 * illustrative, chosen only to keep each history in a plausible order before the briefing of December 2024.
 * <p>
 * Runs only when the event store is empty, so a restart never loads the cases twice; ids are derived from the
 * case names, so even a second loader racing the first could not create duplicates.
 */
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String USER = "demo-data";
    private static final java.util.Set<String> DEPARTMENTS = java.util.Set.of("OKF", "SUF", "TMF", "BUF", "KFF", "SOF", "BIF");

    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String owningOrganisation;

    private final PersonRegistry people;

    public DemoData(CommandGateway commands, JdbcClient jdbc, Clock clock, String owningOrganisation, PersonRegistry people) {
        this.people = people;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.owningOrganisation = owningOrganisation;
    }

    @Override
    public void run(ApplicationArguments args) {
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        if (events > 0) {
            log.info("Event store holds {} events; demo data not loaded", events);
            return;
        }
        log.info("Empty event store: loading the seed's five cases");
        potatoesForSchoolMeals();
        flexHeatWithHofor();
        floatingBikeData();
        lockedBikeParking();
        biologicalLight();
    }

    /** The id of a seed case, the same on every machine, so links to the demo data stay stable. */
    public static String idOf(String caseName) {
        return UUID.nameUUIDFromBytes(("seed:" + caseName).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void potatoesForSchoolMeals() {
        String id = idOf("potatoes-eat");
        propose(id, "Kartofler til EAT-skolemadsordningen", PartnershipKind.INNOVATIVE_TENDER, "BUF",
                "Indkøb, BUF",
                "En indkøbsaftale på kartofler til EAT-køkkenerne, der også styrker elevernes forståelse for "
                        + "produktionen af den mad, de får serveret.",
                List.of(), null, date(2022, 9, 1));
        String question = idOf("potatoes-eat:advice-1");
        send(date(2022, 9, 20), new RequestAdviceCommand(id, null, question, AdviceTopic.PROCEDURE,
                "Kan indkøbsaftalen også omfatte undervisning ved landmanden (dyrkningssæt, gårdbesøg, film), og "
                        + "hvordan beskriver vi det i udbuddet?", date(2022, 9, 20)));
        answer(date(2022, 10, 4), new AnswerAdviceRequestCommand(id, null, question,
                "Ja: beskriv undervisningsforløbet som en del af ydelsen med egne mindstekrav og tildelingskriterier, "
                        + "så alle tilbudsgivere kan byde på det samme.", date(2022, 10, 4)));
        stage(id, Stage.MARKET_DIALOGUE, null, date(2022, 11, 1));
        stage(id, Stage.TENDER, null, date(2023, 2, 1));
        send(date(2023, 6, 15), new RecordAwardCommand(id, null, "Kartoffelavler (landmand)", null,
                List.of("Københavns Kommune"), 1, false, date(2023, 6, 15)));
        stage(id, Stage.IMPLEMENTATION, "Indkøbsaftalen blev taget direkte i brug; der var ikke brug for en pilot.",
                date(2023, 8, 1));
        lesson(id, "Aftalen sælger mere end kartofler: et dyrkningssæt (læggekartofler, jord og spand), besøg på gården, "
                + "en film og et YouTube-forløb ved landmanden. BUF har skrevet en guide til denne type udbud og "
                + "undervisningsmateriale til forløbet.", List.of("innovativt udbud", "guide", "madskoler"), date(2024, 3, 1));
    }

    private void flexHeatWithHofor() {
        String id = idOf("flex-heat-hofor");
        propose(id, "Flex-varme: strategisk partnerskab med HOFOR", PartnershipKind.STRATEGIC_PARTNERSHIP, "TMF",
                "Copenhagen Solutions Lab, TMF", "Fleksibel varme i samarbejde med forsyningsselskabet.",
                List.of("HOFOR"), null, date(2019, 1, 15));
        stage(id, Stage.IMPLEMENTATION, "Strategisk partnerskab: samarbejdet går i gang uden udbud og pilot.",
                date(2019, 3, 1));
        lesson(id, "Et aktivt partnerskab siden 2019 har resulteret i gentagende projekter.",
                List.of("strategisk partnerskab", "forsyning"), date(2024, 3, 1));
    }

    private void floatingBikeData() {
        String id = idOf("floating-bike-data");
        propose(id, "Floating bike data", PartnershipKind.OPI, "TMF", "Copenhagen Solutions Lab og enheden Trafik, TMF",
                "Finde en løsning eller innovationspartner for cykeldata til at understøtte trafikplanlægning og "
                        + "politiske beslutninger.",
                List.of(), null, date(2023, 3, 1));
        stage(id, Stage.MARKET_DIALOGUE, null, date(2023, 6, 1));
        // The seed names six tested companies but not who they are: the demo calls them A to F.
        List<LocalDate> tested = List.of(date(2023, 9, 1), date(2023, 10, 15), date(2023, 12, 1), date(2024, 2, 1),
                date(2024, 3, 15), date(2024, 5, 1));
        for (int company = 0; company < tested.size(); company++) {
            String name = "Cykeldatavirksomhed " + (char) ('A' + company);
            send(tested.get(company), new RecordMarketContactCommand(id, null, idOf("floating-bike-data:contact-" + company),
                    name, MarketContactForm.PRODUCT_TEST, "Test af virksomhedens cykeldata på udvalgte strækninger.",
                    company == 0 ? "Kommunens tællepunkter for cykeltrafik og de strækninger, data skal dække." : null,
                    tested.get(company)));
        }
        lesson(id, "Markedsoverblik skabt, og løsninger fra seks virksomheder er testet.",
                List.of("markedsdialog", "data"), date(2024, 6, 1));
        // The seed: more partnerships need legal competence; this one still waits for the central unit's answer.
        send(date(2024, 6, 15), new RequestAdviceCommand(id, null, idOf("floating-bike-data:advice-1"), AdviceTopic.PROCEDURE,
                "Seks virksomheder har testet deres cykeldata. Kan vi gå videre med et innovationspartnerskab, og hvordan "
                        + "sikrer vi, at det, de lærte i testen, når alle tilbudsgivere?", date(2024, 6, 15)));
    }

    private void lockedBikeParking() {
        String id = idOf("locked-bike-parking");
        propose(id, "Aflåst cykelparkering", PartnershipKind.OPI, "TMF", "Copenhagen Solutions Lab og enheden Mobilitet, TMF",
                "Gøre cyklisme mere attraktivt i København og forebygge cykeltyveri; identificere 1-3 løsninger til "
                        + "eventuelle pilotprojekter.",
                List.of(), null, date(2024, 1, 15));
        stage(id, Stage.MARKET_DIALOGUE, null, date(2024, 4, 1));
    }

    private void biologicalLight() {
        String id = idOf("biological-light");
        propose(id, "Biologisk lys på plejehjem", PartnershipKind.OPI, "SUF", "Sundheds- og Omsorgsforvaltningen",
                "Kunstigt lys, der genskaber dagslysets kvaliteter og forbedrer søvnkvalitet, døgnrytme og trivsel for "
                        + "beboere og medarbejdere på plejehjem.",
                List.of("Aarhus Kommune", "Dansk-svensk konsortium"), new BigDecimal("150000000"), date(2019, 9, 1));
        String quality = idOf("biological-light:benefit-quality");
        String relationships = idOf("biological-light:benefit-relationships");
        send(date(2019, 9, 1), new DeclareBenefitCommand(id, null, quality, BenefitCategory.QUALITY,
                "Bedre søvnkvalitet, døgnrytme og trivsel for beboere og medarbejdere.", null, null, date(2019, 9, 1)));
        send(date(2019, 9, 1), new DeclareBenefitCommand(id, null, relationships, BenefitCategory.RELATIONSHIPS,
                "Et fælles indkøb med andre kommuner og et tæt samarbejde med leverandøren.", null, null, date(2019, 9, 1)));
        stage(id, Stage.MARKET_DIALOGUE, null, date(2019, 11, 1));
        stage(id, Stage.TENDER, null, date(2020, 3, 1));
        send(date(2020, 10, 1), new RecordAwardCommand(id, null, "Dansk-svensk konsortium", new BigDecimal("150000000"),
                List.of("Københavns Kommune", "Aarhus Kommune"), 8, true, date(2020, 10, 1)));
        stage(id, Stage.PILOT, null, date(2021, 1, 15));
        send(date(2022, 6, 1), new RecordPilotOutcomeCommand(id, null, PilotOutcome.SUCCEEDED,
                "Produktserien (bord- og gulvlamper, pendler og loftslamper med indbygget lysprotokol) lever op til "
                        + "kravene og kan betjenes uden mobiltelefon eller Wi-Fi.", date(2022, 6, 1)));
        send(date(2022, 6, 1), new FollowUpBenefitCommand(id, null, idOf("biological-light:follow-up-1"), quality,
                BenefitAssessment.TOO_EARLY, null, "Piloten viser, at lamperne virker og kan betjenes; virkningen på "
                        + "søvn og trivsel skal følges i drift.", date(2022, 6, 1)));
        stage(id, Stage.IMPLEMENTATION, null, date(2022, 9, 1));
        send(date(2022, 9, 1), new AddReadinessItemCommand(id, null, idOf("biological-light:competence"),
                ReadinessType.COMPETENCE, "Personalet skal kende lysprotokollen og kunne betjene lamperne.",
                "Plejehjemsledelser, SUF", date(2022, 9, 1)));
        send(date(2023, 9, 1), new FollowUpBenefitCommand(id, null, idOf("biological-light:follow-up-2"), relationships,
                BenefitAssessment.ACHIEVED, null, "Rammeaftalen er underskrevet af otte kommuner.", date(2023, 9, 1)));
        lesson(id, "Et offentligt-privat innovationsudbud muliggør et tæt samarbejde mellem leverandør og brugere; "
                + "det var en forudsætning for en produktserie, der lever op til alle krav.",
                List.of("OPI", "brugerinddragelse", "plejehjem"), date(2024, 3, 1));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void propose(String id, String title, PartnershipKind kind, String department, String lead, String need,
                         List<String> partners, BigDecimal expectedValueDkk, LocalDate on) {
        // Leads are kept like any person's name: in the person registry, the event names them by id.
        send(on, new ProposePartnershipCommand(id, title, kind, department, owningOrganisation, people.register(lead), need,
                partners, expectedValueDkk, on));
    }

    private void stage(String id, Stage to, String reason, LocalDate on) {
        send(on, new TransitionStageCommand(id, null, to, reason, on));
    }

    private void lesson(String id, String text, List<String> tags, LocalDate on) {
        send(on, new RecordLessonCommand(id, null, UUID.randomUUID().toString(), text, tags, on));
    }

    private void send(LocalDate effectiveDate, Object command) {
        // The loader acts as a project lead of the cases' departments, like anyone recording them by hand.
        send(effectiveDate, command, "PROJECT_LEAD", DEPARTMENTS);
    }

    /** An answer comes from the central unit: the loader acts as an advisor. */
    private void answer(LocalDate effectiveDate, AnswerAdviceRequestCommand command) {
        send(effectiveDate, command, "ADVISOR", java.util.Set.of());
    }

    private void send(LocalDate effectiveDate, Object command, String role, java.util.Set<String> departments) {
        commands.sendAndWait(new CommandMetadata(USER, "Demodata (seed document)", role, departments,
                clock.instant(), effectiveDate, UUID.randomUUID().toString(), "demo-data").wrap(command));
    }

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }
}
