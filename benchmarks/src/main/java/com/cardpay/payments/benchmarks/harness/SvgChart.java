package com.cardpay.payments.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small hand-written SVG: throughput bars (passthrough vs pipeline) on the left, latency against
 * checkpoint interval on the right (log-log; p50 dashed, p99 solid, per variant; the target as a
 * dotted line).
 */
final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728"};

    /** One point of a latency curve. */
    record Point(double intervalMillis, double p50, double p99) {}

    /** One variant's figures. */
    record Series(String name, double throughput, List<Point> points) {}

    private SvgChart() {}

    static String render(String title, String subtitle, List<Series> series, double targetMillis) {
        StringBuilder s = new StringBuilder();
        int width = 960;
        int height = 460;
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(s, 20, 24, 16, "start", escape(title));
        text(s, 20, 42, 11, "start", escape(subtitle));
        bars(s, series, 40, 70, 300, 330);
        curves(s, series, 420, 70, 500, 330, targetMillis);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void bars(StringBuilder s, List<Series> series, int x, int y, int w, int h) {
        text(s, x + w / 2.0, y - 8, 13, "middle", "Sustained throughput (payments/s)");
        double max = series.stream().mapToDouble(Series::throughput).filter(d -> !Double.isNaN(d)).max().orElse(1);
        double top = niceCeiling(max);
        axes(s, x, y, w, h);
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double yy = y + h - h * v / top;
            line(s, x - 4, yy, x, yy, "#333", 1, null);
            text(s, x - 6, yy + 4, 10, "end", compact(v));
        }
        double barWidth = w / (series.size() * 2.0);
        for (int i = 0; i < series.size(); i++) {
            Series one = series.get(i);
            if (Double.isNaN(one.throughput())) {
                continue;
            }
            double bh = h * one.throughput() / top;
            double bx = x + barWidth * (0.5 + 2 * i);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                    bx, y + h - bh, barWidth, bh, COLOURS[i % COLOURS.length]));
            text(s, bx + barWidth / 2, y + h - bh - 5, 11, "middle", String.format(Locale.ROOT, "%,.0f", one.throughput()));
            text(s, bx + barWidth / 2, y + h + 16, 11, "middle", escape(one.name()));
        }
        if (series.size() == 2 && series.get(0).throughput() > 0 && !Double.isNaN(series.get(1).throughput())) {
            text(s, x + w / 2.0, y + h + 34, 11, "middle", String.format(Locale.ROOT, "ratio %s / %s = %.2f",
                    series.get(1).name(), series.get(0).name(), series.get(1).throughput() / series.get(0).throughput()));
        }
    }

    private static void curves(StringBuilder s, List<Series> series, int x, int y, int w, int h, double target) {
        text(s, x + w / 2.0, y - 8, 13, "middle", "Commit-visible latency vs checkpoint interval (ms, log-log)");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>(List.of(target));
        for (Series one : series) {
            for (Point p : one.points()) {
                xs.add(p.intervalMillis());
                if (!Double.isNaN(p.p50())) {
                    ys.add(p.p50());
                }
                if (!Double.isNaN(p.p99())) {
                    ys.add(p.p99());
                }
            }
        }
        axes(s, x, y, w, h);
        if (xs.isEmpty()) {
            text(s, x + w / 2.0, y + h / 2.0, 12, "middle", "no latency runs");
            return;
        }
        double xMin = Math.log10(xs.stream().mapToDouble(d -> d).min().orElse(100) / 1.5);
        double xMax = Math.log10(xs.stream().mapToDouble(d -> d).max().orElse(5000) * 1.5);
        double yMin = Math.log10(Math.max(1, ys.stream().mapToDouble(d -> d).min().orElse(10) / 1.5));
        double yMax = Math.log10(ys.stream().mapToDouble(d -> d).max().orElse(1000) * 1.5);
        if (xMax - xMin < 0.3) {
            xMin -= 0.3;
            xMax += 0.3;
        }
        double fxMin = xMin;
        double fxMax = xMax;
        double fyMin = yMin;
        double fyMax = yMax;
        java.util.function.DoubleUnaryOperator px = v -> x + w * (Math.log10(v) - fxMin) / (fxMax - fxMin);
        java.util.function.DoubleUnaryOperator py = v -> y + h - h * (Math.log10(v) - fyMin) / (fyMax - fyMin);
        for (double v : new double[] {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000}) {
            if (Math.log10(v) >= xMin && Math.log10(v) <= xMax) {
                line(s, px.applyAsDouble(v), y + h, px.applyAsDouble(v), y + h + 4, "#333", 1, null);
                text(s, px.applyAsDouble(v), y + h + 16, 10, "middle", compact(v));
            }
            if (Math.log10(v) >= yMin && Math.log10(v) <= yMax) {
                line(s, x, py.applyAsDouble(v), x + w, py.applyAsDouble(v), "#eee", 1, null);
                text(s, x - 6, py.applyAsDouble(v) + 4, 10, "end", compact(v));
            }
        }
        text(s, x + w / 2.0, y + h + 32, 11, "middle", "checkpoint interval (ms)");
        if (Math.log10(target) >= yMin && Math.log10(target) <= yMax) {
            line(s, x, py.applyAsDouble(target), x + w, py.applyAsDouble(target), "#2ca02c", 1.5, "2,3");
            text(s, x + w - 4, py.applyAsDouble(target) - 4, 10, "end", "target p99 " + compact(target) + " ms");
        }
        // Bottom right: the curves rise with the interval, so that corner stays clear.
        int legendY = y + h - 36 * series.size() - 4;
        int legendX = x + w - 150;
        for (int i = 0; i < series.size(); i++) {
            Series one = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            polyline(s, one.points().stream().filter(p -> !Double.isNaN(p.p50()))
                    .map(p -> new double[] {px.applyAsDouble(p.intervalMillis()), py.applyAsDouble(p.p50())}).toList(), colour, "6,4");
            polyline(s, one.points().stream().filter(p -> !Double.isNaN(p.p99()))
                    .map(p -> new double[] {px.applyAsDouble(p.intervalMillis()), py.applyAsDouble(p.p99())}).toList(), colour, null);
            line(s, legendX, legendY, legendX + 24, legendY, colour, 2, null);
            text(s, legendX + 28, legendY + 4, 11, "start", escape(one.name()) + " p99");
            line(s, legendX, legendY + 16, legendX + 24, legendY + 16, colour, 2, "6,4");
            text(s, legendX + 28, legendY + 20, 11, "start", escape(one.name()) + " p50");
            legendY += 36;
        }
    }

    private static void polyline(StringBuilder s, List<double[]> points, String colour, String dash) {
        if (points.isEmpty()) {
            return;
        }
        StringBuilder pts = new StringBuilder();
        for (double[] p : points) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", p[0], p[1], colour));
        }
        s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                pts.toString().trim(), colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    private static void axes(StringBuilder s, int x, int y, int w, int h) {
        line(s, x, y, x, y + h, "#333", 1, null);
        line(s, x, y + h, x + w, y + h, "#333", 1, null);
    }

    private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour, double width, String dash) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    private static void text(StringBuilder s, double x, double y, int size, String anchor, String content) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, content));
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String compact(double v) {
        if (v >= 1000 && v % 1000 == 0) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
