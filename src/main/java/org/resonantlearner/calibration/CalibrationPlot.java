package org.resonantlearner.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.resonantlearner.telemetry.AtomicFiles;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes calibration figures as PNG: measured resonance curves with their fitted model, resonant
 * frequency and Q per actuator position. Panels are XChart charts painted side by side below a strip
 * with the figure's title. Rendering is headless: no display is needed, only fontconfig and a font.
 */
public final class CalibrationPlot {
    static {
        // Before any AWT class initialises: a display must never be needed (Pi service, CI).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Smallest and largest panel side (px). */
    static final int MIN_PANEL_PIXELS = 200;
    static final int MAX_PANEL_PIXELS = 4000;
    /** Largest figure width (px): panels × panel width. */
    static final int MAX_FIGURE_WIDTH_PIXELS = 16_000;

    /**
     * Series colours, in the order of a panel's series (Okabe–Ito, distinguishable with colour-blind
     * vision and on white); a panel has at most this many series.
     */
    static final List<Color> SERIES_COLORS = List.of(
            new Color(0, 114, 178),    // blue
            new Color(213, 94, 0),     // vermillion
            new Color(0, 158, 115),    // bluish green
            new Color(204, 121, 167),  // reddish purple
            new Color(230, 159, 0),    // orange
            new Color(86, 180, 233));  // sky blue

    /** Marker shapes of measured series, in the same order as the colours. */
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.OVAL);

    /** Where a legend may go, in the order of preference on a tie (see {@link #emptiestCorner}). */
    private static final List<LegendPosition> LEGEND_CORNERS = List.of(LegendPosition.InsideNE,
            LegendPosition.InsideNW, LegendPosition.InsideSE, LegendPosition.InsideSW);

    private static final Color TEXT = new Color(0x20, 0x20, 0x20);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final String FONT = Font.SANS_SERIF;

    /** One data series: measured points are drawn as markers, a fitted model as a line. */
    public record Series(String name, double[] x, double[] y, boolean fittedLine) {}

    /** One chart of the figure. */
    public record Panel(String title, String xAxisTitle, String yAxisTitle, List<Series> series) {}

    private CalibrationPlot() {}

