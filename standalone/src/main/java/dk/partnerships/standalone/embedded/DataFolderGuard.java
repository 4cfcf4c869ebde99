package dk.partnerships.standalone.embedded;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens (checks, locks, frees) the data folder as soon as the settings are read, before the web server and the
 * rest of the product start, so a product that cannot use its folder — another one runs on it — stops at once.
 * The embedded database takes the opened folder from here.
 */
class DataFolderGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<Path, DataFolder> OPENED = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getMainApplicationClass() != dk.partnerships.standalone.StandaloneApplication.class) {
            return; // a test's context: its settings arrive later; the embedded database opens the folder itself
        }
        ConfigurableEnvironment environment = event.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        boolean embedded = environment.getProperty("partnerships.embedded-postgres.enabled", Boolean.class, true);
        if (!embedded || url != null && !url.isBlank()) {
            return;
        }
        Path folder = folder(environment.getProperty("partnerships.embedded-postgres.data-directory", "./data"));
        long minimumFree = environment.getProperty("partnerships.embedded-postgres.minimum-free-mb", Long.class,
                DataFolder.MINIMUM_FREE_MEGABYTES);
        OPENED.computeIfAbsent(folder, path -> DataFolder.open(path, minimumFree));
    }

    /** The folder opened for this start, or opened now (a context started without the listener). */
    static DataFolder take(String directory, long minimumFreeMegabytes) {
        DataFolder opened = OPENED.remove(folder(directory));
        return opened != null ? opened : DataFolder.open(folder(directory), minimumFreeMegabytes);
    }

    private static Path folder(String directory) {
        return Path.of(directory).toAbsolutePath().normalize();
    }
}
