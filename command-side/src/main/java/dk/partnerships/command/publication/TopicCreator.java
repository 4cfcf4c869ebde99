package dk.partnerships.command.publication;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topic before the first event is published, so no event lands in an auto-created topic with the
 * broker's default partitioning. Tried lazily: the command side starts, and accepts commands, while Kafka is down.
 */
class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;
    private final NewTopic topic;
    private volatile boolean exists;

    TopicCreator(Admin admin, String name, int partitions, short replicationFactor) {
        this.admin = admin;
        this.topic = new NewTopic(name, partitions, replicationFactor);
    }

    void ensureTopic() throws ExecutionException, InterruptedException, TimeoutException {
        if (exists) {
            return;
        }
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            log.info("Created topic {} with {} partitions", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        exists = true;
    }
}
