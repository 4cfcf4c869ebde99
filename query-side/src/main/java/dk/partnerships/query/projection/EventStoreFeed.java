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
 * Feeds one projection straight from the local event store (standalone). A subclass only names its processing group
 * ({@code @ProcessingGroup}, the projection's name): Axon's tracking processor then runs each batch in one database
 * transaction together with its token, so rows and position commit together.
 * <p>
 * The handler only collects the batch's events; they are applied together just before the batch commits, as
 * {@link ProjectionBatch} batches (a few round trips for up to the processor's batch size instead of one per
 * event — what makes catching up after a start or a reset fast). A failure there rolls back rows and token
 * together, and the processor retries the batch (see {@link ProjectionAdministration}).
 */
public abstract class EventStoreFeed {

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
