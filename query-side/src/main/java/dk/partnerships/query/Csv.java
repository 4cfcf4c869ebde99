package dk.partnerships.query;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * CSV for management's spreadsheets: RFC 4180, UTF-8 with a byte-order mark (so Excel reads æøå right), and cells
 * that a spreadsheet would run as a formula defused with a leading apostrophe. A {@link Dialect} says how the
 * reader's spreadsheet reads numbers: a Danish one splits on semicolons and reads decimal commas.
 */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /**
     * How a file is written for its reader.
     *
     * @param separator    between cells: {@code ,} (English) or {@code ;} (Danish)
     * @param decimalComma decimals written {@code 0,6} instead of {@code 0.6}
     * @param header       a column's name as the reader sees it
     * @param value        a cell's text as the reader sees it (column, value), e.g. a stage's name for its code
     */
    public record Dialect(char separator, boolean decimalComma, UnaryOperator<String> header,
                          BiFunction<String, Object, String> value) {

        /** For programs: comma, decimal point, the API's own names and codes. */
        public static final Dialect MACHINE = new Dialect(',', false, UnaryOperator.identity(), (column, value) -> null);

        /** Danish spreadsheets: semicolon and decimal comma, with these headers and values. */
        public static Dialect danish(UnaryOperator<String> header, BiFunction<String, Object, String> value) {
            return new Dialect(';', true, header, value);
        }

        /** English spreadsheets: comma and decimal point, with these headers and values. */
        public static Dialect english(UnaryOperator<String> header, BiFunction<String, Object, String> value) {
            return new Dialect(',', false, header, value);
        }
    }

    private Csv() {
    }

    /** Rows of the same shape, for programs (see {@link Dialect#MACHINE}). */
    public static String of(List<? extends Map<String, ?>> rows, List<String> columns) {
        return of(rows, columns, Dialect.MACHINE);
    }

    /** Rows of the same shape; the columns are the first row's keys, or {@code columns} when there are no rows. */
    public static String of(List<? extends Map<String, ?>> rows, List<String> columns, Dialect dialect) {
        List<String> header = rows.isEmpty() ? columns : new ArrayList<>(rows.get(0).keySet());
        StringBuilder out = new StringBuilder("\uFEFF")
                .append(line(header.stream().map(dialect.header()).toList(), dialect));
        for (Map<String, ?> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                cells.add(text(column, row.get(column), dialect));
            }
            out.append(line(cells, dialect));
        }
        return out.toString();
    }

    /** One column of a table of {@code T}: its name (the header, and the key its dialect translates by) and its cell. */
    public record Column<T>(String name, Function<T, ?> value) {

        public static <T> Column<T> of(String name, Function<T, ?> value) {
            return new Column<>(name, value);
        }
    }

    /** Typed rows as CSV, one line per row, the columns in the order given (an empty table keeps its header). */
    public static <T> String table(List<T> rows, List<Column<T>> columns, Dialect dialect) {
        List<Map<String, Object>> cells = new ArrayList<>(rows.size());
        for (T row : rows) {
            Map<String, Object> line = new java.util.LinkedHashMap<>();
            columns.forEach(column -> line.put(column.name(), column.value().apply(row)));
            cells.add(line);
        }
        return of(cells, columns.stream().map(Column::name).toList(), dialect);
    }

    /** The answer carrying a CSV file to download. */
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    /** Whether an {@code Accept} header names {@code text/csv} before any JSON (wildcards choose JSON). */
    public static boolean preferredIn(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType type : types) {
                if (!type.isWildcardType() && !type.isWildcardSubtype() && CSV.includes(type)) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return false;
                }
            }
            return false;
        } catch (org.springframework.util.InvalidMimeTypeException unreadable) {
            return false;
        }
    }

    public static ResponseEntity<String> download(String fileName, String csv) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build().toString())
                .body(csv);
    }

    private static String text(String column, Object value, Dialect dialect) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            return String.join(dialect.separator() == ';' ? ", " : "; ", values.stream().map(String::valueOf).toList());
        }
        String shown = dialect.value().apply(column, value);
        if (shown != null) {
            return shown;
        }
        if (dialect.decimalComma() && (value instanceof BigDecimal || value instanceof Double || value instanceof Float)) {
            return value.toString().replace('.', ',');
        }
        return value.toString();
    }

    private static String line(List<String> cells, Dialect dialect) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(cell(cell, dialect.separator()));
        }
        return String.join(String.valueOf(dialect.separator()), quoted) + "\r\n";
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    static String cell(String text, char separator) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-\\d+([.,]\\d+)?")
                ? "'" + text : text;
        if (safe.indexOf(separator) >= 0 || safe.contains("\"")
                || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
