package dk.partnerships.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The distributed product as an operator runs it: a PostgreSQL with one database per service, a Kafka broker,
 * and the two services as plain {@code java -jar} processes configured only by Spring Boot's standard properties.
 */
public final class Services implements AutoCloseable {

    public static final Path COMMAND_SIDE_JAR = Path.of(System.getProperty("command-side.jar"));
    public static final Path QUERY_SIDE_JAR = Path.of(System.getProperty("query-side.jar"));

    private final Path directory;
    public final EmbeddedPostgres postgres;
    public final KafkaBroker kafka;
    public final JdbcClient commandDatabase;
    public final JdbcClient queryDatabase;
    public final int commandPort;
    public final int queryPort;
    /** Ports of further query-side instances (1, 2, ...) sharing the read database and the consumer group. */
    private final java.util.Map<Integer, Integer> extraQueryPorts = new java.util.HashMap<>();
    private final java.util.Map<Integer, ChildProcess> extraQuerySides = new java.util.HashMap<>();
    private final HikariDataSource commandPool;
    private final HikariDataSource queryPool;
    private ChildProcess commandSide;
    private ChildProcess querySide;
    private int queryStarts;

    public Services(Path directory) throws IOException {
        this.directory = directory;
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(true).start();
        JdbcClient admin = JdbcClient.create(postgres.getPostgresDatabase());
        admin.sql("CREATE DATABASE command_side").update();
        admin.sql("CREATE DATABASE query_side").update();
        commandPool = PooledDatabase.open(postgres, "command_side");
        queryPool = PooledDatabase.open(postgres, "query_side");
        commandDatabase = JdbcClient.create(commandPool);
        queryDatabase = JdbcClient.create(queryPool);
        kafka = new KafkaBroker(java.nio.file.Files.createDirectories(directory.resolve("kafka")));
        kafka.start();
        commandPort = KafkaBroker.freePort();
        queryPort = KafkaBroker.freePort();
    }

    /** The account the tests sign in with on both services: a project lead of every department, auditor and admin. */
    static final String USER = "tester";
    /** Both sides sign and check the pages' tokens with it. */
    private static final String TOKEN_SECRET = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

    private List<String> arguments(int port, String database) {
        return List.of(
                "--partnerships.security.accounts." + USER + ".password={bcrypt}$2a$10$JRRRFyK/9fke3PLQX0tdHezUSpwCOBWct4v/lDgy8rLwbTrWQztcO",
                "--partnerships.security.accounts." + USER + ".name=Test Testesen",
                "--partnerships.security.accounts." + USER + ".roles=PROJECT_LEAD,AUDITOR,ADMIN",
                "--partnerships.security.accounts." + USER + ".departments=OKF,SUF,TMF,BUF,KFF,SOF,BIF",
                "--partnerships.security.token-secret=" + TOKEN_SECRET,
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    }

    /** The query side's pages write, and its reads find persons' names, through the command side's API. */
    private List<String> withCommandSide(List<String> arguments) {
        List<String> all = new java.util.ArrayList<>(arguments);
        all.add("--partnerships.web.command-side-url=http://localhost:" + commandPort);
        return all;
    }

    public void startCommandSide() throws IOException {
        commandSide = ChildProcess.jar(directory.resolve("command-side.log"), COMMAND_SIDE_JAR, List.of("-Xmx384m"),
                arguments(commandPort, "command_side"));
        ChildProcess.awaitPort(commandPort, Duration.ofSeconds(120), commandSide);
    }

    public void startQuerySide() throws IOException {
        String extra = System.getProperty("query-side.args", "").trim();
        startQuerySide(extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
    }

    /** SIGKILL, mid-stream: no graceful shutdown, no final offset commit. */
    public void killQuerySide() {
        querySide.kill();
    }

    /**
     * Starts query-side instance {@code instance} (1 or more; the one {@link #startQuerySide()} starts is 0) on the
     * same read database, in the same consumer group, with extra arguments of the test's.
     */
    public void startQuerySide(int instance, List<String> extraArguments) throws IOException {
        if (!extraQueryPorts.containsKey(instance)) {
            extraQueryPorts.put(instance, KafkaBroker.freePort());
        }
        int port = extraQueryPorts.get(instance);
        List<String> all = new java.util.ArrayList<>(withCommandSide(arguments(port, "query_side")));
        all.addAll(extraArguments);
        ChildProcess running = extraQuerySides.remove(instance);
        if (running != null) {
            running.kill();
        }
        ChildProcess started = ChildProcess.jar(directory.resolve("query-side-instance-" + instance + "-"
                + (++queryStarts) + ".log"), QUERY_SIDE_JAR, List.of("-Xmx384m"), all);
        extraQuerySides.put(instance, started);
        ChildProcess.awaitPort(port, Duration.ofSeconds(120), started);
    }

    /** Starts instance 0, as {@link #startQuerySide()} does, with extra arguments. */
    public void startQuerySide(List<String> extraArguments) throws IOException {
        List<String> all = new java.util.ArrayList<>(withCommandSide(arguments(queryPort, "query_side")));
        all.addAll(extraArguments);
        if (querySide != null) {
            querySide.kill(); // a test that failed before killing it must not leave it running
        }
        querySide = ChildProcess.jar(directory.resolve("query-side-" + (++queryStarts) + ".log"), QUERY_SIDE_JAR,
                List.of("-Xmx384m"), all);
        ChildProcess.awaitPort(queryPort, Duration.ofSeconds(120), querySide);
    }

    /** SIGKILL of query-side instance {@code instance}. */
    public void killQuerySide(int instance) {
        extraQuerySides.remove(instance).kill();
    }

    public Http reads(int instance) {
        return new Http(extraQueryPorts.get(instance), USER, USER);
    }

    /** Per partnership, how many events the event store holds. */
    public java.util.Map<String, Long> storedEventCounts() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        commandDatabase.sql("SELECT aggregate_identifier, count(*) FROM domain_event_entry GROUP BY 1")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Per partnership, the version the summary read model reached (equal to the stored count when caught up). */
    public java.util.Map<String, Long> projectedVersions() {
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        queryDatabase.sql("SELECT id, version FROM partnership_summary")
                .query((rs, row) -> versions.put(rs.getString(1), rs.getLong(2))).list();
        return versions;
    }

    public Http commands() {
        return new Http(commandPort, USER, USER);
    }

    public Http reads() {
        return new Http(queryPort, USER, USER);
    }

    public String logs() {
        StringBuilder logs = new StringBuilder("command side:\n")
                .append(ChildProcess.tail(commandSide == null ? "" : commandSide.output()))
                .append("\nquery side:\n").append(ChildProcess.tail(querySide == null ? "" : querySide.output()));
        extraQuerySides.forEach((instance, process) -> logs.append("\nquery side ").append(instance).append(":\n")
                .append(ChildProcess.tail(process.output())));
        return logs.toString();
    }

    @Override
    public void close() throws IOException {
        if (querySide != null) {
            querySide.kill();
        }
        extraQuerySides.values().forEach(ChildProcess::kill);
        if (commandSide != null) {
            commandSide.kill();
        }
        kafka.close();
        queryPool.close();
        commandPool.close();
        postgres.close();
    }
}
