package dk.partnerships.standalone;

import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.KafkaBroker;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static dk.partnerships.standalone.embedded.DataFolder.postmaster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A data folder written by the release before the lifecycle rules moved into Java (main on 2026-12-07: the demo's
 * five cases, two more partnerships, put on hold, abandoned after a successful pilot, readiness items added and
 * resolved, one completed) opens in this release without loss: the read models are converted, rebuilt from the
 * events beside the live ones and swapped in, and every answer that does not depend on today's date equals the one
 * that release gave ({@code upgrade/answers-2026-12-07.json}, fetched from it before it was stopped).
 */
class ReadModelUpgradeTest {

    @TempDir
    Path folder;

    private ChildProcess product;

    @AfterEach
    void stop() {
        if (product != null) {
            product.kill();
        }
        postmaster(folder.resolve("olddata")).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void a_data_folder_of_the_previous_release_upgrades_without_loss_and_answers_as_before() throws Exception {
        Path data = unpack("upgrade/data-folder-2026-12-07.tar.xz");
        int port = KafkaBroker.freePort();
        product = ChildProcess.java(folder.resolve("product.log"), List.of("-Xmx384m"),
                "dk.partnerships.standalone.StandaloneApplication", "--server.port=" + port,
                "--partnerships.embedded-postgres.data-directory=" + data);
        ChildProcess.awaitPort(port, Duration.ofMinutes(3), product);
        Http admin = new Http(port, "admin");
        Http manager = new Http(port, "manager");
        await().atMost(Duration.ofMinutes(1)).until(() -> admin.get("/actuator/health").status() == 200);

        // The upgrade's rebuild ran and finished by itself; a second one finds nothing to repair.
        await().atMost(Duration.ofMinutes(2)).until(() -> "finished".equals(admin.get("/api/admin/projections").json()
                .path("partnership-lifecycle").path("rebuild").path("state").asString()));
        // The rows converted in place were already right: the rebuild replaced them with equal ones, so what readers
        // saw before it finished was the true state too.
        JsonNode changed = admin.get("/api/admin/projections").json().path("partnership-lifecycle").path("rebuild")
                .path("liveRowsChanged");
        for (String table : List.of("partnership_stage_stay", "lifecycle_readiness_item", "figure_active",
                "figure_conversion", "figure_quarter", "figure_stay_length", "figure_waiting", "figure_after_pilot",
                "figure_time_to_outcome", "figure_under_way", "figure_in_stage")) {
            assertThat(changed.get(table).toString()).as(table).isEqualTo("{\"deleted\":0,\"updated\":0,\"inserted\":0}");
        }
        // Except since when a partnership is on hold, which only its events tell: the rebuild filled in exactly those.
        int onHold = manager.get("/api/partnerships?status=ON_HOLD").json().size();
        assertThat(onHold).as("the folder has a partnership on hold").isPositive();
        assertThat(changed.get("partnership_lifecycle").toString())
                .isEqualTo("{\"deleted\":0,\"updated\":" + onHold + ",\"inserted\":0}");
        JsonNode check = admin.post("/api/admin/projections/consistency-check", "").json();
        assertThat(check.get("consistent").asBoolean()).as(check.toString()).isTrue();
        long events = 0;
        for (JsonNode partnership : manager.get("/api/partnerships").json()) {
            events += partnership.get("version").asLong();
        }
        assertThat(check.get("eventsReplayed").asLong()).as("every event of the folder, read again").isEqualTo(events)
                .isEqualTo(38);

        JsonNode before = JsonMapper.builder().build().readTree(resource("upgrade/answers-2026-12-07.json"));
        JsonNode lifecycle = manager.get("/api/dashboard/lifecycle").json();
        for (String figure : List.of("byStage", "byDepartment", "conversion", "conversionCounts", "timeInStage")) {
            assertThat(lifecycle.get(figure)).as(figure).isEqualTo(before.get("lifecycle").get(figure));
        }
        // The trend runs to today's quarter: the quarters the previous release listed are unchanged.
        JsonNode trend = lifecycle.get("quarterlyTrend");
        JsonNode trendBefore = before.get("lifecycle").get("quarterlyTrend");
        for (int i = 0; i < trendBefore.size(); i++) {
            assertThat(trend.get(i)).isEqualTo(trendBefore.get(i));
        }
        JsonNode gap = manager.get("/api/dashboard/implementation-gap?days=30").json();
        for (String figure : List.of("stalledAfterPilotTotal", "openReadinessItemsTotal",
                "abandonedAfterSuccessfulPilotTotal", "abandonedAfterSuccessfulPilot", "pilotToImplementationRate",
                "pilotToImplementationCounts")) {
            assertThat(gap.get(figure)).as(figure).isEqualTo(before.get("implementationGap").get(figure));
        }
        assertThat(gap.get("openReadinessItems").findValuesAsString("itemId")).isEqualTo(
                before.get("implementationGap").get("openReadinessItems").findValuesAsString("itemId"));

        // And it goes on recording: a move is projected into the rows and the figures.
        Http lead = new Http(port, "lead");
        Http.Response created = lead.post("/api/partnerships", StandaloneHttpTest.proposal("Efter opgraderingen", "OPI",
                "TMF", null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.get("/api/dashboard/lifecycle").json()
                .path("byStage").path("IDEA").asLong() == before.get("lifecycle").get("byStage").get("IDEA").asLong() + 1);
    }

    /** The archive unpacked into the test's folder, with the permissions PostgreSQL insists on for its data. */
    private Path unpack(String archive) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(resource(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException("Entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        Path data = folder.resolve("olddata");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        return data;
    }

    private static InputStream resource(String name) {
        return ReadModelUpgradeTest.class.getClassLoader().getResourceAsStream(name);
    }
}
