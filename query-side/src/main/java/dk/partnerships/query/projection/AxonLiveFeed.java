package dk.partnerships.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.OptionalLong;

/** The live feed of standalone: Axon tracking processors over the local event store. */
public class AxonLiveFeed implements LiveFeed {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final List<String> processors;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;

    public AxonLiveFeed(EventProcessingConfiguration processing, TokenStore tokens, List<String> processors,
                        DataSource dataSource, TransactionTemplate transaction) {
        this.processing = processing;
        this.tokens = tokens;
        this.processors = processors;
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /**
     * Stops every processor and replays up to the furthest position any of them reached. A processor that was
     * behind resumes from its own token and meets events the rebuilt tables already contain; the projections'
     * (partnership id, sequence) guard skips them. Replaying only to the slowest position instead would lose the
     * events the faster processors had already applied, because they never see them again.
     */
    @Override
    public EventReplay pause() {
        long position = -1;
        for (String name : processors) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::shutDown);
            // Tokens are stored when a processor stops.
            int[] segments = transaction.execute(status -> tokens.fetchSegments(name));
            for (int segment : segments == null ? new int[0] : segments) {
                TrackingToken token = transaction.execute(status -> tokens.fetchToken(name, segment));
                OptionalLong reached = token == null ? OptionalLong.empty() : token.position();
                position = Math.max(position, reached.orElse(-1));
            }
        }
        return new EventStoreReplay(dataSource, transaction, position);
    }

    @Override
    public void resume() {
        processors.forEach(name -> processing.eventProcessor(name, StreamingEventProcessor.class)
                .ifPresent(StreamingEventProcessor::start));
    }
}
