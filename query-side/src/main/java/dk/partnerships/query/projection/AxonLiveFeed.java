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

    @Override
    public EventReplay pause() {
        long position = Long.MAX_VALUE;
        for (String name : processors) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::shutDown);
            // Tokens are stored when the processor stops; the replay goes exactly as far as the live tables went.
            int[] segments = transaction.execute(status -> tokens.fetchSegments(name));
            for (int segment : segments == null ? new int[0] : segments) {
                TrackingToken token = transaction.execute(status -> tokens.fetchToken(name, segment));
                OptionalLong reached = token == null ? OptionalLong.empty() : token.position();
                position = Math.min(position, reached.orElse(-1));
            }
        }
        return new EventStoreReplay(dataSource, transaction, position == Long.MAX_VALUE ? -1 : position);
    }

    @Override
    public void resume() {
        processors.forEach(name -> processing.eventProcessor(name, StreamingEventProcessor.class)
                .ifPresent(StreamingEventProcessor::start));
    }
}
