package dk.partnerships.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/** The parts of OCDS 1.1 the export writes, named as the standard's schema names them. */
final class Ocds {

    private Ocds() {
    }

    record ReleasePackage(String uri, String version, String publishedDate, Publisher publisher, List<Release> releases) {
    }

    record Publisher(String name) {
    }

    /** One release; the sections a stage has not reached yet are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Release(String ocid, String id, String date, List<String> tag, String initiationType, String language,
                   OrganizationReference buyer, Planning planning, Tender tender, List<Award> awards,
                   List<Contract> contracts, List<Party> parties, List<RelatedProcess> relatedProcesses) {
    }

    record OrganizationReference(String id, String name) {
    }

    record Party(String id, String name, List<String> roles) {
    }

    record Planning(String rationale) {
    }

    /**
     * @param procurementMethod        OCDS's method code (open, selective, limited, direct); absent until a procedure is named
     * @param procurementMethodDetails the procedure's name under Danish procurement law
     */
    record Tender(String id, String title, String description, String status,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String procurementMethod,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String procurementMethodDetails) {
    }

    record Award(String id, String status, String date, @JsonInclude(JsonInclude.Include.NON_NULL) Value value,
                 List<OrganizationReference> suppliers, String description) {
    }

    record Value(BigDecimal amount, String currency) {
    }

    record Contract(String id, String awardID, String status, String description,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Milestone> milestones) {
    }

    /**
     * A benefit the contract is expected to deliver, as an assessment milestone: {@code code} names its category,
     * {@code status} where its latest follow-up left it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Milestone(String id, String title, String type, String code, String description, String status,
                     String dateMet, String dateModified) {
    }

    record RelatedProcess(String id, List<String> relationship, String title, String scheme, String identifier) {
    }
}
