package dk.partnerships.query.projection;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.UncategorizedSQLException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows streamed into one table with {@code COPY ... FROM STDIN} (CSV): how a rebuild writes what it folded, at a
 * fraction of the cost of one INSERT per row. Values are given in the order of the columns: text, numbers, booleans,
 * dates, instants, enums, and collections of text (a {@code text[]} column); JSON columns take their JSON text.
 * Rows go out in chunks as they are added, so a million rows never sit in memory; {@link #finish()} ends the copy,
 * and closing without it cancels the copy (nothing of it is kept).
 */
public final class CopyRows implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int CHUNK = 256 * 1024;

    private final String table;
    private final String sql;
    private final int columns;
    private final CopyIn copy;
    private final StringBuilder csv = new StringBuilder(CHUNK + 4096);

    private CopyRows(String table, String sql, int columns, CopyIn copy) {
        this.table = table;
        this.sql = sql;
        this.columns = columns;
        this.copy = copy;
    }

    /**
     * Starts copying into the table (found on the connection's search path); until {@link #finish()} or
     * {@link #close()} the connection does nothing else.
     *
     * @throws org.springframework.dao.DataAccessException when PostgreSQL refuses, as a JdbcTemplate would
     */
    public static CopyRows into(Connection connection, String table, List<String> columns) {
        if (!NAME.matcher(table).matches() || !columns.stream().allMatch(column -> NAME.matcher(column).matches())) {
            throw new IllegalArgumentException("Not a table or column name: " + table + " " + columns);
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)";
        try {
            return new CopyRows(table, sql, columns.size(), connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(sql));
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY into " + table, sql, e);
        }
    }

    /** Adds a row; one value per column, in the columns' order. */
    public CopyRows add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(table + " has " + columns + " columns, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            appendValue(values[i]);
        }
        csv.append('\n');
        if (csv.length() >= CHUNK) {
            send();
        }
        return this;
    }

    /**
     * Sends the last rows and ends the copy.
     *
     * @return how many rows PostgreSQL took
     */
    public long finish() {
        send();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY into " + table, sql, e);
        }
    }

    /** Cancels the copy unless it was finished: an error between the rows leaves nothing half-copied. */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                throw new UncategorizedSQLException("Cancelling COPY into " + table, sql, e);
            }
        }
    }

    private void send() {
        if (csv.isEmpty()) {
            return;
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        csv.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY into " + table, sql, e);
        }
    }

    /** CSV as PostgreSQL reads it: an unquoted empty field is NULL, anything else is quoted with quotes doubled. */
    private void appendValue(Object value) {
        if (value == null) {
            return;
        }
        quoted(text(value));
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Boolean bool) {
            return bool ? "t" : "f";
        } else if (value instanceof Timestamp timestamp) {
            return microseconds(timestamp.toInstant());
        } else if (value instanceof Instant instant) {
            return microseconds(instant);
        } else if (value instanceof Enum<?> constant) {
            return constant.name();
        } else if (value instanceof Collection<?> texts) {
            return textArray(texts);
        }
        return value.toString(); // numbers, LocalDate
    }

    /**
     * An instant as PostgreSQL stores it, to the microsecond, rounded half up as the JDBC driver rounds the values
     * the live statements send (PostgreSQL itself would round half to even), so both write the same bytes.
     */
    private static String microseconds(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    private void quoted(String text) {
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }

    /** A {@code text[]} literal: every element quoted, backslashes and quotes escaped with a backslash. */
    private static String textArray(Collection<?> texts) {
        StringBuilder array = new StringBuilder("{");
        for (Object element : texts) {
            if (array.length() > 1) {
                array.append(',');
            }
            if (element == null) {
                array.append("NULL");
                continue;
            }
            String text = element instanceof Enum<?> constant ? constant.name() : element.toString();
            array.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }
}
