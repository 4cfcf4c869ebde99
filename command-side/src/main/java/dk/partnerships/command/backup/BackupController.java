package dk.partnerships.command.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/** {@code GET /api/admin/backup} (ADMIN): a consistent backup of the event store, taken while the product runs. */
@Tag(name = "Administration")
@RestController
public class BackupController {

    private static final Logger log = LoggerFactory.getLogger(BackupController.class);

    private final DataSource dataSource;

    BackupController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Operation(operationId = "backupEventStore", summary = "A backup of the event store, as a zip file (ADMIN)")
    @ApiResponse(responseCode = "200", description = "The backup: restore it with java -jar standalone.jar --restore "
            + "FILE into an empty data folder (README, \"Back up and restore\").",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/admin/backup", produces = "application/zip")
    void backup(HttpServletResponse response) throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"partnerships-backup-" + LocalDate.now() + ".zip\"");
            EventStoreBackup.Summary summary = EventStoreBackup.write(connection, response.getOutputStream());
            log.info("Backup taken: {} events of {} partnerships (event store schema {})", summary.events(),
                    summary.partnerships(), summary.schemaVersion());
        }
    }
}
