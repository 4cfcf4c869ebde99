package dk.partnerships.security;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import org.springframework.http.HttpStatusCode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tomcat's own error answer for API paths, as problem+json. Some requests never reach Spring: Tomcat refuses an
 * address with an encoded slash, a NUL or broken percent-encoding itself, and would answer with its HTML error
 * page. API clients get the same kind of answer as for every other refusal; pages keep Tomcat's (minimal) page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        String uri = request.getDecodedRequestURI() != null ? request.getDecodedRequestURI() : request.getRequestURI();
        // Without a URI Tomcat could not read the request line: too long, or not HTTP. Nothing says it is a page.
        boolean requestLineUnread = uri == null || uri.isEmpty();
        if (!requestLineUnread && !uri.startsWith("/api")) {
            super.report(request, response, throwable);
            return;
        }
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return; // the application answered already (its own problem+json)
        }
        String code;
        if (status == 400 && throwable != null && String.valueOf(throwable.getMessage()).contains("too large")) {
            code = requestLineUnread ? "uri-too-long" : "header-too-large";
            status = requestLineUnread ? 414 : 431;
            response.setStatus(status);
        } else {
            code = ProblemTexts.knowsWithoutArguments(Problems.codeOf(HttpStatusCode.valueOf(status)))
                    ? Problems.codeOf(HttpStatusCode.valueOf(status)) : "request-rejected";
        }
        try {
            Locale language = ProblemTexts.language(request.getHeader("Accept-Language"));
            String detail = switch (code) {
                case "request-rejected", "bad-request" -> ProblemTexts.detail("bad-request.container", language);
                default -> ProblemTexts.detail(code, language);
            };
            String body = "{\"type\":\"" + Problems.TYPE_PREFIX + code + "\",\"title\":\"" + json(ProblemTexts.title(code, language))
                    + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"code\":\"" + code + "\"}";
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getReporter(); // marks the error as reported
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            super.report(request, response, throwable);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
