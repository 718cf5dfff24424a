package com.cardpay.payments.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The cost-growth chart: one bar panel each for throughput, CPU per payment and state size, a bar
 * per population of the growth runs ({@link CostGrowth}), labelled with its cards and merchants.
 */
final class GrowthChart {
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 220;

    private GrowthChart() {}

    static String render(String subtitle, JsonNode growth) {
        List<JsonNode> runs = new ArrayList<>();
        growth.path("populations").forEach(runs::add);
        StringBuilder s = new StringBuilder();
        int width = 3 * (PANEL_W + 40) + 20;
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, PANEL_H + 110));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"20\" y=\"20\" font-size=\"14\">Cost growth of the pipeline (one merchant takes 25% of payments)</text>\n");
        s.append(String.format("<text x=\"20\" y=\"36\" fill=\"#555\">%s</text>%n", escape(subtitle)));
        panel(s, 20, 50, "payments/s", runs, n -> n.path("payments_per_second").asDouble());
        panel(s, 20 + PANEL_W + 40, 50, "CPU µs per payment", runs, n -> n.path("cpu_micros_per_payment").asDouble());
        panel(s, 20 + 2 * (PANEL_W + 40), 50, "state at the last checkpoint, MiB", runs,
                n -> n.path("checkpoints").path("latest_state_bytes").asDouble() / (1024 * 1024));
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, int x, int y, String title, List<JsonNode> runs, ToDoubleFunction<JsonNode> value) {
        double top = runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).max().orElse(1) * 1.15;
        top = top <= 0 ? 1 : top;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", x, y + 12, escape(title)));
        int chartTop = y + 20;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                x, chartTop + PANEL_H - 40, x + PANEL_W, chartTop + PANEL_H - 40));
        double barWidth = (double) PANEL_W / Math.max(1, runs.size()) * 0.6;
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            double v = value.applyAsDouble(run);
            double h = Double.isNaN(v) ? 0 : (PANEL_H - 50) * v / top;
            double bx = x + (double) PANEL_W / runs.size() * (i + 0.2);
            double by = chartTop + PANEL_H - 40 - h;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\"/>%n",
                    bx, by, barWidth, h));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    bx + barWidth / 2, by - 4, Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s cards</text>%n",
                    bx + barWidth / 2, chartTop + PANEL_H - 26, shortCount(run.path("cards").asLong())));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s merch.</text>%n",
                    bx + barWidth / 2, chartTop + PANEL_H - 13, shortCount(run.path("merchants").asLong())));
        }
    }

    private static String shortCount(long n) {
        return n >= 1_000_000 ? n / 1_000_000 + "M" : n >= 1_000 ? n / 1_000 + "k" : Long.toString(n);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
