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
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
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
    public boolean apply(ProjectedEvent projected) {
        boolean changed = project(projected);
        if (changed) {
            // In the same transaction (once per batch): readers of shared dashboard figures see it moved on.
            dk.partnerships.query.projection.ReadModelChanges.changed(jdbc, name());
        }
        return changed;
    }

    private boolean project(ProjectedEvent projected) {
        PartnershipEvent event = projected.payload();
        String id = event.partnershipId();
        Long version = jdbc.sql("SELECT version FROM partnership_lifecycle WHERE partnership_id = :id")
                .param("id", id).query(Long.class).optional().orElse(null);
        if (event instanceof PartnershipProposedEvent proposed) {
            if (version != null) {
                return false;
            }
            jdbc.sql("""
                            INSERT INTO partnership_lifecycle (partnership_id, version, department, kind, proposed_on)
                            VALUES (:id, 1, :department, :kind, :on)""")
                    .param("id", id).param("department", proposed.department()).param("kind", proposed.kind().name())
                    .param("on", proposed.effectiveDate()).update();
            enter(id, projected.sequence(), Stage.IDEA, proposed.effectiveDate());
            return true;
        }
        if (version != null && version > projected.sequence()) {
            return false;
        }
        if (version == null || version < projected.sequence()) {
            throw new IllegalStateException("Event " + projected.sequence() + " of partnership " + id
                    + " arrived before its predecessor (lifecycle read model at version " + version + ")");
        }
        LocalDate on = event.effectiveDate();
        String milestone = "";
        if (event instanceof StageAdvancedEvent moved) {
            move(id, projected.sequence(), moved.to(), on);
            milestone = forward(moved.to());
        } else if (event instanceof StageSkippedEvent skipped) {
            move(id, projected.sequence(), skipped.to(), on);
            milestone = forward(skipped.to());
        } else if (event instanceof StageRevertedEvent reverted) {
            move(id, projected.sequence(), reverted.to(), on);
            milestone = reverted.to() == Stage.PILOT ? ", had_pilot = true" : "";
        } else if (event instanceof AwardRecordedEvent) {
            milestone = ", awarded_on = :on";
        } else if (event instanceof PilotOutcomeRecordedEvent outcome && outcome.outcome() == PilotOutcome.SUCCEEDED) {
            milestone = ", pilot_succeeded_on = :on";
        } else if (event instanceof PartnershipCompletedEvent) {
            leave(id, on);
            milestone = ", closed_on = :on, closed_as = 'COMPLETED'";
        } else if (event instanceof PartnershipAbandonedEvent) {
            leave(id, on);
            milestone = ", closed_on = :on, closed_as = 'ABANDONED'";
        }
        jdbc.sql("UPDATE partnership_lifecycle SET version = :next" + milestone
                        + " WHERE partnership_id = :id AND version = :sequence")
                .param("id", id).param("next", projected.sequence() + 1).param("sequence", projected.sequence())
                .param("on", on).update();
        return true;
    }

    /** The milestone a forward move sets: entering a pilot, or reaching operation. */
    private static String forward(Stage to) {
        if (to == Stage.PILOT) {
            return ", had_pilot = true";
        }
        return to == Stage.IMPLEMENTATION || to == Stage.EVALUATION ? ", implemented_on = :on" : "";
    }

    private void move(String id, long sequence, Stage to, LocalDate on) {
        leave(id, on);
        enter(id, sequence, to, on);
    }

    private void leave(String id, LocalDate on) {
        jdbc.sql("UPDATE partnership_stage_stay SET left_on = :on WHERE partnership_id = :id AND left_on IS NULL")
                .param("id", id).param("on", on).update();
    }

    private void enter(String id, long sequence, Stage stage, LocalDate on) {
        // What the conversion counts: which stages a partnership ever reached, and how far it got.
        jdbc.sql("""
                        UPDATE partnership_lifecycle
                        SET reached_stages = reached_stages | CAST(:bit AS smallint),
                            furthest_stage = greatest(furthest_stage, CAST(:order AS smallint))
                        WHERE partnership_id = :id""")
                .param("id", id).param("bit", (short) (1 << stage.ordinal())).param("order", (short) stage.ordinal())
                .update();
        jdbc.sql("""
                        INSERT INTO partnership_stage_stay (partnership_id, sequence, stage, stage_order, entered_on,
                            department, kind, proposed_on)
                        SELECT partnership_id, :sequence, :stage, :order, :on, department, kind, proposed_on
                        FROM partnership_lifecycle WHERE partnership_id = :id""")
                .param("id", id).param("sequence", sequence).param("stage", stage.name())
                .param("order", (short) stage.ordinal()).param("on", on).update();
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
}
