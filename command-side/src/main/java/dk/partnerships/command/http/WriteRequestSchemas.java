package dk.partnerships.command.http;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.springdoc.core.customizers.PropertyCustomizer;

import java.lang.annotation.Annotation;

/**
 * The write bodies' text rules in the API document as JSON Schema states them: {@link NotBlank} is at least one
 * character that is not white space, {@link CleanText} no control characters (line breaks and tabs allowed in
 * multi-line texts). Unpaired UTF-16 surrogates are refused too, which a pattern cannot say.
 */
class WriteRequestSchemas implements PropertyCustomizer {

    private static final String NO_CONTROL = "[^\\x00-\\x1F\\x7F]";
    private static final String NO_CONTROL_BUT_LINES = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]";

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        Annotation[] annotations = type.getCtxAnnotations();
        if ("array".equals(property.getType()) && property.getItems() != null
                && "string".equals(property.getItems().getType())) {
            // Every list of texts in a write body (partners, buyers, tags) holds names: not blank, one line.
            property.getItems().setMinLength(1);
            property.getItems().setPattern("^(?=[\\s\\S]*\\S)" + NO_CONTROL + "*$");
            return property;
        }
        if (annotations == null || !"string".equals(property.getType())) {
            return property;
        }
        boolean notBlank = false;
        CleanText clean = null;
        for (Annotation annotation : annotations) {
            notBlank |= annotation instanceof NotBlank;
            if (annotation instanceof CleanText text) {
                clean = text;
            }
        }
        if (notBlank) {
            property.setMinLength(Math.max(1, property.getMinLength() == null ? 0 : property.getMinLength()));
        }
        if (clean != null || notBlank) {
            String allowed = clean == null ? "[\\s\\S]" : clean.multiline() ? NO_CONTROL_BUT_LINES : NO_CONTROL;
            property.setPattern("^" + (notBlank ? "(?=[\\s\\S]*\\S)" : "") + allowed + "*$");
        }
        return property;
    }
}
