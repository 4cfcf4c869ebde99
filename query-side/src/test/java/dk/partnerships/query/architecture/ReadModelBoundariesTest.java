package dk.partnerships.query.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read model lives in a package of its own (summaries, history, lessons, lifecycle) holding its projection,
 * its storage, its views, its endpoints and its pages. Its tables are its own: no other package names them in SQL,
 * so a read model can be reshaped or rebuilt without reading every other one. What one read model shows of another
 * it asks through that one's Java classes.
 */
class ReadModelBoundariesTest {

    private static final String QUERY = "dk.partnerships.query";
    private static final Path SOURCES = Path.of("src/main/java/dk/partnerships/query");

    /** Every read model, by its projection (tables() names what it owns). */
    private static final List<EventProjection> READ_MODELS = List.of(new PartnershipSummaryProjector(null, null),
            new PartnershipHistoryProjector(null), new LessonProjection(null, null), new LifecycleProjection(null));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(QUERY);

    @Test
    void no_package_names_another_read_model_s_tables() throws IOException {
        Map<String, String> owner = new TreeMap<>();
        for (EventProjection readModel : READ_MODELS) {
            readModel.tables().forEach(table -> owner.put(table, readModel.getClass().getPackageName()));
        }
        assertThat(owner).as("every read model owns tables").hasSizeGreaterThan(READ_MODELS.size());

        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String packageName = QUERY + "." + SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                String source = Files.readString(file);
                owner.forEach((table, ownerPackage) -> {
                    if (!ownerPackage.equals(packageName)
                            && Pattern.compile("\\b" + table + "\\b").matcher(source).find()) {
                        trespasses.add(SOURCES.relativize(file) + " names " + table + " of " + ownerPackage);
                    }
                });
            }
        }
        assertThat(trespasses).isEmpty();
    }

    @Test
    void read_models_use_one_another_only_through_their_views_never_their_projections() {
        for (EventProjection readModel : READ_MODELS) {
            String home = readModel.getClass().getPackageName();
            noClasses().that().resideOutsideOfPackage(home)
                    .should().dependOnClassesThat().areAssignableTo(readModel.getClass())
                    .because("only the " + home + " package writes its read model (the rebuilds take every projection"
                            + " as an EventProjection)")
                    .check(CLASSES);
        }
    }

    @Test
    void the_shared_parts_depend_on_no_read_model() {
        noClasses().that().resideInAnyPackage(QUERY + ".projection..", QUERY + ".web..", QUERY + ".kafka..",
                        QUERY + ".people..")
                .should().dependOnClassesThat().resideInAnyPackage(QUERY + ".summaries..", QUERY + ".history..",
                        QUERY + ".lessons..", QUERY + ".lifecycle..")
                .because("projection infrastructure, shared page parts and feeds serve every read model alike")
                .check(CLASSES);
    }
}
