package dk.partnerships.query.history;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedure;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one partnership's history into OCDS releases. The mapping:
 * <table>
 *   <tr><th>event</th><th>release tag</th><th>what the release says</th></tr>
 *   <tr><td>proposed</td><td>planning</td><td>planning.rationale = the need; tender.status planning</td></tr>
 *   <tr><td>into MARKET_DIALOGUE</td><td>planningUpdate</td><td>tender.status planned (market consultation)</td></tr>
 *   <tr><td>into TENDER</td><td>tender</td><td>tender.status active</td></tr>
 *   <tr><td>award</td><td>award</td><td>awards[]: supplier, value in DKK, framework buyers; tender.status complete</td></tr>
 *   <tr><td>into PILOT</td><td>contract</td><td>contracts[]: the pilot contract, active</td></tr>
 *   <tr><td>pilot outcome</td><td>contractUpdate</td><td>contract description carries the outcome</td></tr>
 *   <tr><td>into IMPLEMENTATION</td><td>implementation</td><td>the contract in ordinary operation</td></tr>
 *   <tr><td>completed</td><td>contractTermination</td><td>contract status terminated (ended as planned)</td></tr>
 *   <tr><td>abandoned</td><td>tenderCancellation before an award, else contractTermination</td><td>status cancelled / terminated</td></tr>
 *   <tr><td>tender procedure</td><td>tenderUpdate</td><td>tender.procurementMethod and procurementMethodDetails</td></tr>
 *   <tr><td>market contact</td><td>planningUpdate, tenderUpdate once the tender is out</td><td>the organisation as a
 *       party (role interestedParty); what was said stays internal</td></tr>
 *   <tr><td>benefit declared, followed up</td><td>contractUpdate once there is a contract</td><td>the contract's
 *       milestones: one assessment milestone per benefit (code {@code benefit:<CATEGORY>}), status scheduled until a
 *       follow-up says met, partiallyMet or notMet (too early stays scheduled); the follow-up's note stays internal</td></tr>
 * </table>
 * Lessons, readiness items, advice and holds are internal and not published. Going back to TENDER after a pilot starts a
 * follow-on procurement: a new process, ocid suffixed {@code -2}, {@code -3}, ..., linked to the earlier one with
 * {@code relatedProcesses} (relationship {@code planning}: the pilot's process is where the follow-on was planned).
 * A partnership that never reaches TENDER (e.g. a strategic partnership) is not a procurement and is not exported.
 */
final class OcdsReleases {

    /** One logged event, as the export needs it. */
    record Entry(long sequence, Instant recordedAt, PartnershipEvent event) {
    }

    private final String ocidPrefix;

    OcdsReleases(String ocidPrefix) {
        this.ocidPrefix = ocidPrefix;
    }

    List<Ocds.Release> releases(String partnershipId, List<Entry> history) {
        boolean procurement = history.stream().anyMatch(entry -> entersTender(entry.event()));
        if (!procurement) {
            return List.of();
        }
        Process process = new Process(ocidPrefix + "-" + partnershipId);
        List<Ocds.Release> releases = new ArrayList<>();
        for (Entry entry : history) {
            PartnershipEvent event = entry.event();
            String tag = null;
            if (event instanceof PartnershipProposedEvent e) {
                process.title = e.title();
                process.description = e.need();
                process.buyer = e.owningOrganisation();
                process.partners = e.partners();
                process.tenderStatus = "planning";
                tag = "planning";
            } else if (event instanceof StageRevertedEvent e && e.to() == Stage.TENDER && process.awarded) {
                process = process.followOn();
                process.tenderStatus = "active";
                tag = "tender";
            } else if (entersStage(event) != null) {
                Stage stage = entersStage(event);
                switch (stage) {
                    case MARKET_DIALOGUE -> {
                        process.tenderStatus = "planned";
                        tag = "planningUpdate";
                    }
                    case TENDER -> {
                        process.tenderStatus = "active";
                        tag = "tender";
                    }
                    case PILOT -> {
                        process.contractStatus = "active";
                        process.contractDescription = "Pilot";
                        tag = process.awarded ? "contract" : null;
                    }
                    case IMPLEMENTATION -> {
                        process.contractStatus = "active";
                        process.contractDescription = "In ordinary operation";
                        tag = process.awarded ? "implementation" : null;
                    }
                    default -> tag = null;
                }
            } else if (event instanceof TenderProcedureChosenEvent e) {
                process.procedure = e.procedure();
                tag = "tenderUpdate";
            } else if (event instanceof MarketContactRecordedEvent e) {
                if (!process.dialogue.contains(e.organisation())) {
                    process.dialogue.add(e.organisation());
                    tag = "active".equals(process.tenderStatus) ? "tenderUpdate" : "planningUpdate";
                }
            } else if (event instanceof BenefitDeclaredEvent e) {
                process.benefits.put(e.benefitId(), new Benefit(e, null, null));
                tag = process.hasContract() ? "contractUpdate" : null;
            } else if (event instanceof BenefitFollowedUpEvent e) {
                Benefit benefit = process.benefits.get(e.benefitId());
                if (benefit != null) {
                    process.benefits.put(e.benefitId(), new Benefit(benefit.declared(), e, e.realised() != null
                            ? e.realised() : benefit.realised()));
                    tag = process.hasContract() ? "contractUpdate" : null;
                }
            } else if (event instanceof AwardRecordedEvent e) {
                process.awarded = true;
                process.award = e;
                process.tenderStatus = "complete";
                tag = "award";
            } else if (event instanceof PilotOutcomeRecordedEvent e && process.awarded) {
                process.contractDescription = "Pilot outcome " + e.outcome() + ": " + e.findings();
                tag = "contractUpdate";
            } else if (event instanceof PartnershipCompletedEvent && process.awarded) {
                process.contractStatus = "terminated";
                tag = "contractTermination";
            } else if (event instanceof PartnershipAbandonedEvent) {
                if (process.awarded) {
                    process.contractStatus = "terminated";
                    tag = "contractTermination";
                } else {
                    process.tenderStatus = "cancelled";
                    tag = "tenderCancellation";
                }
            }
            if (tag != null) {
                releases.add(process.release(entry, tag));
            }
        }
        return releases;
    }

    private static boolean entersTender(PartnershipEvent event) {
        return entersStage(event) == Stage.TENDER;
    }

    private static Stage entersStage(PartnershipEvent event) {
        if (event instanceof StageAdvancedEvent e) {
            return e.to();
        } else if (event instanceof StageSkippedEvent e) {
            return e.to();
        } else if (event instanceof StageRevertedEvent e) {
            return e.to();
        }
        return null;
    }

    /** A declared benefit, where its latest follow-up left it, and the latest amount realised. */
    private record Benefit(BenefitDeclaredEvent declared, BenefitFollowedUpEvent latest, java.math.BigDecimal realised) {

        Ocds.Milestone milestone() {
            String status = latest == null ? "scheduled" : switch (latest.assessment()) {
                case ACHIEVED -> "met";
                case PARTLY_ACHIEVED -> "partiallyMet";
                case NOT_ACHIEVED -> "notMet";
                case TOO_EARLY -> "scheduled";
            };
            String expected = declared.unit() == null ? null : "Forventet: "
                    + (declared.expected() == null ? "" : declared.expected().stripTrailingZeros().toPlainString() + " ")
                    + declared.unit() + (realised == null ? "" : "; realiseret: " + realised.stripTrailingZeros().toPlainString());
            return new Ocds.Milestone(declared.benefitId(), declared.description(), "assessment",
                    "benefit:" + declared.category().name(), expected, status,
                    latest != null && latest.assessment() == BenefitAssessment.ACHIEVED ? dateTime(latest.effectiveDate()) : null,
                    latest == null ? null : dateTime(latest.effectiveDate()));
        }
    }

    private static String dateTime(java.time.LocalDate date) {
        return date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
    }

    /** One contracting process: the first procurement of a partnership, or a follow-on one. */
    private static final class Process {
        private final String baseOcid;
        private final int round;
        private final String previousOcid;
        String title;
        String description;
        String buyer;
        List<String> partners = List.of();
        TenderProcedure procedure;
        /** Organisations met in market dialogue, in the order first met. */
        final List<String> dialogue = new ArrayList<>();
        String tenderStatus;
        boolean awarded;
        AwardRecordedEvent award;
        String contractStatus;
        String contractDescription;
        /** The partnership's benefits by id, in the order declared: the contract's milestones. */
        final Map<String, Benefit> benefits = new LinkedHashMap<>();

        Process(String baseOcid) {
            this(baseOcid, 1, null);
        }

        private Process(String baseOcid, int round, String previousOcid) {
            this.baseOcid = baseOcid;
            this.round = round;
            this.previousOcid = previousOcid;
        }

        String ocid() {
            return round == 1 ? baseOcid : baseOcid + "-" + round;
        }

        Process followOn() {
            Process next = new Process(baseOcid, round + 1, ocid());
            next.title = title;
            next.description = description;
            next.buyer = buyer;
            next.partners = partners;
            next.dialogue.addAll(dialogue);
            next.benefits.putAll(benefits);
            // A follow-on procurement names its own procedure.
            return next;
        }

        boolean hasContract() {
            return awarded && contractStatus != null;
        }

        Ocds.Release release(Entry entry, String tag) {
            // One party per organisation, with every role it plays in this process.
            Map<String, List<String>> roles = new LinkedHashMap<>();
            role(roles, buyer, "buyer");
            role(roles, buyer, "procuringEntity");
            partners.forEach(partner -> role(roles, partner, "interestedParty"));
            dialogue.forEach(organisation -> role(roles, organisation, "interestedParty"));
            Ocds.Planning planning = tag.equals("planning") || tag.equals("planningUpdate")
                    ? new Ocds.Planning(description) : null;
            Ocds.Tender tender = new Ocds.Tender(ocid() + "-tender", title, description, tenderStatus,
                    procedure == null ? null : method(procedure), procedure == null ? null : details(procedure));
            List<Ocds.Award> awards = null;
            List<Ocds.Contract> contracts = null;
            if (awarded) {
                role(roles, award.supplier(), "supplier");
                award.buyers().forEach(name -> role(roles, name, "buyer"));
                awards = List.of(new Ocds.Award(ocid() + "-award", "active",
                        dateTime(award.effectiveDate()),
                        award.valueDkk() == null ? null : new Ocds.Value(award.valueDkk(), "DKK"),
                        List.of(reference(award.supplier())), award.frameworkAgreement()
                        ? "Framework agreement signed by " + award.buyerCount() + " organisations" : "Contract"));
                if (contractStatus != null) {
                    contracts = List.of(new Ocds.Contract(ocid() + "-contract", ocid() + "-award", contractStatus,
                            contractDescription, benefits.values().stream().map(Benefit::milestone).toList()));
                }
            }
            List<Ocds.Party> parties = roles.entrySet().stream()
                    .map(party -> new Ocds.Party(reference(party.getKey()).id(), party.getKey(), party.getValue()))
                    .toList();
            List<Ocds.RelatedProcess> related = previousOcid == null ? null : List.of(new Ocds.RelatedProcess("1",
                    List.of("planning"), title, "ocid", previousOcid));
            return new Ocds.Release(ocid(), ocid() + "-" + entry.sequence(), entry.recordedAt().toString(), List.of(tag),
                    "tender", "da", reference(buyer), planning, tender, awards, contracts, parties, related);
        }

        /**
         * OCDS's procurement method: open and restricted as the directive names them; the procedures with a
         * selection of candidates (dialogue, negotiation, innovation partnership) are selective; pre-commercial
         * procurement, outside the directive, is limited; a call-off or no procedure at all is direct.
         */
        private static String method(TenderProcedure procedure) {
            return switch (procedure) {
                case OPEN -> "open";
                case RESTRICTED, COMPETITIVE_DIALOGUE, COMPETITIVE_WITH_NEGOTIATION, INNOVATION_PARTNERSHIP -> "selective";
                case PRE_COMMERCIAL_PROCUREMENT -> "limited";
                case FRAMEWORK_CALL_OFF, NONE -> "direct";
            };
        }

        private static String details(TenderProcedure procedure) {
            return switch (procedure) {
                case INNOVATION_PARTNERSHIP -> "Innovationspartnerskab";
                case COMPETITIVE_DIALOGUE -> "Konkurrencepræget dialog";
                case COMPETITIVE_WITH_NEGOTIATION -> "Udbud med forhandling";
                case OPEN -> "Offentligt udbud";
                case RESTRICTED -> "Begrænset udbud";
                case PRE_COMMERCIAL_PROCUREMENT -> "Prækommercielt indkøb";
                case FRAMEWORK_CALL_OFF -> "Træk på rammeaftale";
                case NONE -> "Ingen udbudsprocedure";
            };
        }

        private static Ocds.OrganizationReference reference(String name) {
            return new Ocds.OrganizationReference("org-" + slug(name), name);
        }

        private static void role(Map<String, List<String>> roles, String name, String role) {
            List<String> played = roles.computeIfAbsent(name, n -> new ArrayList<>());
            if (!played.contains(role)) {
                played.add(role);
            }
        }

        private static String slug(String name) {
            String ascii = Normalizer.normalize(name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                    .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
    }
}
