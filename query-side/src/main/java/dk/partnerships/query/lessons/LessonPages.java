package dk.partnerships.query.lessons;

import dk.partnerships.query.web.PageParameters;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import dk.partnerships.query.lessons.LessonSearchController;
import dk.partnerships.query.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;


/** Lessons learned across departments: search in Danish or English, filter by department, stage and kind. */
@PageController
class LessonPages {

    private final LessonSearchController lessons;

    LessonPages(LessonSearchController lessons) {
        this.lessons = lessons;
    }

    @GetMapping("/lessons")
    String lessons(@RequestParam(required = false) String q, @RequestParam(required = false) String department,
                   @RequestParam(required = false) String stage, @RequestParam(required = false) String kind,
                   Model model) {
        String query = q == null ? null : q.strip().substring(0, Math.min(q.strip().length(), 200));
        Stage stageFilter = PageParameters.enumValue(Stage.class, stage);
        PartnershipKind kindFilter = PageParameters.enumValue(PartnershipKind.class, kind);
        String departmentFilter = PageParameters.department(department);
        model.addAttribute("q", query);
        model.addAttribute("department", departmentFilter);
        model.addAttribute("stage", stageFilter == null ? null : stageFilter.name());
        model.addAttribute("kind", kindFilter == null ? null : kindFilter.name());
        model.addAttribute("stages", PageParameters.names(Stage.values()));
        model.addAttribute("kinds", PageParameters.names(PartnershipKind.values()));
        model.addAttribute("lessons", lessons.search(query, departmentFilter, stageFilter, kindFilter, 200));
        return "lessons";
    }
}
