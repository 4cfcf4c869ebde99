package dk.partnerships.query.lessons;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The lesson search endpoint. */
@Configuration(proxyBeanMethods = false)
@Import(LessonSearchController.class)
public class LessonSearch {
}
