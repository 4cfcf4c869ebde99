package dk.partnerships.standalone;

import dk.partnerships.standalone.embedded.DataFolder;
import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What laptops and servers do to the standalone product, done to it as a real child process on a real data folder:
 * killed with {@code kill -9} under load, started twice on one folder, its PostgreSQL killed under it, backed up
 * while running and restored elsewhere, started on folders it cannot use.
 */
class CrashAndRestoreTest {

    @TempDir
    Path folder;

    private final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(ChildProcess::kill);
        // A PostgreSQL orphaned on purpose by a test is not left behind either.
        try (var entries = Files.list(folder)) {
            entries.filter(Files::isDirectory).forEach(data -> postmaster(data).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    record Product(ChildProcess process, Http http, Path data) {
    }

    private ChildProcess launch(Path data, int port, String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--partnerships.embedded-postgres.data-directory=" + data, "--partnerships.demo-data.enabled=false"));
        args.addAll(List.of(extra));
        ChildProcess process = ChildProcess.java(folder.resolve(name + ".log"), List.of("-Xmx384m"),
                "dk.partnerships.standalone.StandaloneApplication", args.toArray(String[]::new));
        started.add(process);
        return process;
    }

    private Product start(Path data, String name, String... extra) throws IOException {
        int port = KafkaBroker.freePort();
        ChildProcess process = launch(data, port, name, extra);
        ChildProcess.awaitPort(port, Duration.ofMinutes(3), process);
        Http http = new Http(port);
        await().atMost(Duration.ofMinutes(1)).until(() -> http.get("/actuator/health").status() == 200);
        return new Product(process, http, data);
    }

    private String propose(Http http, String title) {
        Http.Response created = http.post("/api/partnerships", StandaloneHttpTest.proposal(title, "OPI", "TMF", null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void a_product_killed_mid_load_starts_again_by_itself_with_every_acknowledged_write() throws Exception {
        Path data = folder.resolve("data");
        Product first = start(data, "first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                try {
                    Http.Response created = first.http().post("/api/partnerships",
                            StandaloneHttpTest.proposal("Under belastning", "OPI", "TMF", null));
                    if (created.status() == 201) {
                        acknowledged.add(created.json().path("id").asString());
                    }
                } catch (RuntimeException connectionGone) {
                    return;
                }
            }
        });
        load.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 20);
        first.process().kill(); // SIGKILL: no shutdown hook, the embedded PostgreSQL is left running
        loading.set(false);
        load.join(10_000);
        assertThat(postmaster(data)).as("the crashed product's PostgreSQL still runs, orphaned").isPresent();

        Product second = start(data, "second");
        assertThat(second.process().output()).contains("Found PostgreSQL (pid").contains("from a product that is gone");
        // Acknowledged means on disk: the embedded server flushes its write-ahead log at every commit.
        try (var connection = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:"
                + Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip() + "/postgres", "postgres", null);
             var statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (var row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    assertThat(row.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
        Http auditor = second.http().as("auditor");
        for (String id : acknowledged) {
            // In the event store, with its hash chain intact ...
            Http.Response stored = auditor.get("/api/partnerships/" + id + "/verification");
            assertThat(stored.status()).as(id).isEqualTo(200);
            assertThat(stored.json().path("valid").asBoolean()).as(id).isTrue();
        }
        // ... and in the read models once they have caught up.
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.stream()
                .allMatch(id -> second.http().get("/api/partnerships/" + id).status() == 200));
        assertThat(auditor.get("/api/audit/verification").json().path("valid").asBoolean()).isTrue();
    }

    @Test
    void a_second_product_on_a_folder_in_use_refuses_at_once_and_the_first_keeps_running() throws Exception {
        Path data = folder.resolve("data");
        Product first = start(data, "first");
        String id = propose(first.http(), "Først");

        ChildProcess second = launch(data, KafkaBroker.freePort(), "second");
        assertThat(second.waitFor(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(second.output()).contains("partnerships: The data folder " + data.toAbsolutePath())
                .contains("in use by another running product (process " + first.process().pid() + ")")
                .doesNotContain("Exception\n\tat ");

        assertThat(first.process().isAlive()).isTrue();
        assertThat(first.http().get("/api/partnerships/" + id + "?minVersion=1").status()).isEqualTo(200);
        assertThat(propose(first.http(), "Stadig i gang")).isNotBlank();
    }

    @Test
    void a_database_killed_under_the_product_answers_503_then_comes_back_by_itself() throws Exception {
        Path data = folder.resolve("data");
        Product product = start(data, "product");
        String before = propose(product.http(), "Før nedbruddet");
        await().until(() -> product.http().get("/api/partnerships/" + before + "?minVersion=1").status() == 200);

        // Its folder frozen first, so PostgreSQL cannot come back until the test lets it: the outage is seen, not
        // only the recovery (unfrozen, the watchdog brings it back within a request's wait for a connection).
        boolean frozen = makeReadOnly(data);
        ProcessHandle postgres = postmaster(data).orElseThrow();
        postgres.destroyForcibly();
        postgres.onExit().get();
        if (frozen) {
            try {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        "DOWN".equals(product.http().get("/actuator/health").json().path("status").asString()));
                Http.Response read = product.http().get("/api/partnerships?limit=1");
                assertThat(read.status()).isEqualTo(503);
                assertThat(read.code()).isEqualTo("service-unavailable");
                assertThat(read.header("Retry-After")).isEqualTo("5");
                Http.Response write = product.http().post("/api/partnerships",
                        StandaloneHttpTest.proposal("Under nedbruddet", "OPI", "TMF", null));
                assertThat(write.status()).isEqualTo(503);
                assertThat(write.code()).isEqualTo("service-unavailable");
            } finally {
                makeWritable(data);
            }
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> product.http().get("/api/partnerships?limit=1").status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "UP".equals(product.http().get("/actuator/health").json().path("status").asString()));

        assertThat(product.process().isAlive()).isTrue();
        assertThat(product.process().output()).contains("stopped under the running product; starting it again")
                .contains("is running again");
        assertThat(product.http().get("/api/partnerships/" + before).status()).isEqualTo(200);
        String after = propose(product.http(), "Efter nedbruddet");
        // The projections backed off while the database was gone (up to a minute between tries); they catch up.
        await().atMost(Duration.ofSeconds(90)).until(() -> product.http().get("/api/partnerships/" + after).status() == 200);
        org.junit.jupiter.api.Assumptions.assumeTrue(frozen, "the data folder could not be made read-only here, "
                + "so the outage was too short to see the 503 (recovery was checked)");
    }

    @Test
    void a_backup_of_a_running_product_restores_into_an_empty_folder_and_verifies() throws Exception {
        Product original = start(folder.resolve("data"), "original");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(propose(original.http(), "Sikkerhedskopi " + i));
        }
        Http.Response moved = original.http().post("/api/partnerships/" + ids.get(0) + "/stage-transitions",
                Map.of("to", "MARKET_DIALOGUE"));
        assertThat(moved.status()).isEqualTo(200);
        Http.Binary backup = original.http().as("admin").getBytes("/api/admin/backup");
        assertThat(backup.status()).isEqualTo(200);
        assertThat(backup.header("Content-Disposition")).contains("partnerships-backup-");
        Path file = folder.resolve("backup.zip");
        Files.write(file, backup.bytes());
        assertThat(original.http().as("lead").get("/api/admin/backup").status()).isEqualTo(403);

        Path restored = folder.resolve("restored");
        ChildProcess restore = ChildProcess.java(folder.resolve("restore.log"), List.of("-Xmx384m"),
                "dk.partnerships.standalone.StandaloneApplication", "--restore", file.toString(),
                "--partnerships.embedded-postgres.data-directory=" + restored);
        assertThat(restore.waitFor(Duration.ofMinutes(2))).as(restore.output()).isEqualTo(0);
        assertThat(restore.output()).contains("Restored 6 events of 5 partnerships");

        ChildProcess again = ChildProcess.java(folder.resolve("restore-again.log"), List.of("-Xmx384m"),
                "dk.partnerships.standalone.StandaloneApplication", "--restore", file.toString(),
                "--partnerships.embedded-postgres.data-directory=" + restored);
        assertThat(again.waitFor(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(again.output()).contains("already holds data");

        original.process().stop();
        assertThat(postmaster(folder.resolve("data"))).as("a clean stop stops its PostgreSQL").isEmpty();
        Product copy = start(restored, "copy");
        Http auditor = copy.http().as("auditor");
        Http.Response verification = auditor.get("/api/audit/verification");
        assertThat(verification.json().path("valid").asBoolean()).as(verification.body()).isTrue();
        assertThat(verification.json().path("events").asLong()).isEqualTo(6);
        await().atMost(Duration.ofMinutes(1)).until(() ->
                copy.http().get("/api/partnerships/" + ids.get(0) + "?minVersion=2").status() == 200);
        assertThat(copy.http().get("/api/partnerships/" + ids.get(0)).json().path("stage").asString())
                .isEqualTo("MARKET_DIALOGUE");
        for (String id : ids) {
            assertThat(copy.http().get("/api/partnerships/" + id + "?minVersion=1").status()).isEqualTo(200);
        }
        Http.Response consistency = copy.http().as("admin").post("/api/admin/projections/consistency-check", "");
        assertThat(consistency.json().path("consistent").asBoolean()).as(consistency.body()).isTrue();
        // The restored store goes on: new events chain on (the global index continues past the restored ones).
        String later = propose(copy.http(), "Efter gendannelsen");
        assertThat(copy.http().get("/api/partnerships/" + later + "?minVersion=1").status()).isEqualTo(200);
        Http.Response again2 = auditor.get("/api/audit/verification");
        assertThat(again2.json().path("valid").asBoolean()).as(again2.body()).isTrue();
        assertThat(again2.json().path("events").asLong()).isEqualTo(7);
    }

    @Test
    void bad_places_to_start_get_one_line_and_a_non_zero_exit() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        assertRefused(file, "is a file, not a folder");

        Path other = Files.createDirectories(folder.resolve("photos"));
        Files.writeString(other.resolve("holiday.jpg"), "x");
        assertRefused(other, "is not a data folder of this product");

        Path full = Files.createDirectories(folder.resolve("full"));
        assertRefused(full, "is full (", "--partnerships.embedded-postgres.minimum-free-mb=" + Long.MAX_VALUE / (2L << 20));

        Path readOnly = Files.createDirectories(folder.resolve("read-only"));
        if (makeReadOnly(readOnly)) {
            try {
                assertRefused(readOnly, "is not writable");
            } finally {
                makeWritable(readOnly);
            }
        }
    }

    private void assertRefused(Path data, String reason, String... extra) throws IOException {
        ChildProcess refused = launch(data, KafkaBroker.freePort(), data.getFileName().toString(), extra);
        assertThat(refused.waitFor(Duration.ofMinutes(1))).as(refused.output()).isEqualTo(2);
        String output = refused.output();
        assertThat(output).contains("partnerships: ").contains(reason).contains(data.toAbsolutePath().toString())
                .doesNotContain("\tat ");
    }

    /** Read-only even for root: the immutable attribute, where the file system and the capabilities allow it. */
    private static boolean makeReadOnly(Path directory) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            return new ProcessBuilder("chattr", "+i", directory.toString()).start().waitFor() == 0;
        }
        return directory.toFile().setWritable(false, false);
    }

    private static void makeWritable(Path directory) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("chattr", "-i", directory.toString()).start().waitFor();
        } else {
            directory.toFile().setWritable(true, true);
        }
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path data) {
        return DataFolder.postmaster(data.toAbsolutePath().normalize());
    }
}