    /**
     * Writes the panels side by side (one row) as one PNG; atomically (temp file in the same directory,
     * then move), creating parent directories. The image is panels × {@code panelWidthPixels} wide and
     * {@code panelHeightPixels} plus a strip with the figure's title (40 px for panels up to 400 px)
     * high. Fonts, markers, lines and the strip grow with the panel size.
     *
     * @throws IllegalArgumentException (one line naming the culprit) for a blank title, no panels, a
     *     panel side outside [200, 4000] px, a figure wider than 16 000 px, a panel without series or
     *     with more than 6, a series without points, a duplicate series name in a panel, x and y of
     *     different lengths or a non-finite value
     * @throws IOException when the file cannot be written; no partial file is left behind
     */
    public static void writePng(Path png, String title, List<Panel> panels, int panelWidthPixels,
            int panelHeightPixels) throws IOException {
        validate(png, title, panels, panelWidthPixels, panelHeightPixels);
        BufferedImage image = render(title, panels, panelWidthPixels, panelHeightPixels);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG image writer in this Java runtime");
        }
        AtomicFiles.write(png, bytes.toByteArray());
    }

    /** Height (px) of the title strip above panels of this size. */
    static int titleStripPixels(int panelWidthPixels, int panelHeightPixels) {
        return (int) Math.round(40 * scale(panelWidthPixels, panelHeightPixels));
    }

    /** Font and stroke scale: 1 up to 400 px panels, growing with the smaller side, at most 4. */
    static double scale(int panelWidthPixels, int panelHeightPixels) {
        return Math.clamp(Math.min(panelWidthPixels, panelHeightPixels) / 400.0, 1.0, 4.0);
    }

    /** The checks of {@link #writePng}, without rendering. */
    static void validate(Path png, String title, List<Panel> panels, int width, int height) {
        require(png != null && png.getFileName() != null, "png = " + png + " is invalid: allowed a file path");
        require(title != null && !title.isBlank(), "title is blank: a figure needs a title");
        require(panels != null && !panels.isEmpty(), "panels is empty: a figure needs at least one panel");
        checkPixels("panelWidthPixels", width);
        checkPixels("panelHeightPixels", height);
        require((long) panels.size() * width <= MAX_FIGURE_WIDTH_PIXELS, "figure width " + panels.size() + " × "
                + width + " px is invalid: allowed at most " + MAX_FIGURE_WIDTH_PIXELS + " px");
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            require(panel != null, "panel " + (p + 1) + " is null");
            String where = "panel " + (p + 1) + " \"" + panel.title() + "\"";
            require(panel.title() != null && panel.xAxisTitle() != null && panel.yAxisTitle() != null,
                    where + ": title, xAxisTitle and yAxisTitle must not be null (use \"\" for none)");
            require(panel.series() != null && !panel.series().isEmpty(), where + " has no series");
            require(panel.series().size() <= SERIES_COLORS.size(), where + " has " + panel.series().size()
                    + " series: allowed at most " + SERIES_COLORS.size() + " (one distinct colour each)");
            Set<String> names = new HashSet<>();
            for (Series series : panel.series()) {
                require(series != null, where + " has a null series");
                require(series.name() != null && !series.name().isBlank(), where + " has a series without a name");
                String named = where + " series \"" + series.name() + "\"";
                require(names.add(series.name()), named + " occurs twice: series names in a panel must differ");
                require(series.x() != null && series.y() != null, named + ": x and y must not be null");
                require(series.x().length == series.y().length,
                        named + ": x has " + series.x().length + " values but y has " + series.y().length);
                require(series.x().length > 0, named + " has no points");
                checkFinite(named, "x", series.x());
                checkFinite(named, "y", series.y());
            }
        }
    }

    private static void checkPixels(String key, int pixels) {
        require(pixels >= MIN_PANEL_PIXELS && pixels <= MAX_PANEL_PIXELS, key + " = " + pixels
                + " px is invalid: allowed [" + MIN_PANEL_PIXELS + ", " + MAX_PANEL_PIXELS + "] px");
    }

    private static void checkFinite(String named, String axis, double[] values) {
        for (int i = 0; i < values.length; i++) {
            require(Double.isFinite(values[i]),
                    named + ": " + axis + "[" + i + "] = " + values[i] + " is invalid: allowed a finite number");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The figure as an image: the title strip, then the panels side by side. */
    static BufferedImage render(String title, List<Panel> panels, int width, int height) {
        int strip = titleStripPixels(width, height);
        double scale = scale(width, height);
        BufferedImage image = new BufferedImage(panels.size() * width, strip + height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // Only the title is drawn here (the charts set their own hints), so text antialiasing is all it needs.
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setBackground(Color.WHITE);
            g.clearRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(TEXT);
            g.setFont(new Font(FONT, Font.BOLD, (int) Math.round(18 * scale)));
            FontMetrics metrics = g.getFontMetrics();
            String shown = fitted(title, metrics, image.getWidth() - strip);
            g.drawString(shown, (image.getWidth() - metrics.stringWidth(shown)) / 2,
                    (strip - metrics.getHeight()) / 2 + metrics.getAscent());
            for (int p = 0; p < panels.size(); p++) {
                Graphics2D panelGraphics = (Graphics2D) g.create(p * width, strip, width, height);
                try {
                    chart(panels.get(p), width, height, scale).paint(panelGraphics, width, height);
                } finally {
                    panelGraphics.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The text, cut with an ellipsis to fit {@code widthPixels}. */
    static String fitted(String text, FontMetrics metrics, int widthPixels) {
        if (metrics.stringWidth(text) <= widthPixels) {
            return text;
        }
        int end = text.length();
        while (end > 0 && metrics.stringWidth(text.substring(0, end) + "…") > widthPixels) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** One panel's chart, styled at {@code scale} (see {@link #scale}). */
    static XYChart chart(Panel panel, int width, int height, double scale) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(panel.title());
        chart.setXAxisTitle(panel.xAxisTitle());
        chart.setYAxisTitle(panel.yAxisTitle());
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartFontColor(TEXT);
        styler.setAxisTickLabelsColor(TEXT);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, (int) Math.round(15 * scale)));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, (int) Math.round(13 * scale)));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, (int) Math.round(12 * scale)));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, (int) Math.round(12 * scale)));
        styler.setLegendPosition(emptiestCorner(panel.series()));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        styler.setLegendBorderColor(Color.GRAY);
        styler.setChartPadding((int) Math.round(8 * scale));
        styler.setMarkerSize((int) Math.round(7 * scale));
        styler.setXAxisTickMarkSpacingHint((int) Math.round(styler.getXAxisTickMarkSpacingHint() * scale));
        styler.setYAxisTickMarkSpacingHint((int) Math.round(styler.getYAxisTickMarkSpacingHint() * scale));
        styler.setxAxisTickLabelsFormattingFunction(CalibrationPlot::tickLabel);
        styler.setyAxisTickLabelsFormattingFunction(CalibrationPlot::tickLabel);
        List<Series> all = panel.series();
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            Color color = SERIES_COLORS.get(i);
            series.setLineColor(color);
            series.setMarkerColor(color);
            if (s.fittedLine()) {
                series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineStyle(new BasicStroke((float) (2 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            } else {
                series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                series.setMarker(MARKERS.get(i));
            }
        }
        return chart;
    }

    /**
     * The inside corner for the legend with the fewest points of the panel's series in it (a box of
     * 40 % of the data's width and 30 % of its height); on a tie north-east, north-west, south-east,
     * south-west in that order. When every corner holds data, below the plot instead: a legend must
     * not hide a measured point or a fitted peak.
     */
    static LegendPosition emptiestCorner(List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMin = Math.min(yMin, s.y()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        // Points per corner, in the order of LEGEND_CORNERS.
        int[] points = new int[4];
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double u = xMax > xMin ? (s.x()[i] - xMin) / (xMax - xMin) : 0.5;
                double v = yMax > yMin ? (s.y()[i] - yMin) / (yMax - yMin) : 0.5;
                boolean east = u >= 0.6;
                boolean west = u <= 0.4;
                boolean north = v >= 0.7;
                boolean south = v <= 0.3;
                points[0] += north && east ? 1 : 0;
                points[1] += north && west ? 1 : 0;
                points[2] += south && east ? 1 : 0;
                points[3] += south && west ? 1 : 0;
            }
        }
        int best = 0;
        for (int corner = 1; corner < points.length; corner++) {
            if (points[corner] < points[best]) {
                best = corner;
            }
        }
        return points[best] == 0 ? LEGEND_CORNERS.get(best) : LegendPosition.OutsideS;
    }

    /**
     * A tick label independent of the locale: plain decimals from 0.001 to below 10⁶ ("0.0014",
     * "2500"), otherwise mantissa and exponent ("2.5e-6", "1.2e6"); rounded to 10 significant digits,
     * so floating-point noise such as 0.30000000000000004 reads "0.3".
     */
    static String tickLabel(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }
}
