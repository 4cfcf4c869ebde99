package dk.partnerships.query.summaries;

import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.TenderProcedure;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The equal-treatment check over the summaries' market contacts and tender procedures, for one partnership and, for
 * the central procurement and legal unit, across partnerships (other read models ask through this class).
 */
public class EqualTreatmentQueries {

    private final JdbcClient jdbc;

    public EqualTreatmentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Tender(LocalDate enteredOn, String procedure, String reason) {
    }

    /**
     * The check for one partnership; empty when there is no such partnership. Information shared up to the latest
     * move into TENDER and not published with it is flagged; shared after it, or before any tender, is not yet due.
     */
    public Optional<EqualTreatment> of(String partnershipId) {
        Optional<Tender> tender = jdbc.sql("""
                        SELECT tender_entered_on, tender_procedure, tender_procedure_reason FROM partnership_summary
                        WHERE id = :id""")
                .param("id", partnershipId)
                .query((rs, row) -> new Tender(rs.getObject("tender_entered_on", LocalDate.class),
                        rs.getString("tender_procedure"), rs.getString("tender_procedure_reason")))
                .optional();
        return tender.map(t -> {
            List<EqualTreatment.SharedInformation> flagged = new ArrayList<>();
            List<EqualTreatment.SharedInformation> published = new ArrayList<>();
            List<EqualTreatment.SharedInformation> notYetDue = new ArrayList<>();
            jdbc.sql("""
                            SELECT * FROM partnership_market_contact
                            WHERE partnership_id = :id AND information_shared IS NOT NULL
                            ORDER BY effective_date, contact_id""")
                    .param("id", partnershipId)
                    .query((rs, row) -> {
                        EqualTreatment.SharedInformation shared = new EqualTreatment.SharedInformation(
                                rs.getString("contact_id"), rs.getString("organisation"),
                                MarketContactForm.valueOf(rs.getString("form")), rs.getString("information_shared"),
                                rs.getObject("effective_date", LocalDate.class));
                        boolean due = t.enteredOn() != null && !shared.effectiveDate().isAfter(t.enteredOn());
                        (rs.getBoolean("published") ? published : due ? flagged : notYetDue).add(shared);
                        return row;
                    }).list();
            return new EqualTreatment(partnershipId, t.enteredOn(),
                    t.procedure() == null ? null : TenderProcedure.valueOf(t.procedure()), t.reason(), flagged,
                    published, notYetDue);
        });
    }

    /** Information shared in dialogue and not published with the tender, oldest tender first. */
    public List<EqualTreatment.Flagged> flagged(String department, int limit) {
        return jdbc.sql("""
                        SELECT s.id, s.title, s.department, s.tender_entered_on, c.organisation, c.information_shared,
                               c.effective_date
                        FROM partnership_market_contact c JOIN partnership_summary s ON s.id = c.partnership_id
                        WHERE c.information_shared IS NOT NULL AND NOT c.published AND s.tender_entered_on IS NOT NULL
                          AND c.effective_date <= s.tender_entered_on
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY s.tender_entered_on, s.id, c.effective_date, c.contact_id
                        LIMIT :limit""")
                .param("department", department).param("limit", limit)
                .query((rs, row) -> new EqualTreatment.Flagged(rs.getString("id"), rs.getString("title"),
                        rs.getString("department"), rs.getObject("tender_entered_on", LocalDate.class),
                        rs.getString("organisation"), rs.getString("information_shared"),
                        rs.getObject("effective_date", LocalDate.class)))
                .list();
    }

    /** Open partnerships whose latest move into TENDER named no procedure, oldest first. */
    public List<EqualTreatment.WithoutProcedure> withoutProcedure(String department, int limit) {
        return jdbc.sql("""
                        SELECT id, title, department, stage, tender_entered_on FROM partnership_summary
                        WHERE tender_entered_on IS NOT NULL AND tender_procedure IS NULL
                          AND status IN ('ACTIVE', 'ON_HOLD')
                          AND (CAST(:department AS text) IS NULL OR department = :department)
                        ORDER BY tender_entered_on, id
                        LIMIT :limit""")
                .param("department", department).param("limit", limit)
                .query((rs, row) -> new EqualTreatment.WithoutProcedure(rs.getString("id"), rs.getString("title"),
                        rs.getString("department"), rs.getString("stage"),
                        rs.getObject("tender_entered_on", LocalDate.class)))
                .list();
    }
}
