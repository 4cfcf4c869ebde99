package dk.partnerships.query.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart's geometry, drawn by the page as SVG: one polyline per series over points along the x axis, with
 * gridlines at round values and a label only where it fits (every year's first quarter on a long series), so a
 * series since 2019 stays readable. Coordinates are in the SVG's own units; the browser scales it to the page.
 *
 * @param width   the SVG's view box width
 * @param height  the view box height
 * @param left    where the plot starts (room for the y labels)
 * @param bottom  where the plot ends (room for the x labels)
 * @param series  the lines, in legend order
 * @param xLabels labels under the x axis
 * @param yTicks  gridlines with their values
 */
public record LineChart(int width, int height, int left, int bottom, List<Series> series, List<Tick> xLabels,
                        List<Tick> yTicks) {

    /** One line: its key (for its text and colour class) and its points as an SVG {@code points} attribute. */
    public record Series(String key, String cssClass, String points, long total) {
    }

    /** A label or a gridline at a position. */
    public record Tick(double position, String label) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 40;
    private static final int RIGHT = 12;
    private static final int TOP = 10;
    private static final int BOTTOM = 236;

    /**
     * @param xLabels one label per point (e.g. {@code 2024-Q1})
     * @param keys    the series' keys, in order
     * @param values  per series, one value per point
     */
    public static LineChart of(List<String> xLabels, List<String> keys, List<long[]> values) {
        // At most about twelve labels: every point on a short series, each year's first quarter on a long one.
        int points = xLabels.size();
        return build(points, keys, values, false, i -> {
            String label = xLabels.get(i);
            if (points <= 12) {
                return label;
            }
            boolean yearStart = label.endsWith("Q1");
            return yearStart && (points <= 48 || Integer.parseInt(label.substring(0, 4)) % 2 == 0)
                    ? label.substring(0, 4) : null;
        });
    }

    /**
     * A step curve (each value holds until the next point) over points whose labels the caller chose.
     *
     * @param xLabels one per point; null where the axis shows no label
     */
    public static LineChart steps(List<String> xLabels, List<String> keys, List<long[]> values) {
        return build(xLabels.size(), keys, values, true, xLabels::get);
    }

    private static LineChart build(int points, List<String> keys, List<long[]> values, boolean steps,
                                   java.util.function.IntFunction<String> labelAt) {
        long max = 1;
        for (long[] line : values) {
            for (long value : line) {
                max = Math.max(max, value);
            }
        }
        long step = niceStep(max);
        long top = ((max + step - 1) / step) * step;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = BOTTOM - TOP;
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < keys.size(); s++) {
            StringBuilder coordinates = new StringBuilder();
            long total = 0;
            for (int i = 0; i < points; i++) {
                long value = values.get(s)[i];
                total += value;
                if (steps && i > 0) {
                    coordinates.append(' ').append(format(x(i, points, plotWidth))).append(',')
                            .append(format(BOTTOM - plotHeight * values.get(s)[i - 1] / top));
                }
                coordinates.append(coordinates.isEmpty() ? "" : " ")
                        .append(format(x(i, points, plotWidth))).append(',')
                        .append(format(BOTTOM - plotHeight * value / top));
            }
            // The stylesheet colours eight lines apart (colour and dash); a ninth takes the first one's again.
            series.add(new Series(keys.get(s), "s" + (s % 8 + 1), coordinates.toString(), total));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            yTicks.add(new Tick(BOTTOM - plotHeight * value / top, Long.toString(value)));
        }
        List<Tick> labels = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            String label = labelAt.apply(i);
            if (label != null) {
                labels.add(new Tick(x(i, points, plotWidth), label));
            }
        }
        return new LineChart(WIDTH, HEIGHT, LEFT, BOTTOM, series, labels, yTicks);
    }

    public int right() {
        return width - RIGHT;
    }

    private static double x(int index, int points, double plotWidth) {
        return points <= 1 ? LEFT + plotWidth / 2 : LEFT + plotWidth * index / (points - 1);
    }

    /** A step of 1, 2 or 5 times a power of ten giving four to eight gridlines. */
    static long niceStep(long max) {
        long step = 1;
        while (max / step > 8) {
            long next = step * 2;
            if (max / next <= 8) {
                return next;
            }
            next = step * 5;
            if (max / next <= 8) {
                return next;
            }
            step *= 10;
        }
        return step;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
