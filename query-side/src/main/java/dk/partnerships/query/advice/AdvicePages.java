package dk.partnerships.query.advice;

import dk.partnerships.query.summaries.AdviceQueries;
import dk.partnerships.query.projection.ReadYourWrites;
import dk.partnerships.query.web.CommandApi;
import dk.partnerships.query.web.FormProblem;
import dk.partnerships.query.web.PageController;
import dk.partnerships.query.web.PageParameters;
import dk.partnerships.security.Author;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

/**
 * The central unit's page: open requests oldest first, each with a form to answer it for advisors; how long answers
 * take per topic; what was answered lately. Everyone may read it; only advisors answer (the security filters and the
 * write side both say so).
 */
@PageController
class AdvicePages {

    static final int PAGE_ROWS = 200;
    static final int RECENT_ROWS = 20;

    private final AdviceQueries advice;
    private final CommandApi commands;
    private final ReadYourWrites readYourWrites;
    private final MessageSource messages;

    AdvicePages(AdviceQueries advice, CommandApi commands, ReadYourWrites readYourWrites, MessageSource messages) {
        this.advice = advice;
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.messages = messages;
    }

    @GetMapping("/advice")
    String page(@RequestParam(required = false) String answered, Model model) {
        fill(model, null, null, null);
        model.addAttribute("answered", PageParameters.id(answered));
        return "advice";
    }

    @PostMapping("/advice/{partnershipId}/{requestId}/answer")
    String answer(@PathVariable String partnershipId, @PathVariable String requestId,
                  @RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        String partnership = PageParameters.id(partnershipId);
        String request = PageParameters.id(requestId);
        String text = form.getOrDefault("answer", "");
        if (partnership == null || request == null) {
            response.setStatus(404);
            fill(model, requestId, text, new FormProblem("advice-request-not-found",
                    message("problem.advice-request-not-found", "Not found"), Map.of()));
            return "advice";
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!text.isBlank()) {
            body.put("answer", text.strip());
        }
        CommandApi.Answer answer = commands.post("/api/partnerships/" + partnership + "/advice-requests/" + request
                + "/answer", body, null, form.get("requestKey"), signedIn());
        if (answer.ok()) {
            readYourWrites.awaitPartnership(partnership, answer.version());
            return "redirect:/advice?answered=" + request + "#recent";
        }
        response.setStatus(answer.status());
        fill(model, request, text, new FormProblem(answer.code(), answer.code().equals("validation-failed")
                ? message("problem.validation-failed", "") + " " + message("advice.answer", "answer") + "."
                : message("problem." + answer.code(), answer.detail()),
                answer.code().equals("validation-failed") ? Map.of("answer", message("form.required", "required")) : Map.of()));
        return "advice";
    }

    /**
     * @param failedRequest the request whose answer was refused (its text and error are shown again), or null
     */
    private void fill(Model model, String failedRequest, String typed, FormProblem problem) {
        var open = advice.open(null, PAGE_ROWS);
        model.addAttribute("open", open);
        model.addAttribute("figures", advice.figures());
        model.addAttribute("recent", advice.recentlyAnswered(RECENT_ROWS));
        model.addAttribute("pageRows", PAGE_ROWS);
        // A refusal is shown beside its form; when the request is no longer open (a colleague answered first) or
        // does not exist, at the top of the page, with what was typed.
        boolean stillOpen = open.stream().anyMatch(request -> request.requestId().equals(failedRequest));
        model.addAttribute("failedRequest", stillOpen ? failedRequest : null);
        model.addAttribute("typed", typed);
        model.addAttribute("problem", problem);
        // A fresh key per form and rendering: a double click answers once, a new visit may try again.
        Map<String, String> keys = new java.util.HashMap<>();
        open.forEach(request -> keys.put(request.requestId(), UUID.randomUUID().toString()));
        model.addAttribute("requestKeys", keys);
    }

    private static Author signedIn() {
        return Author.current().orElseThrow(() -> new IllegalStateException("A form reached the page unsigned"));
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
