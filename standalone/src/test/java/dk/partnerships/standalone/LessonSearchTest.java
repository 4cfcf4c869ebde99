package dk.partnerships.standalone;

import dk.partnerships.standalone.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Lessons are found across departments by words in Danish or English, by tag, and narrowed by filters. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
class LessonSearchTest extends StandaloneHttpTest {

    @Test
    void lessons_are_found_by_danish_and_english_words_and_tags_and_filtered() {
        String id = http.post("/api/partnerships", proposal("Digital hjemmepleje", "OPI", "SUF", "2024-01-01"))
                .json().get("id").asString();
        http.post("/api/partnerships/" + id + "/lessons", Map.of("text",
                "Involve the night staff early: they carry the implementation", "tags", List.of("staff")));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/lessons").json().size() == 5);

        // Danish stemming: "partnerskaber" finds the lesson about a "partnerskab".
        JsonNode danish = http.get("/api/lessons?q=partnerskaber").json();
        assertThat(danish.findValuesAsString("partnershipId")).containsExactly(DemoData.idOf("flex-heat-hofor"));
        // English stemming: "involving" finds "Involve".
        assertThat(http.get("/api/lessons?q=involving").json().findValuesAsString("partnershipId")).containsExactly(id);
        // A tag.
        assertThat(http.get("/api/lessons?q=guide").json().findValuesAsString("partnershipId"))
                .containsExactly(DemoData.idOf("potatoes-eat"));
        // Filters narrow the search; every field of the contract is there.
        JsonNode inSuf = http.get("/api/lessons?department=SUF").json();
        assertThat(inSuf.findValuesAsString("department")).containsOnly("SUF").hasSize(2);
        assertThat(http.get("/api/lessons?department=SUF&kind=OPI&stage=IDEA").json().findValuesAsString("lessonId"))
                .hasSize(1);
        JsonNode lesson = inSuf.get(0);
        for (String field : List.of("lessonId", "partnershipId", "department", "stage", "text", "tags", "recordedAt")) {
            assertThat(lesson.has(field)).as(field).isTrue();
        }
        assertThat(http.get("/api/lessons?q=" + java.net.URLEncoder.encode("' OR 1=1 --", java.nio.charset.StandardCharsets.UTF_8))
                .json()).isEmpty();
        assertThat(http.get("/api/lessons?stage=LAUNCH").code()).isEqualTo("invalid-parameter");
    }
}
