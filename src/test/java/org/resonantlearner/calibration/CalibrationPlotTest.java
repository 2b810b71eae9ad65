package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.style.Styler.LegendPosition;
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
}
