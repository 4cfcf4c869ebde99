package dk.partnerships.query.projection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose read models each had a tracking processor is read on by the one feed from the slowest of their
 * positions, and their tokens go; a store the one feed already reads, or a new one, is left alone.
 */
class SingleFeedTakeoverTest {

    private static final List<String> FORMER = List.of("partnership-summaries", "partnership-history",
            "partnership-lifecycle", "partnership-lessons");

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static SingleFeedTakeover takeover;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        ReadModelMigrations.migrate(postgres.getPostgresDatabase());
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        takeover = new SingleFeedTakeover(jdbc, new TransactionTemplate(
                new DataSourceTransactionManager(postgres.getPostgresDatabase())), FORMER);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void noTokens() {
        jdbc.sql("DELETE FROM tokenentry").update();
    }

    private static void token(String processor, String json, String owner) {
        jdbc.sql("""
                        INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
                        VALUES (:name, 0, :token, 'org.axonframework.eventhandling.GapAwareTrackingToken', '2026-12-01T10:00:00Z', :owner)""")
                .param("name", processor).param("token", json == null ? null : json.getBytes(StandardCharsets.UTF_8))
                .param("owner", owner).update();
    }

    private static List<String> processors() {
        return jdbc.sql("SELECT processorname FROM tokenentry ORDER BY processorname").query(String.class).list();
    }

    private static String feedToken() {
        return jdbc.sql("SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = :feed")
                .param("feed", EventStoreFeed.PROCESSING_GROUP).query(String.class).single();
    }

    @Test
    void the_one_feed_starts_where_the_slowest_former_processor_stopped_and_their_tokens_go() {
        token("partnership-summaries", "{\"index\":120,\"gaps\":[]}", null);
        token("partnership-history", "{\"index\":95,\"gaps\":[93]}", "node-of-a-crashed-start");
        token("partnership-lifecycle", "{\"index\":130,\"gaps\":[]}", null);
        token("partnership-lessons", "{\"index\":118,\"gaps\":[]}", null);
        token("kafka-publisher", "{\"index\":130,\"gaps\":[]}", null);

        takeover.run();

        assertThat(processors()).containsExactly("kafka-publisher", EventStoreFeed.PROCESSING_GROUP);
        assertThat(feedToken()).as("the slowest token, gaps and all").isEqualTo("{\"index\":95,\"gaps\":[93]}");
        // Once taken over, a second start changes nothing.
        token("partnership-summaries", "{\"index\":1,\"gaps\":[]}", null);
        takeover.run();
        assertThat(feedToken()).isEqualTo("{\"index\":95,\"gaps\":[93]}");
    }

    @Test
    void a_replay_token_counts_by_its_current_position_and_an_unset_token_as_the_beginning() {
        token("partnership-summaries", "{\"tokenAtReset\":{\"index\":50,\"gaps\":[]},\"currentToken\":{\"index\":20,\"gaps\":[]}}", null);
        token("partnership-history", "{\"index\":40,\"gaps\":[]}", null);
        takeover.run();
        assertThat(feedToken()).contains("\"currentToken\":{\"index\":20");

        noTokens();
        token("partnership-summaries", "{\"index\":40,\"gaps\":[]}", null);
        token("partnership-lessons", null, null);
        takeover.run();
        assertThat(jdbc.sql("SELECT token IS NULL FROM tokenentry WHERE processorname = :feed")
                .param("feed", EventStoreFeed.PROCESSING_GROUP).query(Boolean.class).single()).isTrue();
    }

    @Test
    void a_new_store_is_left_alone() {
        takeover.run();
        assertThat(processors()).isEmpty();
    }
}
