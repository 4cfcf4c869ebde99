package dk.partnerships.query.history;

import dk.partnerships.query.web.TimelineText;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** One line of a partnership's timeline on a page: the history entry said in the page's language. */
public record TimelineLine(long sequence, String type, LocalDate effectiveDate, Instant recordedAt, String recordedBy,
                           String recordedByName, String recordedAs, String why, String text) {

    static TimelineLine of(HistoryEntry entry, MessageSource messages, Locale locale) {
        return new TimelineLine(entry.sequence(), entry.type(), entry.effectiveDate(), entry.recordedAt(),
                entry.recordedBy(), entry.recordedByName(), entry.recordedAs(), entry.why(),
                TimelineText.of(entry.type(), entry.data(), entry.summary(), messages, locale));
    }

    public static List<TimelineLine> of(List<HistoryEntry> entries, MessageSource messages, Locale locale) {
        return entries.stream().map(entry -> of(entry, messages, locale)).toList();
    }
}
