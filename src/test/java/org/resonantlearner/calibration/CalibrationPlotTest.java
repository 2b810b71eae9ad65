package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.resonantlearner.calibration.CalibrationPlot.Panel;
import org.resonantlearner.calibration.CalibrationPlot.Series;

/** Calibration figures: a real PNG of the requested size, with the series drawn in their colours. */
class CalibrationPlotTest {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 400;

    @TempDir
    Path directory;

    /** Load power of a resonance at f0 with loaded Q: a Lorentzian of peak 1 mW. */
    private static double lorentzian(double f, double f0, double q) {
        double detuning = 2 * q * (f - f0) / f0;
        return 1.0 / (1 + detuning * detuning);
    }

    /** A resonance curve (measured with seeded noise, and its fit) and f0 per position (measured, model). */
    private static List<Panel> twoPanels() {
        Random random = new Random(7);
        double[] measuredF = new double[41];
        double[] measuredP = new double[41];
        for (int i = 0; i < measuredF.length; i++) {
            measuredF[i] = 900 + 5 * i;
            measuredP[i] = lorentzian(measuredF[i], 1000, 15.7) + 0.02 * random.nextGaussian();
        }
        double[] fitF = new double[401];
        double[] fitP = new double[401];
        for (int i = 0; i < fitF.length; i++) {
            fitF[i] = 900 + 0.5 * i;
            fitP[i] = lorentzian(fitF[i], 1001, 15.5);
        }
        double[] positions = new double[11];
        double[] measuredF0 = new double[11];
        double[] modelF0 = new double[11];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = 1000 * i;
            double capacitance = 0.5e-6 + 19.5e-6 * i / 10.0;
            modelF0[i] = 1 / (2 * Math.PI * Math.sqrt(0.010 * capacitance));
            measuredF0[i] = modelF0[i] * (1 + 0.01 * random.nextGaussian());
        }
        return List.of(
                new Panel("Position 2000 steps", "Drive frequency (Hz)", "Load power (mW)", List.of(
                        new Series("measured", measuredF, measuredP, false),
                        new Series("Lorentzian fit", fitF, fitP, true))),
                new Panel("Resonant frequency", "Tuning position (steps)", "f0 (Hz)", List.of(
                        new Series("measured f0", positions, measuredF0, false),
                        new Series("model f0", positions, modelF0, true))));
    }

    @Test
    void writesATwoPanelFigureWithTheSeriesColours() throws IOException {
        Path png = directory.resolve("plots/rlc/calibration.png");
        CalibrationPlot.writePng(png, "Calibration of rlc-reference", twoPanels(), WIDTH, HEIGHT);

        BufferedImage image = ImageIO.read(png.toFile());
        int strip = CalibrationPlot.titleStripPixels(WIDTH, HEIGHT);
        assertTrue(strip > 0);
        assertEquals(2 * WIDTH, image.getWidth());
        assertEquals(HEIGHT + strip, image.getHeight());

        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 100, "distinct colours: " + colours.size());
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF, "white background");

        // Each panel shows its measured markers and its fitted line in the first two series colours.
        for (int panel = 0; panel < 2; panel++) {
            for (int series = 0; series < 2; series++) {
                Color colour = CalibrationPlot.SERIES_COLORS.get(series);
                int pixels = count(image, colour, panel * WIDTH, strip, WIDTH, HEIGHT);
                assertTrue(pixels > 50, "panel " + panel + " series " + series + ": " + pixels + " pixels of " + colour);
            }
        }
        // A colour no series uses is not there: the counting does not find just anything.
        assertEquals(0, count(image, CalibrationPlot.SERIES_COLORS.get(5), 0, 0, image.getWidth(), image.getHeight()));
        // The figure's title is drawn in the strip.
        int dark = countDark(image, 0, 0, image.getWidth(), strip);
        assertTrue(dark > 50, "title pixels in the strip: " + dark);

        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void replacesAnExistingFigure() throws IOException {
        Path png = directory.resolve("figure.png");
        Files.writeString(png, "not a png");
        CalibrationPlot.writePng(png, "One panel", twoPanels().subList(0, 1), 300, 200);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(300, image.getWidth());
        assertEquals(200 + CalibrationPlot.titleStripPixels(300, 200), image.getHeight());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(png), files.toList());
        }
    }

    private static int count(BufferedImage image, Color colour, int x0, int y0, int width, int height) {
        int n = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countDark(BufferedImage image, int x0, int y0, int width, int height) {
        int n = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 100) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void tickLabelsArePlainOrScientificAndIgnoreTheLocale() {
        assertEquals("0", CalibrationPlot.tickLabel(0));
        assertEquals("0.0014", CalibrationPlot.tickLabel(0.0014));
        assertEquals("0.3", CalibrationPlot.tickLabel(0.1 + 0.2));
        assertEquals("-0.5", CalibrationPlot.tickLabel(-0.5));
        assertEquals("10000", CalibrationPlot.tickLabel(10_000));
        assertEquals("2.5e-6", CalibrationPlot.tickLabel(2.5e-6));
        assertEquals("8e-4", CalibrationPlot.tickLabel(8e-4));
        assertEquals("1.2e6", CalibrationPlot.tickLabel(1.2e6));
        assertEquals("1e-5", CalibrationPlot.tickLabel(9.9999999999e-6));
    }

    @Test
    void theLegendGoesToACornerWithoutDataOrBelowThePlot() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] rising = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] falling = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        double[] peak = {0, 0.1, 0.2, 0.4, 0.8, 1, 0.8, 0.4, 0.2, 0.1, 0};
        assertEquals(LegendPosition.InsideNW, CalibrationPlot.emptiestCorner(List.of(new Series("C", x, rising, false))));
        assertEquals(LegendPosition.InsideNE, CalibrationPlot.emptiestCorner(List.of(new Series("f0", x, falling, true))));
        // A peak or a dip leaves no corner free: the legend goes below the plot rather than over data.
        assertEquals(LegendPosition.OutsideS, CalibrationPlot.emptiestCorner(List.of(new Series("P", x, peak, false))));
        double[] dip = {1, 0.9, 0.8, 0.6, 0.2, 0, 0.2, 0.6, 0.8, 0.9, 1};
        assertEquals(LegendPosition.OutsideS, CalibrationPlot.emptiestCorner(List.of(new Series("P", x, dip, false))));
        double[] narrowPeak = {0, 0, 0, 0, 0.5, 1, 0.5, 0, 0, 0, 0};
        assertEquals(LegendPosition.InsideNE, CalibrationPlot.emptiestCorner(List.of(new Series("P", x, narrowPeak,
                false))));
    }

    /** The one-line message of the IllegalArgumentException; nothing is written. */
    private String error(String title, List<Panel> panels, int width, int height) throws IOException {
        Path png = directory.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationPlot.writePng(png, title, panels, width, height));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(0, files.count(), "nothing written");
        }
        return e.getMessage();
    }

    private static List<Panel> oneSeries(Series series) {
        return List.of(new Panel("Curve", "f (Hz)", "P (mW)", List.of(series)));
    }

    @Test
    void invalidInputsAreOneLineNamingTheCulprit() throws IOException {
        double[] three = {1, 2, 3};
        assertEquals("panel 1 \"Curve\" series \"measured\": x has 3 values but y has 2",
                error("T", oneSeries(new Series("measured", three, new double[] {1, 2}, false)), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" series \"fit\": y[1] = NaN is invalid: allowed a finite number",
                error("T", oneSeries(new Series("fit", three, new double[] {1, Double.NaN, 3}, true)), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" series \"fit\": x[2] = Infinity is invalid: allowed a finite number",
                error("T", oneSeries(new Series("fit", new double[] {1, 2, Double.POSITIVE_INFINITY}, three, true)),
                        WIDTH, HEIGHT));
        assertEquals("panels is empty: a figure needs at least one panel", error("T", List.of(), WIDTH, HEIGHT));
        assertEquals("panelWidthPixels = 199 px is invalid: allowed [200, 4000] px",
                error("T", twoPanels(), 199, HEIGHT));
        assertEquals("panelHeightPixels = 4001 px is invalid: allowed [200, 4000] px",
                error("T", twoPanels(), WIDTH, 4001));
        assertEquals("title is blank: a figure needs a title", error(" ", twoPanels(), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Empty\" has no series",
                error("T", List.of(new Panel("Empty", "x", "y", List.of())), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" series \"measured\" has no points",
                error("T", oneSeries(new Series("measured", new double[0], new double[0], false)), WIDTH, HEIGHT));
        Series twice = new Series("measured", three, three, false);
        assertEquals("panel 1 \"Curve\" series \"measured\" occurs twice: series names in a panel must differ",
                error("T", List.of(new Panel("Curve", "x", "y", List.of(twice, twice))), WIDTH, HEIGHT));
    }

    @Test
    void eachPanelsChartCarriesItsSeriesWithDataNameColourAndStyle() {
        Panel panel = twoPanels().get(0);
        XYChart chart = CalibrationPlot.chart(panel, WIDTH, HEIGHT, 1.0);
        assertEquals("Position 2000 steps", chart.getTitle());
        assertEquals("Drive frequency (Hz)", chart.getXAxisTitle());
        assertEquals("Load power (mW)", chart.getYAxisTitle());
        assertEquals(List.of("measured", "Lorentzian fit"), new ArrayList<>(chart.getSeriesMap().keySet()));
        XYSeries measured = chart.getSeriesMap().get("measured");
        XYSeries fit = chart.getSeriesMap().get("Lorentzian fit");
        assertArrayEquals(panel.series().get(0).x(), measured.getXData());
        assertArrayEquals(panel.series().get(0).y(), measured.getYData());
        assertArrayEquals(panel.series().get(1).x(), fit.getXData());
        assertArrayEquals(panel.series().get(1).y(), fit.getYData());
        // Measured points are markers in the first colour, the fit a line in the second.
        assertEquals(XYSeriesRenderStyle.Scatter, measured.getXYSeriesRenderStyle());
        assertEquals(SeriesMarkers.CIRCLE, measured.getMarker());
        assertEquals(CalibrationPlot.SERIES_COLORS.get(0), measured.getMarkerColor());
        assertEquals(XYSeriesRenderStyle.Line, fit.getXYSeriesRenderStyle());
        assertEquals(SeriesMarkers.NONE, fit.getMarker());
        assertEquals(CalibrationPlot.SERIES_COLORS.get(1), fit.getLineColor());
        assertEquals(2.0f, fit.getLineStyle().getLineWidth());
        assertEquals(CalibrationPlot.emptiestCorner(panel.series()), chart.getStyler().getLegendPosition());
        assertEquals("0.3", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.1 + 0.2));
        assertEquals("2.5e-6", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(2.5e-6));
    }

    @Test
    void aSecondMeasuredSeriesHasTheSecondMarker() {
        double[] x = {1, 2, 3};
        XYChart chart = CalibrationPlot.chart(new Panel("f0", "p", "f", List.of(new Series("a", x, x, false),
                new Series("b", x, x, false))), WIDTH, HEIGHT, 1.0);
        assertEquals(SeriesMarkers.DIAMOND, chart.getSeriesMap().get("b").getMarker());
        assertEquals(CalibrationPlot.SERIES_COLORS.get(1), chart.getSeriesMap().get("b").getMarkerColor());
    }

    @Test
    void textMarkersAndLinesGrowWithThePanel() {
        // 400 px panels are the unit; twice the smaller side is twice the size, up to four times.
        assertEquals(1.0, CalibrationPlot.scale(400, 400), 0.0);
        assertEquals(1.0, CalibrationPlot.scale(200, 900), 0.0, "never below 1");
        assertEquals(2.0, CalibrationPlot.scale(1000, 800), 0.0, "the smaller side counts");
        assertEquals(4.0, CalibrationPlot.scale(4000, 1800), 0.0, "at most 4");
        assertEquals(40, CalibrationPlot.titleStripPixels(600, 400));
        assertEquals(80, CalibrationPlot.titleStripPixels(800, 1200));
        assertEquals(160, CalibrationPlot.titleStripPixels(4000, 4000));

        Panel panel = twoPanels().get(0);
        XYChart unit = CalibrationPlot.chart(panel, 400, 400, 1.0);
        XYChart doubled = CalibrationPlot.chart(panel, 800, 800, 2.0);
        assertEquals(15, unit.getStyler().getChartTitleFont().getSize());
        assertEquals(30, doubled.getStyler().getChartTitleFont().getSize());
        assertEquals(Font.BOLD, doubled.getStyler().getChartTitleFont().getStyle());
        assertEquals(26, doubled.getStyler().getAxisTitleFont().getSize());
        assertEquals(24, doubled.getStyler().getAxisTickLabelsFont().getSize());
        assertEquals(24, doubled.getStyler().getLegendFont().getSize());
        assertEquals(16, doubled.getStyler().getChartPadding());
        assertEquals(14, doubled.getStyler().getMarkerSize());
        assertEquals(4.0f, doubled.getSeriesMap().get("Lorentzian fit").getLineStyle().getLineWidth());
        assertEquals(2 * unit.getStyler().getXAxisTickMarkSpacingHint(), doubled.getStyler().getXAxisTickMarkSpacingHint());
        assertEquals(2 * unit.getStyler().getYAxisTickMarkSpacingHint(), doubled.getStyler().getYAxisTickMarkSpacingHint());
    }

    /** {left, top, right, bottom} of the pixels darker than mid-grey in the box, or null when there are none. */
    private static int[] inkBox(BufferedImage image, int x0, int y0, int width, int height) {
        int[] box = null;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    box = box == null ? new int[] {x, y, x, y}
                            : new int[] {Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)};
                }
            }
        }
        return box;
    }

    @Test
    void theTitleIsCentredInItsStripAndGrowsWithThePanel() {
        String title = "Calibration of rlc-reference"; // no descenders: its ink is cap height tall
        BufferedImage unit = CalibrationPlot.render(title, twoPanels(), 400, 400);
        int strip = CalibrationPlot.titleStripPixels(400, 400);
        int[] box = inkBox(unit, 0, 0, unit.getWidth(), strip);
        assertEquals(unit.getWidth() / 2.0, (box[0] + box[2]) / 2.0, 3, "centred across the figure");
        assertEquals(strip / 2.0, (box[1] + box[3]) / 2.0, 5, "centred in the strip");
        // An 18 px bold sans serif: capitals and ascenders about 0.72 em, 13 px.
        int inkHeight = box[3] - box[1] + 1;
        assertTrue(inkHeight >= 11 && inkHeight <= 16, "title ink " + inkHeight + " px tall");

        BufferedImage doubled = CalibrationPlot.render(title, twoPanels(), 800, 800);
        int[] doubledBox = inkBox(doubled, 0, 0, doubled.getWidth(), CalibrationPlot.titleStripPixels(800, 800));
        assertEquals(2.0, (doubledBox[3] - doubledBox[1] + 1) / (double) inkHeight, 0.2, "twice as tall");
        assertEquals(2.0, (doubledBox[2] - doubledBox[0] + 1) / (double) (box[2] - box[0] + 1), 0.2, "twice as wide");
    }

    @Test
    void theTitleIsAntialiased() {
        BufferedImage image = CalibrationPlot.render("Calibration of rlc-reference", twoPanels(), 400, 400);
        int strip = CalibrationPlot.titleStripPixels(400, 400);
        int edges = 0;
        for (int y = 0; y < strip; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int grey = image.getRGB(x, y) & 0xFF;
                edges += grey > 0x30 && grey < 0xE0 ? 1 : 0; // between the text colour (0x20) and white
            }
        }
        assertTrue(edges > 50, "blended edge pixels in the title: " + edges);
    }

    @Test
    void aTitleTooLongForTheFigureIsCutWithAnEllipsisInsideIt() {
        String title = "Calibration ".repeat(20);
        BufferedImage image = CalibrationPlot.render(title, twoPanels().subList(0, 1), 400, 400);
        int strip = CalibrationPlot.titleStripPixels(400, 400);
        int[] box = inkBox(image, 0, 0, image.getWidth(), strip);
        // Cut to the width less one strip height: half a strip clear at either end.
        assertTrue(box[0] >= strip / 2 - 1 && box[2] <= image.getWidth() - strip / 2, "ink from " + box[0] + " to "
                + box[2] + " of " + image.getWidth());
    }

    @Test
    void fittedTextIsCutToTheLongestPrefixThatFitsWithItsEllipsis() {
        BufferedImage scratch = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        FontMetrics metrics = g.getFontMetrics();
        g.dispose();
        String text = "Resonant frequency against position";
        int full = metrics.stringWidth(text);
        assertEquals(text, CalibrationPlot.fitted(text, metrics, full), "exactly as wide as allowed: kept whole");
        String cut = CalibrationPlot.fitted(text, metrics, full / 2);
        assertTrue(cut.endsWith("…"), cut);
        String prefix = cut.substring(0, cut.length() - 1);
        assertTrue(text.startsWith(prefix), cut);
        assertTrue(metrics.stringWidth(cut) <= full / 2, "fits: " + cut);
        assertTrue(metrics.stringWidth(text.substring(0, prefix.length() + 1) + "…") > full / 2, "longest: " + cut);
        assertEquals("…", CalibrationPlot.fitted(text, metrics, 1), "not even one letter fits");
    }

    private static List<Panel> panels(int count) {
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            panels.add(twoPanels().get(0));
        }
        return panels;
    }

    @Test
    void theLargestFigureIsAcceptedAndOneWiderIsNot() {
        Path png = directory.resolve("wide.png");
        CalibrationPlot.validate(png, "T", panels(4), CalibrationPlot.MAX_PANEL_PIXELS, CalibrationPlot.MIN_PANEL_PIXELS);
        CalibrationPlot.validate(png, "T", panels(1), CalibrationPlot.MIN_PANEL_PIXELS, CalibrationPlot.MAX_PANEL_PIXELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationPlot.validate(png, "T", panels(5), CalibrationPlot.MAX_PANEL_PIXELS, 200));
        assertEquals("figure width 5 × 4000 px is invalid: allowed at most 16000 px", e.getMessage());
    }

    @Test
    void missingPartsAreOneLineNamingTheCulprit() throws IOException {
        double[] three = {1, 2, 3};
        Series good = new Series("measured", three, three, false);
        assertEquals("panel 2 is null", error("T", java.util.Arrays.asList(oneSeries(good).get(0), null), WIDTH, HEIGHT));
        assertEquals("panel 2 \"Second\": title, xAxisTitle and yAxisTitle must not be null (use \"\" for none)",
                error("T", List.of(oneSeries(good).get(0), new Panel("Second", "x", null, List.of(good))), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" has a null series",
                error("T", List.of(new Panel("Curve", "x", "y", java.util.Arrays.asList(good, null))), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" has a series without a name", error("T", oneSeries(new Series(" ", three, three,
                false)), WIDTH, HEIGHT));
        assertEquals("panel 1 \"Curve\" series \"fit\": x and y must not be null",
                error("T", oneSeries(new Series("fit", three, null, true)), WIDTH, HEIGHT));
        List<Series> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(new Series("s" + i, three, three, false));
        }
        assertEquals("panel 1 \"Many\" has 7 series: allowed at most 6 (one distinct colour each)",
                error("T", List.of(new Panel("Many", "x", "y", seven)), WIDTH, HEIGHT));
        assertEquals("png = null is invalid: allowed a file path", assertThrows(IllegalArgumentException.class,
                () -> CalibrationPlot.writePng(null, "T", twoPanels(), WIDTH, HEIGHT)).getMessage());
        assertEquals("png = / is invalid: allowed a file path", assertThrows(IllegalArgumentException.class,
                () -> CalibrationPlot.writePng(Path.of("/"), "T", twoPanels(), WIDTH, HEIGHT)).getMessage());
    }

    @Test
    void theLegendCornerIsJudgedOnTheDataRangeWhereverItLies() {
        // The same shapes as above, shifted away from 0 on both axes.
        double[] x = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110};
        double[] rising = {50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60};
        double[] falling = {60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50};
        assertEquals(LegendPosition.InsideNW, CalibrationPlot.emptiestCorner(List.of(new Series("C", x, rising, false))));
        assertEquals(LegendPosition.InsideNE, CalibrationPlot.emptiestCorner(List.of(new Series("f", x, falling, true))));
    }

    @Test
    void aPointOnACornersEdgeCountsAsInsideIt() {
        // Four points fix the range [0, 10] × [0, 10] and lie in no corner; one point sits exactly on
        // the inner edges of each corner box (u = 0.4 or 0.6, v = 0.3 or 0.7): every corner holds data.
        double[] x = {0, 10, 5, 5, 6, 4, 6, 4};
        double[] y = {5, 5, 0, 10, 7, 7, 3, 3};
        assertEquals(LegendPosition.OutsideS, CalibrationPlot.emptiestCorner(List.of(new Series("P", x, y, false))));
        // Without the north-east point that corner is the emptiest.
        assertEquals(LegendPosition.InsideNE, CalibrationPlot.emptiestCorner(List.of(new Series("P",
                new double[] {0, 10, 5, 5, 4, 6, 4}, new double[] {5, 5, 0, 10, 7, 3, 3}, false))));
    }

    @Test
    void tickLabelsSwitchToMantissaAndExponentExactlyAtTheEdges() {
        assertEquals("0.001", CalibrationPlot.tickLabel(0.001));
        assertEquals("-0.001", CalibrationPlot.tickLabel(-0.001));
        assertEquals("999999.5", CalibrationPlot.tickLabel(999_999.5));
        assertEquals("1e6", CalibrationPlot.tickLabel(1e6));
        assertEquals("-1e6", CalibrationPlot.tickLabel(-1e6));
    }

    @Test
    void eachCornerIsChosenWhenItAloneIsEmpty() {
        // Four points fix the range [0, 10] × [0, 10] in no corner; then one point in each corner but one.
        double[][] corners = {{9, 9}, {1, 9}, {9, 1}, {1, 1}}; // NE, NW, SE, SW
        List<LegendPosition> expected = List.of(LegendPosition.InsideNE, LegendPosition.InsideNW,
                LegendPosition.InsideSE, LegendPosition.InsideSW);
        for (int empty = 0; empty < 4; empty++) {
            List<Double> x = new ArrayList<>(List.of(0.0, 10.0, 5.0, 5.0));
            List<Double> y = new ArrayList<>(List.of(5.0, 5.0, 0.0, 10.0));
            for (int corner = 0; corner < 4; corner++) {
                if (corner != empty) {
                    x.add(corners[corner][0]);
                    y.add(corners[corner][1]);
                }
            }
            Series series = new Series("P", x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray(), false);
            assertEquals(expected.get(empty), CalibrationPlot.emptiestCorner(List.of(series)), "empty corner " + empty);
        }
    }

    @Test
    void sixSeriesInAPanelAreAccepted() {
        double[] three = {1, 2, 3};
        List<Series> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new Series("s" + i, three, three, i == 5));
        }
        CalibrationPlot.validate(directory.resolve("six.png"), "T", List.of(new Panel("Six", "x", "y", six)), WIDTH,
                HEIGHT);
        XYChart chart = CalibrationPlot.chart(new Panel("Six", "x", "y", six), WIDTH, HEIGHT, 1.0);
        assertEquals(CalibrationPlot.SERIES_COLORS.get(5), chart.getSeriesMap().get("s5").getLineColor());
        assertEquals(SeriesMarkers.TRIANGLE_DOWN, chart.getSeriesMap().get("s4").getMarker());
    }
}
