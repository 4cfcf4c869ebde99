package dk.partnerships.query;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * CSV for management's spreadsheets: RFC 4180, UTF-8 with a byte-order mark (so Excel reads æøå right), and cells
 * that a spreadsheet would run as a formula defused with a leading apostrophe.
 */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {
    }

    /** Rows of the same shape; the columns are the first row's keys, or {@code columns} when there are no rows. */
    public static String of(List<? extends Map<String, ?>> rows, List<String> columns) {
        List<String> header = rows.isEmpty() ? columns : new ArrayList<>(rows.get(0).keySet());
        StringBuilder out = new StringBuilder("\uFEFF").append(line(header));
        for (Map<String, ?> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                cells.add(text(row.get(column)));
            }
            out.append(line(cells));
        }
        return out.toString();
    }

    /** The answer carrying a CSV file to download. */
    public static ResponseEntity<String> download(String fileName, String csv) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build().toString())
                .body(csv);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            return String.join("; ", values.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    private static String line(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(cell(cell));
        }
        return String.join(",", quoted) + "\r\n";
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-\\d+(\\.\\d+)?")
                ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
