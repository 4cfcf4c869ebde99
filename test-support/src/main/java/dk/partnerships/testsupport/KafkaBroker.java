package dk.partnerships.testsupport;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a child JVM, from the Maven jars on the
 * test class path. Its log directory survives {@link #stop()}, so a stopped broker comes back with every record
 * and every committed offset, as a real broker restarted after an outage does.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    public KafkaBroker(Path directory) throws IOException {
        this.directory = directory;
        this.port = freePort();
        this.controllerPort = freePort();
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("logs"),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.partitions=1") + "\n");
        ChildProcess format = ChildProcess.java(directory.resolve("format.log"), List.of(),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
        if (format.waitFor(Duration.ofSeconds(60)) != 0) {
            throw new IllegalStateException("Formatting Kafka's storage failed:\n" + format.output());
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public void start() throws IOException {
        process = ChildProcess.java(directory.resolve("broker.log"), List.of("-Xmx512m"),
                "kafka.Kafka", directory.resolve("server.properties").toString());
        ChildProcess.awaitPort(port, Duration.ofSeconds(60), process);
    }

    /** Kills the broker at once, as a crash or a network outage would. */
    public void stop() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
