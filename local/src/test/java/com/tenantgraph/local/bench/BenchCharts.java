package com.tenantgraph.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's charts, plain SVG written by hand (no library): the cold start, whole process beside its floor and the
 * init's steps with their class-loading share; and the load run's latency distribution beside the raw-emulator run.
 */
final class BenchCharts {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
            "#edc948", "#9c755f"};
    private static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

    private BenchCharts() {
    }

    @SuppressWarnings("unchecked")
    static void coldStart(Path file, Map<String, Object> section) throws IOException {
        StringBuilder svg = new StringBuilder();
        int width = 760;
        int left = 250;
        double scale;
        Map<String, Double> floor = (Map<String, Double>) section.get("floor");
        Map<String, Double> graphql = (Map<String, Double>) section.get("graphql");
        Map<String, Double> cds = (Map<String, Double>) section.get("graphqlAppCds");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) section.get("breakdown");
        double max = Math.max(graphql.get("wallMs"), floor.get("wallMs"));
        scale = (width - left - 80) / max;
        int y = 40;
        svg.append(text(10, 20, "Cold start, whole process: median wall ms of fresh JVMs under C1 (cpu ms in"
                + " brackets)", true));
        Object[][] bars = {{"floor: DynamoDB client + GetItem", floor}, {"GraphQL Lambda: init + one event", graphql},
                {"the same with an AppCDS archive", cds}};
        for (Object[] bar : bars) {
            Map<String, Double> m = (Map<String, Double>) bar[1];
            if (m == null) {
                continue;
            }
            svg.append(text(10, y + 14, (String) bar[0], false));
            svg.append(rect(left, y, m.get("wallMs") * scale, 20, COLOURS[0]));
            svg.append(text(left + m.get("wallMs") * scale + 6, y + 14, String.format(Locale.ROOT, "%.0f (%.0f)",
                    m.get("wallMs"), m.get("cpuMs")), false));
            y += 28;
        }
        y += 16;
        svg.append(text(10, y, "The init's steps one at a time (median wall ms; the darker part is class loading)",
                true));
        y += 12;
        double total = steps.stream().mapToDouble(s -> ((Number) s.get("wallMs")).doubleValue()).sum();
        double stepScale = (width - left - 80) / Math.max(total, max);
        double x = left;
        int i = 0;
        for (Map<String, Object> step : steps) {
            double wall = ((Number) step.get("wallMs")).doubleValue();
            double loading = Math.min(wall, ((Number) step.get("classLoadingMs")).doubleValue());
            if (wall <= 0) {
                continue;
            }
            String colour = COLOURS[(i + 1) % COLOURS.length];
            svg.append(text(10, y + 14, String.format(Locale.ROOT, "%s: %.0f ms, %.0f classes", step.get("step"),
                    wall, ((Number) step.get("classes")).doubleValue()), false));
            svg.append(rect(x, y, wall * stepScale, 20, colour));
            svg.append(rect(x, y, loading * stepScale, 20, colour).replace("/>", " fill-opacity=\"1\" stroke=\"#333\""
                    + " stroke-width=\"0.5\"/>").replace("opacity=\"0.55\"", ""));
            x += wall * stepScale;
            y += 24;
            i++;
        }
        write(file, width, y + 20, svg);
    }

    static void load(Path file, Map<String, List<Double>> distributions) throws IOException {
        int width = 760;
        int height = 380;
        int left = 60;
        int top = 40;
        int plotWidth = width - left - 220;
        int plotHeight = height - top - 50;
        double max = 0;
        for (List<Double> sorted : distributions.values()) {
            if (!sorted.isEmpty()) {
                max = Math.max(max, sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.995))));
            }
        }
        max = Math.max(1, Math.ceil(max / 10) * 10);
        StringBuilder svg = new StringBuilder();
        svg.append(text(10, 20, "Load: latency by percentile (ms), through the local API Gateway and the same DynamoDB"
                + " calls raw at moto", true));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left,
                top + plotHeight, left + plotWidth, top + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left,
                top, left, top + plotHeight));
        for (int t = 0; t <= 4; t++) {
            double value = max * t / 4;
            double yy = top + plotHeight - plotHeight * t / 4.0;
            svg.append(text(8, yy + 4, String.format(Locale.ROOT, "%.0f", value), false));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left, yy, left + plotWidth, yy));
        }
        for (int p = 0; p <= 100; p += 25) {
            svg.append(text(left + plotWidth * p / 100.0 - 8, top + plotHeight + 18, "p" + p, false));
        }
        int series = 0;
        for (Map.Entry<String, List<Double>> entry : distributions.entrySet()) {
            List<Double> sorted = entry.getValue();
            if (sorted.isEmpty()) {
                continue;
            }
            String colour = COLOURS[series % COLOURS.length];
            String dash = entry.getKey().contains("raw") ? " stroke-dasharray=\"5,3\"" : "";
            StringBuilder points = new StringBuilder();
            for (int p = 0; p <= 200; p++) {
                double percentile = p / 2.0;
                double v = sorted.get(Math.min(sorted.size() - 1, (int) (percentile / 100 * sorted.size())));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotWidth * percentile / 100,
                        top + plotHeight - plotHeight * Math.min(v, max) / max));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                    + "points=\"%s\"/>%n", colour, dash, points.toString().strip()));
            int ly = top + 10 + series * 20;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>%n", left + plotWidth + 12, ly, left + plotWidth + 36, ly, colour, dash));
            svg.append(text(left + plotWidth + 42, ly + 4, entry.getKey(), false));
            series++;
        }
        write(file, width, height, svg);
    }

    private static String rect(double x, double y, double w, double h, String colour) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                + "opacity=\"0.55\"/>%n", x, y, Math.max(w, 0.5), h, colour);
    }

    private static String text(double x, double y, String s, boolean bold) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s%s>%s</text>%n", x, y, FONT,
                bold ? " font-weight=\"bold\"" : "", s.replace("&", "&amp;").replace("<", "&lt;"));
    }

    private static void write(Path file, int width, int height, StringBuilder body) throws IOException {
        Files.writeString(file, String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height) + body + "</svg>\n");
    }
}
