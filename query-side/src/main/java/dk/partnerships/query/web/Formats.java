package dk.partnerships.query.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * How the pages write numbers, money, dates and times: the Danish way on Danish pages ("850.000 kr.", "7. dec. 2026",
 * "67 %"), the English way on English pages ("DKK 850,000", "Dec 7, 2026", "67%"), and times in the municipality's
 * zone. Templates reach it as {@code fmt}; every method takes what the read models hold (numbers, dates, their text)
 * and answers an empty string for null.
 */
public final class Formats {

    private final Locale locale;
    private final ZoneId zone;
    private final boolean danish;

    Formats(Locale locale, ZoneId zone) {
        this.danish = !"en".equals(locale.getLanguage());
        this.locale = danish ? Locale.forLanguageTag("da-DK") : Locale.UK;
        this.zone = zone;
    }

    public boolean danish() {
        return danish;
    }

    /** A whole number with thousands separators: 12.345 / 12,345. */
    public String number(Object value) {
        BigDecimal number = decimal(value);
        return number == null ? "" : pattern("#,##0").format(number);
    }

    /** An amount as typed, with its decimals and no more (up to four): 12,5 / 12.5; 120 / 120. */
    public String amount(Object value) {
        BigDecimal number = decimal(value);
        return number == null ? "" : pattern("#,##0.####").format(number);
    }

    /** A number with {@code decimals} decimals: 1,5 / 1.5. */
    public String decimal(Object value, int decimals) {
        BigDecimal number = decimal(value);
        return number == null ? "" : pattern("#,##0" + (decimals > 0 ? "." + "0".repeat(decimals) : ""))
                .format(number.setScale(decimals, RoundingMode.HALF_UP));
    }

    /** Kroner, with øre only when there are any: 850.000 kr. / DKK 850,000. */
    public String money(Object value) {
        BigDecimal amount = decimal(value);
        if (amount == null) {
            return "";
        }
        String digits = pattern(amount.stripTrailingZeros().scale() > 0 ? "#,##0.00" : "#,##0").format(amount);
        return danish ? digits + " kr." : "DKK " + digits;
    }

    /** A share (0.6) as a percentage: 60 % / 60%. */
    public String percent(Object share) {
        BigDecimal value = decimal(share);
        if (value == null) {
            return "";
        }
        String digits = pattern("0").format(value.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP));
        return danish ? digits + " %" : digits + "%";
    }

    /** A number of days: 1 dag, 97 dage / 1 day, 97 days. */
    public String days(Object value) {
        BigDecimal days = decimal(value);
        if (days == null) {
            return "";
        }
        boolean one = days.compareTo(BigDecimal.ONE) == 0;
        return number(days) + (danish ? (one ? " dag" : " dage") : (one ? " day" : " days"));
    }

    /** A date: 7. dec. 2026 / 7 Dec 2026. */
    public String date(Object value) {
        LocalDate date = localDate(value);
        return date == null ? (value == null ? "" : value.toString())
                : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
    }

    /** A moment, in the municipality's zone: 7. dec. 2026 14.03 / 7 Dec 2026, 14:03. */
    public String dateTime(Object value) {
        Instant instant = instant(value);
        return instant == null ? (value == null ? "" : value.toString())
                : instant.atZone(zone).format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale));
    }

    /** The moment as an ISO timestamp with its offset, for a {@code <time datetime>} attribute. */
    public String isoDateTime(Object value) {
        Instant instant = instant(value);
        return instant == null ? "" : instant.atZone(zone).toOffsetDateTime().toString();
    }

    private DecimalFormat pattern(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(locale));
    }

    static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
                    : BigDecimal.valueOf(number.longValue());
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
