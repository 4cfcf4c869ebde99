package dk.partnerships.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import java.util.List;

/**
 * A projection that cannot apply an event (its predecessor is missing, the database refuses) must not skip it: Axon's
 * default for event handlers logs the error and moves the token on, which would leave the read model silently
 * behind its events for good. Propagating the error rolls the batch back with its token; the tracking processor
 * releases its claim and retries with growing pauses until the cause is gone.
 */
public final class ProjectionErrorHandling {

    private ProjectionErrorHandling() {
    }

    public static ConfigurerModule retryFailedBatches(List<String> processingGroups) {
        return configurer -> processingGroups.forEach(group -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance()));
    }
}
