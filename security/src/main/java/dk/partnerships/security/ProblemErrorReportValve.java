package dk.partnerships.security;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
        if (uri == null || !uri.startsWith("/api")) {
            super.report(request, response, throwable);
            return;
        }
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return; // the application answered already (its own problem+json)
        }
        try {
            String code = Problems.codeOf(org.springframework.http.HttpStatusCode.valueOf(status));
            String body = "{\"type\":\"urn:partnerships:problem:" + code + "\",\"title\":\"Request refused\",\"status\":" + status
                    + ",\"detail\":\"The server refused the request before reading it (for example an encoded slash, a NUL or "
                    + "broken percent-encoding in the address).\",\"code\":\"" + code + "\"}";
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getReporter(); // marks the error as reported
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            super.report(request, response, throwable);
        }
    }
}
