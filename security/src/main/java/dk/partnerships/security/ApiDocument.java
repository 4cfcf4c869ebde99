package dk.partnerships.security;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the OpenAPI document each process serves tell the whole contract, in one place for both sides: sign-in
 * (HTTP Basic and bearer JWT on every operation), every refusal each operation can answer as problem+json with its
 * stable codes, the concurrency and idempotency headers of the writes, the response schemas of answers Spring cannot
 * see ({@code openapi/*.yaml} of each side), and patterns as JSON Schema reads them (anchored, no Java-only classes).
 * What the statuses mean is in {@code docs/api.md}.
 */
public class ApiDocument implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final List<ApiSchemas> sides;

    public ApiDocument(List<ApiSchemas> sides) {
        this.sides = sides;
        // One Stage (PartnershipStatus, ...) in the document, referred to by name, not a copy inline in every body:
        // a generated client then has one type for each.
        io.swagger.v3.core.jackson.ModelResolver.enumsAsRef = true;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("Partnership lifecycle tracker").version("1")
                .description("""
                        Innovation partnerships (OPP, OPI, innovative tenders, strategic partnerships) from idea to \
                        ordinary operation, recorded as events. Every answer is JSON; every refusal is \
                        application/problem+json with a stable `code` (listed in the Problem schema), its words in \
                        the language of `Accept-Language` (Danish by default, or English). Writes carry `If-Match` \
                        for optimistic concurrency and `Idempotency-Key` for safe retries. The lifecycle rules, the \
                        events and examples with curl are in the repository's docs/api.md and docs/domain.md.""")
                .license(new License().name("See the repository")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A local account of the product (user name and password)."));
        components.addSecuritySchemes("bearerAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("A token from the identity provider (OpenID Connect), with the "
                        + "product's roles and departments in its claims."));
        components.addSchemas(PROBLEM, problemSchema());
        for (ApiSchemas side : sides) {
            side.enums().forEach(type -> components.addSchemas(type.getSimpleName(), enumSchema(type)));
            merge(components, side.resource());
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.startsWith("/api")) {
                operation.setSecurity(List.of(new SecurityRequirement().addList("basicAuth"),
                        new SecurityRequirement().addList("bearerAuth")));
                refusals(path, method, operation);
                if (method == PathItem.HttpMethod.POST && path.startsWith("/api/partnerships")) {
                    writeHeaders(path, operation);
                }
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> anchor(parameter.getSchema()));
            }
            closeBody(components, operation);
        }));
        components.getSchemas().values().forEach(ApiDocument::anchorAll);
    }

    /** A write body's unknown fields are refused (400 unknown-field): its schema says so. */
    private static void closeBody(Components components, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().values().forEach(media -> {
            String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
            Schema<?> body = ref == null ? null : components.getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
            if (body != null) {
                body.setAdditionalProperties(false);
                if (body.getProperties() != null) {
                    // @Size(max) writes minLength 0 over @NotBlank's 1: a text that must not be blank has a minimum.
                    body.getProperties().values().stream()
                            .filter(property -> property.getPattern() != null && property.getPattern().startsWith("^(?=")
                                    && Integer.valueOf(0).equals(property.getMinLength()))
                            .forEach(property -> property.setMinLength(1));
                }
                Schema<?> effectiveDate = body.getProperties() == null ? null : body.getProperties().get("effectiveDate");
                if (effectiveDate != null) {
                    effectiveDate.setDescription("The day it took effect; today when absent. Not in the future, not "
                            + "before 1990-01-01, not before the partnership's previous event (400/409 otherwise).");
                }
            }
        });
    }

    // --- refusals ------------------------------------------------------------------------------------------------

    private static void refusals(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (responses.get("204") != null) {
            responses.get("204").setContent(null); // no content, by definition
        }
        boolean write = method != PathItem.HttpMethod.GET;
        boolean partnershipWrite = write && path.startsWith("/api/partnerships");
        problem(responses, "400", write ? "Invalid input: `validation-failed` (with `errors`), `unknown-field`, "
                + "`invalid-value`, `malformed-json`, `body-missing`, `invalid-header`, `effective-date-in-future`, ..."
                : "An invalid parameter: `invalid-parameter` (with `errors` or `parameter`), `missing-parameter`, "
                + "`invalid-query`.");
        problem(responses, "401", "Not signed in (`authentication-required`) or not accepted (`authentication-failed`).");
        problem(responses, "403", partnershipWrite
                ? "Not a project lead (`access-denied`) or not of the partnership's department (`department-not-permitted`)."
                : "The signed-in roles do not allow this (`access-denied`).");
        boolean namesOne = path.contains("{") || operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> "partnershipId".equals(parameter.getName()));
        if (namesOne) {
            problem(responses, "404", "Nothing with that id: `partnership-not-found`, `readiness-item-not-found`, "
                    + "`partnership-not-yet-proposed`, `person-not-found`, `projection-not-found`.");
        }
        problem(responses, "406", "The `Accept` header asks for a type this endpoint does not answer (`not-acceptable`).");
        problem(responses, "413", "The body is larger than 256 KB (`request-too-large`).");
        problem(responses, "414", "The address is longer than about 8 KB (`uri-too-long`).");
        problem(responses, "503", "The database cannot be reached right now (`service-unavailable`, with "
                + "`Retry-After`). Try again in a few seconds; send a write again with the same Idempotency-Key, "
                + "so that it is recorded once even if the first attempt was.");
        if (operation.getRequestBody() != null) {
            problem(responses, "415", "The body is not `application/json` (`unsupported-media-type`).");
        }
        if (partnershipWrite) {
            if (path.contains("{id}")) {
                problem(responses, "409", "The lifecycle rules forbid this now (e.g. `stage-skip-needs-reason`, "
                        + "`award-missing`, `partnership-closed`), or another write won the race "
                        + "(`concurrent-modification`). Nothing was appended.");
                problem(responses, "412", "`If-Match` names a version that is no longer current (`stale-version`).");
            }
            problem(responses, "422", "The `Idempotency-Key` was used before for a different request "
                    + "(`idempotency-key-reused`).");
            problem(responses, "500", "The write failed; nothing was recorded (`internal-error`).");
        }
        if (path.startsWith("/api/admin")) {
            problem(responses, "409", "A rebuild or consistency check is already running, on this instance or another one sharing the read database (`rebuild-already-running`).");
        }
    }

    private static void problem(ApiResponses responses, String status, String description) {
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    static Schema<?> problemSchema() {
        Schema<Object> fieldProblem = new ObjectSchema()
                .description("One field's or parameter's refusal.")
                .addProperty("field", new StringSchema().description("The body field (writes)."))
                .addProperty("parameter", new StringSchema().description("The query or path parameter (reads)."))
                .addProperty("message", new StringSchema());
        fieldProblem.setRequired(List.of("message"));
        StringSchema code = new StringSchema();
        code.setDescription("Stable and machine-readable: branch on this, not on the words.");
        code.setEnum(new ArrayList<>(ProblemTexts.codes()));
        Schema<Object> problem = new ObjectSchema()
                .description("RFC 9457 problem details; `title` and `detail` in the language of `Accept-Language`.")
                .addProperty("type", new StringSchema().format("uri").example("urn:partnerships:problem:stale-version")
                        .description("urn:partnerships:problem:<code>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("The path that was refused."))
                .addProperty("code", code)
                .addProperty("errors", new ArraySchema().items(fieldProblem)
                        .description("With `validation-failed` and `invalid-parameter`: each field's refusal."))
                .addProperty("field", new StringSchema().description("With `unknown-field` and `invalid-value`."))
                .addProperty("parameter", new StringSchema().description("With `invalid-parameter` and `missing-parameter`."))
                .addProperty("header", new StringSchema().description("With `invalid-header` and `missing-header`."))
                .addProperty("allowed", new ArraySchema().items(new StringSchema())
                        .description("With `invalid-value` for an enumeration: its values."));
        problem.setRequired(List.of("type", "title", "status", "detail", "code"));
        return problem;
    }

    // --- the writes' headers ---------------------------------------------------------------------------------------

    private static void writeHeaders(String path, Operation operation) {
        boolean existing = path.contains("{id}");
        if (existing) {
            operation.addParametersItem(new Parameter().in("header").name("If-Match").required(false)
                    .description("The partnership's ETag as last read (e.g. `\"3\"`); a write against any other "
                            + "version is refused with 412 `stale-version` and appends nothing.")
                    .schema(new StringSchema().pattern("^(W/)?\"[0-9]{1,18}\"$")).example("\"3\""));
        }
        operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                .description("Makes the write safe to retry: the same key with the same request answers the first "
                        + "answer again (with `Idempotent-Replayed: true`) and appends nothing; with a different "
                        + "request, 422 `idempotency-key-reused`.")
                .schema(new StringSchema().pattern("^[\\x21\\x23-\\x7E]{1,100}$")).example("5f0c6c1e-retry-1"));
        operation.addParametersItem(new Parameter().in("header").name("X-Correlation-Id").required(false)
                .description("Carried into the events' metadata, to find a request's events again.")
                .schema(new StringSchema().pattern("^[\\x21\\x23-\\x7E]{1,100}$")));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject("ETag", new Header().description("The partnership's new version, quoted; "
                        + "send it as If-Match with the next write.").schema(new StringSchema().example("\"4\"")));
                response.addHeaderObject("Idempotent-Replayed", new Header().description("`true` when this is the "
                        + "stored answer to an earlier request with the same Idempotency-Key.").schema(new StringSchema()));
            }
            if (status.equals("201")) {
                response.addHeaderObject("Location", new Header().description("The partnership's address.")
                        .schema(new StringSchema().example("/api/partnerships/0b9e7a52-6e0a-4f7e-9a43-1d2b9c1f8e11")));
            }
        });
    }

    private static Schema<?> enumSchema(Class<? extends Enum<?>> type) {
        StringSchema schema = new StringSchema();
        for (Enum<?> value : type.getEnumConstants()) {
            schema.addEnumItem(value.name());
        }
        return schema;
    }

    // --- schemas and examples from YAML ------------------------------------------------------------------------

    private static void merge(Components components, String resource) {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path");
            }
            OpenAPI fragment = Yaml.mapper().readValue(in, OpenAPI.class);
            Components extra = fragment.getComponents();
            if (extra.getSchemas() != null) {
                extra.getSchemas().forEach(components::addSchemas);
            }
            if (extra.getExamples() != null) {
                Map<String, Example> examples = components.getExamples() == null ? new TreeMap<>() : components.getExamples();
                examples.putAll(extra.getExamples());
                components.setExamples(examples);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- patterns ------------------------------------------------------------------------------------------------

    /** Java's {@code @Pattern} matches the whole value; JSON Schema's pattern matches anywhere unless anchored. */
    static String anchored(String javaPattern) {
        String pattern = javaPattern.replace("\\p{Cntrl}", "\\x00-\\x1F\\x7F");
        if (pattern.startsWith("^") && pattern.endsWith("$")) {
            return pattern;
        }
        return "^(?:" + pattern + ")$";
    }

    private static void anchor(Schema<?> schema) {
        if (schema != null && schema.getPattern() != null) {
            schema.setPattern(anchored(schema.getPattern()));
        }
    }

    private static void anchorAll(Schema<?> schema) {
        anchor(schema);
        if (schema.getItems() != null) {
            anchorAll(schema.getItems());
        }
        if (schema.getProperties() != null) {
            new LinkedHashMap<>(schema.getProperties()).values().forEach(ApiDocument::anchorAll);
        }
    }
}
