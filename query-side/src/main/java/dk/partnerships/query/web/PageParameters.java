package dk.partnerships.query.web;

import java.util.Arrays;

/** Lenient parsing of page filters: a value that does not parse means "no filter", never an error page. */
public final class PageParameters {

    public static final int DEFAULT_GAP_DAYS = 90;

    private PageParameters() {
    }

    public static String department(String value) {
        return value != null && value.matches("[A-Za-z0-9_-]{1,20}") ? value : null;
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return value == null ? null : Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value)).findFirst().orElse(null);
    }

    public static Integer year(String value) {
        if (value == null || !value.matches("\\d{4}")) {
            return null;
        }
        int year = Integer.parseInt(value);
        return year >= 1990 && year <= 2100 ? year : null;
    }

    /** A page number of a list, from 1 (the first page when it does not parse). */
    public static int page(String value) {
        return value != null && value.matches("[1-9]\\d{0,4}") ? Integer.parseInt(value) : 1;
    }

    public static int days(String value) {
        if (value == null || !value.matches("\\d{1,4}")) {
            return DEFAULT_GAP_DAYS;
        }
        return Math.min(Integer.parseInt(value), 3650);
    }

    /** An enum's constant names, the values of a select. */
    public static java.util.List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    public static String id(String value) {
        return value != null && value.matches("[0-9A-Za-z-]{1,64}") ? value : null;
    }

    /** The filters that are set, as {@code &name=value} pairs to append to a link (unset ones left out). */
    public static String query(java.util.Map<String, ?> filters) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> {
            if (value != null) {
                query.append('&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
