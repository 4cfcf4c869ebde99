package dk.partnerships.query.gap;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionStatement;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Keeps the lifecycle read model: per partnership its milestones, per stay in a stage its dates. Events of a
 * partnership apply in order ({@code version == sequence}); a redelivered one finds the version past it and changes
 * nothing; one arriving before its predecessor fails loudly rather than leave a hole in the figures.
 */
public class PartnershipLifecycleProjector implements EventProjection {

    public static final String NAME = "partnership-lifecycle";

    private final JdbcClient jdbc;

    public PartnershipLifecycleProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProjectionStatement statementFor(ProjectedEvent projected) {
        PartnershipEvent event = projected.payload();
        if (event instanceof PartnershipProposedEvent proposed) {
            // The first stay (IDEA) with the row; reached_stages and furthest_stage start at IDEA by default.
            return ProjectionStatement.sql("""
                            WITH first_stay AS (
                                INSERT INTO partnership_stage_stay (partnership_id, sequence, stage, stage_order, entered_on,
                                    department, kind, proposed_on)
                                SELECT :id, :sequence, 'IDEA', 0, :on, :department, :kind, :on
                                WHERE NOT EXISTS (SELECT 1 FROM partnership_lifecycle WHERE partnership_id = :id))
                            INSERT INTO partnership_lifecycle (partnership_id, version, department, kind, proposed_on)
                            VALUES (:id, :next, :department, :kind, :on)
                            ON CONFLICT (partnership_id) DO NOTHING""")
                    .param("id", proposed.partnershipId()).param("sequence", projected.sequence())
                    .param("next", projected.sequence() + 1).param("department", proposed.department())
                    .param("kind", proposed.kind().name()).param("on", proposed.effectiveDate());
        }
        if (event instanceof StageAdvancedEvent moved) {
            return move(projected, moved.to(), forward(moved.to()));
        } else if (event instanceof StageSkippedEvent skipped) {
            return move(projected, skipped.to(), forward(skipped.to()));
        } else if (event instanceof StageRevertedEvent reverted) {
            return move(projected, reverted.to(), reverted.to() == Stage.PILOT ? ", had_pilot = true" : "");
        } else if (event instanceof AwardRecordedEvent) {
            return claim(projected, ", awarded_on = :on", List.of());
        } else if (event instanceof PilotOutcomeRecordedEvent outcome && outcome.outcome() == PilotOutcome.SUCCEEDED) {
            return claim(projected, ", pilot_succeeded_on = :on", List.of());
        } else if (event instanceof PartnershipCompletedEvent) {
            return claim(projected, ", closed_on = :on, closed_as = 'COMPLETED'", List.of(LEAVE));
        } else if (event instanceof PartnershipAbandonedEvent) {
            return claim(projected, ", closed_on = :on, closed_as = 'ABANDONED'", List.of(LEAVE));
        }
        return claim(projected, "", List.of());
    }

    @Override
    public void confirmAlreadyApplied(ProjectedEvent projected) {
        Long version = jdbc.sql("SELECT version FROM partnership_lifecycle WHERE partnership_id = :id")
                .param("id", projected.partnershipId()).query(Long.class).optional().orElse(null);
        ProjectionBatch.requireAlreadyApplied(version, projected, "lifecycle read model");
    }

    /** True, inside the statement, while the row still expects this event: gates the effects on the stays. */
    private static final String EXPECTED =
            "EXISTS (SELECT 1 FROM partnership_lifecycle WHERE partnership_id = :id AND version = :sequence)";

    /** Closes the open stay. */
    private static final String LEAVE =
            "UPDATE partnership_stage_stay SET left_on = :on WHERE partnership_id = :id AND left_on IS NULL AND " + EXPECTED;

    /**
     * Opens a stay in :stage, with the partnership's filters copied so the figures need no join, and whether it is
     * the partnership's first stay in this stage within the calendar quarter (the quarterly trend counts
     * partnerships). Stays open in sequence order, so the earlier ones are already there.
     * <p>
     * The look-up of earlier stays must read this partnership's few stays by the primary key. An index led by the
     * stage once made PostgreSQL read every stay in that stage for each move, with a plan made while the table was
     * still small (catching up from the first event); migration V11 removed that index, which no reader used.
     */
    private static final String ENTER = """
            INSERT INTO partnership_stage_stay (partnership_id, sequence, stage, stage_order, entered_on, department,
                kind, proposed_on, first_in_quarter)
            SELECT partnership_id, :sequence, :stage, :order, :on, department, kind, proposed_on,
                   NOT EXISTS (SELECT 1 FROM partnership_stage_stay earlier
                               WHERE earlier.partnership_id = :id AND earlier.sequence < :sequence
                                 AND earlier.stage = :stage
                                 AND date_trunc('quarter', earlier.entered_on) = date_trunc('quarter', CAST(:on AS date)))
            FROM partnership_lifecycle WHERE partnership_id = :id AND version = :sequence""";

    /** The milestone a forward move sets: entering a pilot, or reaching operation. */
    private static String forward(Stage to) {
        if (to == Stage.PILOT) {
            return ", had_pilot = true";
        }
        return to == Stage.IMPLEMENTATION || to == Stage.EVALUATION ? ", implemented_on = :on" : "";
    }

    /**
     * Leaves the open stay and enters the new one; records which stages were ever reached and how far it got (what
     * the conversion counts).
     */
    private static ProjectionStatement move(ProjectedEvent projected, Stage to, String milestone) {
        return claim(projected, ", reached_stages = reached_stages | CAST(:bit AS smallint),"
                        + " furthest_stage = greatest(furthest_stage, CAST(:order AS smallint))" + milestone,
                List.of(LEAVE, ENTER))
                .param("stage", to.name()).param("bit", (short) (1 << to.ordinal())).param("order", (short) to.ordinal());
    }

    /**
     * Moves the row's version from {@code sequence} to {@code sequence + 1} with {@code assignments}, and runs the
     * {@code effects} on the stays in the same statement. Every part sees the tables as they were before the
     * statement: the effects are gated by {@link #EXPECTED}, so they run exactly when the claim succeeds, a new stay
     * is not closed by the same move's LEAVE, and the update count is the claim's.
     */
    private static ProjectionStatement claim(ProjectedEvent projected, String assignments, List<String> effects) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < effects.size(); i++) {
            sql.append(i == 0 ? "WITH " : ", ").append("effect").append(i).append(" AS (").append(effects.get(i)).append(")\n");
        }
        sql.append("UPDATE partnership_lifecycle SET version = :next").append(assignments)
                .append(" WHERE partnership_id = :id AND version = :sequence");
        return ProjectionStatement.sql(sql.toString()).param("id", projected.partnershipId())
                .param("sequence", projected.sequence()).param("next", projected.sequence() + 1)
                .param("on", projected.payload().effectiveDate());
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_stage_stay, partnership_lifecycle").update();
    }

    @Override
    public EventProjection writingTo(JdbcClient other) {
        return new PartnershipLifecycleProjector(other);
    }

    @Override
    public List<String> tables() {
        return List.of("partnership_lifecycle", "partnership_stage_stay");
    }

    @Override
    public List<String> readerIndexes() {
        // partnership_stage_stay_open stays: closing a stay finds the open one by it.
        return List.of("partnership_lifecycle_stalled", "partnership_lifecycle_abandoned_after_pilot");
    }

    @Override
    public List<String> recountAfterBulkCopy() {
        return List.of("SELECT refresh_lifecycle_figures()");
    }
}
