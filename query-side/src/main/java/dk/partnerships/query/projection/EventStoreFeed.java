package dk.partnerships.query.projection;

import dk.partnerships.events.PartnershipEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds one projection straight from the local event store (standalone). Every read model's feed is in one processing
 * group ({@link #PROCESSING_GROUP}, named by a subclass's {@code @ProcessingGroup}): one Axon tracking processor reads
 * a batch, every read model applies it, and rows and the one token commit in one database transaction — one commit
 * per batch for all read models, as the query-side service's Kafka feed does, instead of one per read model.
 * <p>
 * The handler only collects the batch's events; they are applied together just before the batch commits, as
 * {@link ProjectionBatch} batches (a few round trips for up to the processor's batch size instead of one per
 * event — what makes catching up after a start or a reset fast). A failure there rolls back every read model's rows
 * and the token together, and the processor retries the batch (see {@link ProjectionAdministration}). Rebuilds pause
 * the whole feed and rebuild every read model together ({@link ProjectionRebuilds}), so no read model needs a token
 * of its own.
 */
public abstract class EventStoreFeed {

    /** The one processing group of the read models' feeds, and its tracking processor's (and token's) name. */
    public static final String PROCESSING_GROUP = "partnership-read-models";

    private final EventProjection projection;
    private final ProjectionMetrics metrics;
    private final NamedParameterJdbcOperations jdbc;
    private final String batchKey;

    protected EventStoreFeed(EventProjection projection, ProjectionMetrics metrics, NamedParameterJdbcOperations jdbc) {
        this.projection = projection;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.batchKey = EventStoreFeed.class.getName() + ":" + projection.name();
    }

    @EventHandler
    void on(PartnershipEvent event, @SequenceNumber Long sequence, @Timestamp Instant recordedAt, MetaData metaData,
            UnitOfWork<?> unitOfWork) {
        List<ProjectedEvent> batch = unitOfWork.root().getOrComputeResource(batchKey, key -> {
            List<ProjectedEvent> events = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(uow -> ProjectionBatch.applyAll(jdbc, projection, events)
                    .forEach(projected -> metrics.projected(projection.name(), projected)));
            return events;
        });
        batch.add(new ProjectedEvent(event, sequence, recordedAt, metaData));
    }

    @ResetHandler
    void reset() {
        projection.clear();
    }
}
