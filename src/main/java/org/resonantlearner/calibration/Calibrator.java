package org.resonantlearner.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.loop.LimitedActuator;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.SteadyState;
import org.resonantlearner.rig.TuningMap;

/**
 * The calibration sweep (calibration/FORMAT.md, "What a calibrate command writes"): steps the
 * actuator across its range and measures the resonance at each position through the ports alone.
 *
 * <h2>With a drive it can set (a {@link DriveControl})</h2>
 * <ol>
 *   <li>ADC offset: the drive off, the mean of {@link Settings#offsetSeconds} of samples after the
 *       rig has rung down; their standard deviation is the noise floor.</li>
 *   <li>At each of {@link Settings#positions} positions, evenly spaced over the range: a coarse
 *       sweep of {@link Settings#coarsePoints} log-spaced drive frequencies over the sweep range;
 *       zooms of {@link Settings#zoomPoints} frequencies between the neighbours of the highest point
 *       until both half-power points lie inside; then the final sweep, {@link Settings#finePoints}
 *       frequencies over f_peak ± 3 linewidths, fitted with {@link ResonanceFit} (driven damped
 *       oscillator, exponent 4 on base-excited rigs whose force grows as ω²).</li>
 *   <li>Optionally a ringdown at each position: driven at the fitted f0, switched off, the free
 *       decay fitted with {@link RingdownFit}.</li>
 * </ol>
 * Power at one drive frequency is the lock-in amplitude at that frequency, P = (a² + b²)/(2·R_L)
 * over whole periods after the settle time: it ignores the offset and averages the noise down.
 *
 * <h2>With a fixed drive (function generator, serial front end)</h2>
 * Power against position: the drive frequency is estimated from the signal's zero crossings; the
 * positions are a coarse pass over the range plus zooms around the highest power; the rig model in
 * position ({@link PositionResonanceFit}) over the points above 30 % of the peak gives the peak power P*.
 * Each position's tuned value then follows from the rig model's fixed element and damping
 * (the config's nominal L and R, or m and c): P/P* = 1/(1 + (X/b)²) with reactance
 * X = a·ω − K/ω, its sign from the side of the peak and the direction of the nominal map. This
 * leans on the nominal values, so a sweep is preferred whenever the drive can be set.
 *
 * <p>The actuator moves only through the {@link LimitedActuator} it is given, and walks from
 * position to position at no more than the step-rate limit, reading (and discarding) samples while
 * it waits: at a low limit the calibration takes longer (it says how long when the travel alone takes
 * over {@value #LONG_TRAVEL_SECONDS} s), and it measures each position only once it is there.
 *
 * <p>Either way the tuned value at a position follows from its resonant frequency and the fixed
 * element: C = 1/((2πf0)²·L), k = m·(2πf0)², m = k/(2πf0)² (the "tunedValue" of the file).
 */
public final class Calibrator {
    /** Largest wall time a block of samples may take to arrive before the calibration gives up. */
    private static final long READ_DEADLINE_NANOS = 10_000_000_000L;
    /** Zoom passes before a resonance narrower than the grid is declared unresolvable. */
    private static final int MAX_ZOOMS = 6;
    /**
     * Points above this fraction of the peak enter the power-against-position fit, whose tuned value
     * is linear in position: near the peak a smooth map is close to that.
     */
    private static final double POSITION_FIT_FLOOR_FRACTION = 0.3;
    /**
     * Power against position measures each position over this many times {@link Settings#measurePeriods}:
     * far from the peak the inversion P/P* → tuned value multiplies the noise (at 1/189 of the peak on
     * the reference RLC rig, 40 periods leave 2.5 % in C; 400 periods 0.1 %).
     */
    private static final int POSITION_MAP_PERIODS_FACTOR = 10;
    /** Travel time at the step-rate limit (s) above which the calibration announces it. */
    static final double LONG_TRAVEL_SECONDS = 10;

    /**
     * How the sweep is run.
     *
     * @param positions actuator positions measured, evenly spaced from min to max, ≥ 2
     * @param coarsePoints log-spaced drive frequencies of the coarse sweep, ≥ 5
     * @param zoomPoints frequencies (or positions) of each zoom pass, ≥ 8: a zoom narrows to the
     *     half-power points plus a step either side, and with fewer points those never end up the
     *     four steps apart that resolve a resonance
     * @param finePoints frequencies of the final sweep over f_peak ± 3 linewidths, ≥ 7
     * @param sweepFromHz lowest drive frequency of the coarse sweep (Hz)
     * @param sweepToHz highest drive frequency of the coarse sweep (Hz), &gt; sweepFromHz
     * @param coarseSettleTimeConstants wait after each coarse or zoom step before measuring, in the
     *     nominal rig's slowest amplitude time constants, ≥ 0
     * @param settleTimeConstants wait after each final-sweep step, in amplitude time constants: the longer of
     *     1/(π·linewidth) from the zoom and the nominal rig's slowest, ≥ 1
     * @param measurePeriods drive periods each power measurement spans, ≥ 4
     * @param offsetSeconds samples read with the drive off for the ADC offset and noise (s), &gt; 0
     * @param ringdown true to add a ringdown fit at every position (needs a drive that switches off)
     * @param clipVolts load-voltage magnitude at which a reading counts as clipped (V), &gt; 0: a
     *     measurement that reaches it stops the calibration (a clipped sine reads as less power)
     */
    public record Settings(int positions, int coarsePoints, int zoomPoints, int finePoints, double sweepFromHz,
            double sweepToHz, double coarseSettleTimeConstants, double settleTimeConstants, int measurePeriods,
            double offsetSeconds, boolean ringdown, double clipVolts) {

        /**
         * Fewest zoom points: half-power points r &lt; 4 steps apart become (n − 1)·r/(r + 2) steps apart
         * in the next zoom, which grows past 4 only for n ≥ 8.
         */
        public static final int MIN_ZOOM_POINTS = 8;

        /** Validates every field; keys are the calibrate command's option names. */
        public Settings {
            Check.inRange("positions", positions, "", 2, 10_000);
            Check.inRange("coarsePoints", coarsePoints, "", 5, 10_000);
            Check.inRange("zoomPoints", zoomPoints, "", MIN_ZOOM_POINTS, 10_000);
            Check.inRange("finePoints", finePoints, "", 7, 10_000);
            Check.positive("sweepFromHz", sweepFromHz, "Hz");
            Check.ordered("sweepFromHz", sweepFromHz, "sweepToHz", sweepToHz, "Hz");
            Check.nonNegative("coarseSettleTimeConstants", coarseSettleTimeConstants, "");
            Check.inRange("settleTimeConstants", settleTimeConstants, "", 1, 100);
            Check.inRange("measurePeriods", measurePeriods, "", 4, 1_000_000);
            Check.positive("offsetSeconds", offsetSeconds, "s");
            Check.positive("clipVolts", clipVolts, "V");
        }
    }

    /**
     * One position measured by a drive sweep.
     *
     * @param positionSteps the actuator position
     * @param frequenciesHz the final sweep's drive frequencies (Hz)
     * @param powersWatts the load power measured at each (W)
     * @param fit the resonance fit of the final sweep
     * @param ringdown the ringdown fit, or null when none was asked for
     * @param tunedValue the tuned parameter the fitted f0 implies (file's unit)
     */
    public record SweptPosition(int positionSteps, double[] frequenciesHz, double[] powersWatts, ResonanceFit fit,
            RingdownFit ringdown, double tunedValue) {}

    /**
     * Power against position at a fixed drive.
     *
     * @param driveFrequencyHz the drive frequency estimated from the signal (Hz)
     * @param positionsSteps every position measured, ascending
     * @param powersWatts the load power at each (W)
     * @param fit the rig model in position over the points near the peak
     * @param tunedValues the tuned value each position implies (file's unit); NaN where none does
     */
    public record PositionMap(double driveFrequencyHz, int[] positionsSteps, double[] powersWatts,
            PositionResonanceFit fit, double[] tunedValues) {}

    /**
     * What a calibration measured.
     *
     * @param measuredOffsetVolts ADC offset measured on the corrected readings (V)
     * @param noiseVoltsRms standard deviation of the readings with the drive off (V); NaN with a fixed drive
     * @param file the calibration file's content (source: the path it is to be written to)
     * @param swept the drive-sweep measurements, one per position; empty with a fixed drive
     * @param positionMap the fixed-drive measurement; null when the drive was swept
     * @param streamSeconds stream time the calibration took (s)
     */
    public record Result(double measuredOffsetVolts, double noiseVoltsRms, CalibrationFile file,
            List<SweptPosition> swept, PositionMap positionMap, double streamSeconds) {}

    /**
     * What the calibration file says about its rig, beyond what is measured.
     *
     * @param target the path the file will be written to (its {@code source})
     * @param rigId the rig's id
     * @param rigKind "rlc", "mechanical-force" or "mechanical-base"
     * @param tunedParameter "capacitance", "stiffness" or "mass"
     * @param date the day of the measurement
     * @param appliedCorrection the offset/gain correction the adapters already apply to the readings
     * @param origin what made the file, opening its comment ("resonant-learner 0.1.0 calibrate on the simulated rig")
     */
    public record Identity(String target, String rigId, String rigKind, String tunedParameter,
            java.time.LocalDate date, AdcCalibration appliedCorrection, String origin) {}

    private final SampleSource source;
    private final LimitedActuator actuator;
    private final DriveControl drive;
    private final RigModel nominalRig;
    private final TuningMap nominalMap;
    private final Settings settings;
    private final Consumer<String> progress;
    private final LongSupplier wallNanos;
    private final double sampleRateHz;
    /** The nominal rig's slowest amplitude time constant over the actuator range (s): the settle unit. */
    private final double nominalTimeConstantSeconds;
    private long samplesRead;
    /** A measurement interrupted by more gaps than this fails: the link loses too much to measure on. */
    private static final int MAX_GAPS_PER_MEASUREMENT = 20;

    /**
     * @param source the sample source (corrected load volts)
     * @param actuator the tuning actuator behind the safety limits it must keep (range, step rate)
     * @param drive the drive control, or null when the drive is fixed
     * @param nominalRig the rig model of the config: its fixed element turns f0 into the tuned value;
     *     with a fixed drive its damping too
     * @param nominalMap the config's tuning map: only its direction (value rising or falling with position) is used
     * @param settings how to sweep
     * @param progress receives one line per position
     */
    public Calibrator(SampleSource source, LimitedActuator actuator, DriveControl drive, RigModel nominalRig,
            TuningMap nominalMap, Settings settings, Consumer<String> progress) {
        this(source, actuator, drive, nominalRig, nominalMap, settings, progress, System::nanoTime);
    }

    /**
     * As the public constructor, with the wall clock that times a stalled front end (tests give one
     * that advances per call, so that waiting out the deadline takes no time).
     */
    Calibrator(SampleSource source, LimitedActuator actuator, DriveControl drive, RigModel nominalRig,
            TuningMap nominalMap, Settings settings, Consumer<String> progress, LongSupplier wallNanos) {
        this.source = Check.present("source", source);
        this.actuator = Check.present("actuator", actuator);
        this.drive = drive;
        this.nominalRig = Check.present("nominalRig", nominalRig);
        this.nominalMap = Check.present("nominalMap", nominalMap);
        this.settings = Check.present("settings", settings);
        this.progress = Check.present("progress", progress);
        this.wallNanos = wallNanos;
        this.sampleRateHz = source.sampleRateHz();
        this.nominalTimeConstantSeconds = Math.max(
                SteadyState.amplitudeTimeConstantSeconds(nominalRig, nominalMap.valueAt(actuator.minPositionSteps())),
                SteadyState.amplitudeTimeConstantSeconds(nominalRig, nominalMap.valueAt(actuator.maxPositionSteps())));
        if (settings.ringdown() && drive == null) {
            throw new IllegalArgumentException("ringdown needs a drive that can be switched off: this rig's drive is fixed");
        }
        if (drive != null && (settings.sweepFromHz() < drive.minFrequencyHz()
                || settings.sweepToHz() > drive.maxFrequencyHz())) {
            throw new IllegalArgumentException("sweep range [" + settings.sweepFromHz() + ", " + settings.sweepToHz()
                    + "] Hz is outside what the drive produces [" + drive.minFrequencyHz() + ", "
                    + drive.maxFrequencyHz() + "] Hz");
        }
    }

    /**
     * Runs the calibration and returns what it measured; the actuator is walked back to its starting
     * position (also after a failure, unless the walk back fails too: then it stays where it is, and
     * that failure is attached to the first as suppressed).
     */
    public Result run(Identity identity) {
        int startPosition = actuator.positionSteps();
        announceTravel(startPosition);
        Result result;
        try {
            result = drive != null ? sweepCalibration(identity) : positionMapCalibration(identity);
        } catch (RuntimeException e) {
            try {
                moveTo(startPosition);
            } catch (RuntimeException back) {
                e.addSuppressed(back);
            }
            throw e;
        }
        moveTo(startPosition);
        return result;
    }

    /**
     * Says how long the travel over the positions and back takes at the step-rate limit, when that is
     * over {@link #LONG_TRAVEL_SECONDS}: with a fixed drive the zooms add to it.
     */
    private void announceTravel(int startPosition) {
        long travelSteps = 0;
        int at = startPosition;
        for (int position : positions()) {
            travelSteps += Math.abs((long) position - at);
            at = position;
        }
        travelSteps += Math.abs((long) startPosition - at);
        double seconds = actuator.travelSeconds(travelSteps);
        if (seconds > LONG_TRAVEL_SECONDS) {
            progress.accept(String.format("%d steps of actuator travel at the step-rate limit of %s steps/s take"
                    + " %.0f s%s", travelSteps, stepRate(), seconds, drive == null ? ", and the zooms more" : ""));
        }
    }

    /** The step-rate limit as written in a config: "1", "2.5", "100000". */
    private String stepRate() {
        double rate = actuator.limits().maxStepRateStepsPerSecond();
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Walks the actuator to {@code position} at the step-rate limit, reading samples while it waits. */
    private void moveTo(int position) {
        actuator.walkTo(position, this::settle);
    }

    private Result sweepCalibration(Identity identity) {
        drive.setOn(false);
        settle(settings.settleTimeConstants() * nominalTimeConstantSeconds);
        double[] offsetAndNoise = meanAndDeviation(read((int) Math.ceil(settings.offsetSeconds() * sampleRateHz)));
        double offsetVolts = offsetAndNoise[0];
        double noiseVolts = offsetAndNoise[1];
        drive.setOn(true);
        progress.accept(String.format("offset %.6f V, noise %.6f V rms (drive off)", offsetVolts, noiseVolts));

        List<SweptPosition> swept = new ArrayList<>();
        List<CalibrationRow> rows = new ArrayList<>();
        double exponent = nominalRig.kind().equals("mechanical-base") ? 4.0 : 0.0;
        for (int position : positions()) {
            moveTo(position);
            double[] bracket = coarseBracket();
            double[] estimate = zoomUntilResolved(bracket);
            SweptPosition measured = fineSweep(position, estimate[0], estimate[1], exponent, offsetVolts,
                    noiseVolts);
            swept.add(measured);
            ResonanceFit fit = measured.fit();
            OptionalDouble ringdownHz = OptionalDouble.empty();
            OptionalDouble ringdownQ = OptionalDouble.empty();
            if (measured.ringdown() != null) {
                ringdownHz = OptionalDouble.of(measured.ringdown().resonantFrequencyHz());
                ringdownQ = OptionalDouble.of(measured.ringdown().loadedQ());
            }
            rows.add(new CalibrationRow(position, measured.tunedValue(), fit.resonantFrequencyHz(), fit.loadedQ(),
                    OptionalDouble.of(Math.min(1.0, fit.residualRmsFraction())), ringdownHz, ringdownQ));
            progress.accept(String.format("position %d steps: f0 %.4f Hz, Q %.4f, linewidth %.4f Hz, fit residual %.2e%s",
                    position, fit.resonantFrequencyHz(), fit.loadedQ(), fit.linewidthHz(), fit.residualRmsFraction(),
                    measured.ringdown() == null ? "" : String.format("; ringdown f0 %.4f Hz, Q %.4f",
                            measured.ringdown().resonantFrequencyHz(), measured.ringdown().loadedQ())));
        }
        String comment = String.format("%s: drive swept at %d positions (%d-point final sweeps over f0 ± 3"
                + " linewidths, resonance fit P0·(f/f0)^%.0f/(1 + Q²(f/f0 − f0/f)²)%s); ADC offset measured with"
                + " the drive off (noise %.3g V rms), gain error as the config applied it; tunedValue from f0:"
                + " %s", identity.origin(), rows.size(), settings.finePoints(), exponent,
                settings.ringdown() ? ", ringdown at each position" : "", noiseVolts, fixedElement());
        return new Result(offsetVolts, noiseVolts, file(identity, offsetVolts, comment, rows), swept, null,
                samplesRead / sampleRateHz);
    }

    /** Frequencies around the highest coarse point: [f(k−1), f(k+1)]. */
    private double[] coarseBracket() {
        double[] frequencies = new double[settings.coarsePoints()];
        double ratio = Math.pow(settings.sweepToHz() / settings.sweepFromHz(), 1.0 / (frequencies.length - 1));
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = settings.sweepFromHz() * Math.pow(ratio, i);
        }
        double[] powers = measureSweep(frequencies, coarseSettleSeconds());
        int peak = PeakData.indexOfMax(powers);
        if (peak == 0 || peak == frequencies.length - 1) {
            throw new CalibrationFailedException(String.format("at position %d steps the highest power is at the edge of"
                    + " the sweep (%.4g Hz of [%.4g, %.4g] Hz): widen the sweep range", actuator.positionSteps(),
                    frequencies[peak], settings.sweepFromHz(), settings.sweepToHz()));
        }
        return new double[] {frequencies[peak - 1], frequencies[peak + 1]};
    }

    /**
     * Moves a window of {@link Settings#zoomPoints} frequencies until the resonance is resolved: both
     * half-power points inside and at least four grid steps apart. The first window is the bracket;
     * after one that does not resolve it, the next is centred on its highest point at the same width
     * when that point is at an edge, three times as wide about it when a side does not fall to half
     * power, and the half-power points plus one step either side when they are closer than four
     * steps; always clipped to the sweep range. Returns {centre Hz, linewidth Hz}, the centre being
     * the midpoint of the half-power points.
     */
    private double[] zoomUntilResolved(double[] bracket) {
        double low = bracket[0];
        double high = bracket[1];
        for (int zoom = 0; zoom < MAX_ZOOMS; zoom++) {
            double[] frequencies = evenlySpaced(low, high, settings.zoomPoints());
            double[] powers = measureSweep(frequencies, coarseSettleSeconds());
            int peak = PeakData.indexOfMax(powers);
            double width = high - low;
            double step = frequencies[1] - frequencies[0];
            double[] halfPower = halfPowerPoints(frequencies, powers, peak);
            if (peak == 0 || peak == frequencies.length - 1) {
                // The peak lies beyond this window: recentre on the highest point.
                low = frequencies[peak] - width / 2;
                high = frequencies[peak] + width / 2;
            } else if (halfPower == null) {
                // A broad resonance: the power does not fall to half inside the window; widen it.
                low = frequencies[peak] - 1.5 * width;
                high = frequencies[peak] + 1.5 * width;
            } else if (halfPower[1] - halfPower[0] >= 4 * step) {
                return new double[] {(halfPower[0] + halfPower[1]) / 2, halfPower[1] - halfPower[0]};
            } else {
                // A narrow resonance: the half-power points are interpolated over too few steps; zoom in.
                low = halfPower[0] - step;
                high = halfPower[1] + step;
            }
            low = Math.max(low, settings.sweepFromHz());
            high = Math.min(high, settings.sweepToHz());
        }
        throw new CalibrationFailedException(String.format("at position %d steps the resonance could not be resolved"
                + " after %d zooms around %.6g Hz", actuator.positionSteps(), MAX_ZOOMS, (low + high) / 2));
    }

    /**
     * The frequencies (or positions) left and right of {@code peak} where the power crosses half of
     * its highest value, interpolated linearly; null when either side does not fall to half inside the grid.
     */
    private static double[] halfPowerPoints(double[] x, double[] powers, int peak) {
        double[] points = PeakData.halfMaximumPoints(x, powers, peak);
        return Double.isNaN(points[0]) || Double.isNaN(points[1]) ? null : points;
    }

    private SweptPosition fineSweep(int position, double peakHz, double linewidthHz, double exponent,
            double offsetVolts, double noiseVolts) {
        double low = Math.max(settings.sweepFromHz(), peakHz - 3 * linewidthHz);
        double high = Math.min(settings.sweepToHz(), peakHz + 3 * linewidthHz);
        double[] frequencies = evenlySpaced(low, high, settings.finePoints());
        // The linewidth estimate comes from the quick zoom sweeps and may be too wide; the nominal rig's
        // slowest time constant is the floor, so an underestimated settle cannot skew the final curve.
        double settleSeconds = settings.settleTimeConstants()
                * Math.max(1 / (Math.PI * linewidthHz), nominalTimeConstantSeconds);
        double[] powers = measureSweep(frequencies, settleSeconds);
        ResonanceFit fit;
        try {
            fit = ResonanceFit.fit(frequencies, powers, exponent);
        } catch (IllegalArgumentException e) {
            throw new CalibrationFailedException("at position " + position + " steps: " + e.getMessage());
        }
        if (fit.linewidthHz() > high - low) {
            // A nearly flat sweep fits with a tiny Q: no resonance was resolved there.
            throw new CalibrationFailedException(String.format("at position %d steps the fitted linewidth %.4g Hz is"
                    + " wider than the final sweep (%.4g–%.4g Hz): no resonance resolved", position,
                    fit.linewidthHz(), low, high));
        }
        RingdownFit ringdown = null;
        if (settings.ringdown()) {
            drive.setFrequencyHz(fit.resonantFrequencyHz());
            settle(settleSeconds);
            drive.setOn(false);
            double[] decay = read((int) Math.ceil(settleSeconds * sampleRateHz));
            drive.setOn(true);
            for (int i = 0; i < decay.length; i++) {
                decay[i] -= offsetVolts;
            }
            ringdown = RingdownFit.fit(decay, decay.length, sampleRateHz, Math.max(noiseVolts, 1e-12));
        }
        return new SweptPosition(position, frequencies, powers, fit, ringdown,
                tunedValueAtNaturalFrequency(fit.resonantFrequencyHz()));
    }

    private double[] measureSweep(double[] frequencies, double settleSeconds) {
        double[] powers = new double[frequencies.length];
        for (int i = 0; i < frequencies.length; i++) {
            drive.setFrequencyHz(frequencies[i]);
            settle(settleSeconds);
            powers[i] = lockInPowerWatts(frequencies[i], settings.measurePeriods());
        }
        return powers;
    }

    /** Load power at {@code frequencyHz} from the lock-in amplitude over {@code periods} whole periods (W). */
    private double lockInPowerWatts(double frequencyHz, int periods) {
        int count = (int) Math.round(periods * sampleRateHz / frequencyHz);
        double[] volts = read(count);
        double cosine = 0;
        double sine = 0;
        double phaseStep = 2 * Math.PI * frequencyHz / sampleRateHz;
        for (int i = 0; i < count; i++) {
            if (Math.abs(volts[i]) >= settings.clipVolts()) {
                throw new CalibrationFailedException(String.format("at position %d steps and %.4g Hz the load voltage"
                        + " reads %.4g V, at the ADC's rail (±%.4g V): the readings clip; lower the drive amplitude"
                        + " (or raise sensor.fullScaleVolts) and calibrate again", actuator.positionSteps(),
                        frequencyHz, volts[i], settings.clipVolts()));
            }
            cosine += volts[i] * Math.cos(phaseStep * i);
            sine += volts[i] * Math.sin(phaseStep * i);
        }
        double amplitudeVolts = 2 * Math.hypot(cosine, sine) / count;
        return amplitudeVolts * amplitudeVolts / (2 * nominalRig.loadResistanceOhms());
    }

    private Result positionMapCalibration(Identity identity) {
        if (nominalRig.tunedParameterUnit().equals("kg")) {
            throw new IllegalArgumentException("a mass-tuned rig cannot be calibrated at a fixed drive (its force"
                    + " changes with the mass): calibrate it with a drive that can be swept");
        }
        double settleSeconds = settings.settleTimeConstants() * nominalTimeConstantSeconds;
        List<Integer> measuredPositions = new ArrayList<>();
        List<Double> measuredPowers = new ArrayList<>();
        double[] driveAndOffset = driveFrequencyAndOffset(settleSeconds);
        double driveHz = driveAndOffset[0];
        double offsetVolts = driveAndOffset[1];
        progress.accept(String.format("fixed drive at %.4f Hz (from zero crossings), offset %.6f V", driveHz,
                offsetVolts));
        for (int position : positions()) {
            measurePosition(position, settleSeconds, driveHz, measuredPositions, measuredPowers);
        }
        for (int zoom = 0; zoom < MAX_ZOOMS; zoom++) {
            int[] positions = sortedPositions(measuredPositions);
            double[] powers = powersAt(positions, measuredPositions, measuredPowers);
            int peak = PeakData.indexOfMax(powers);
            double[] x = Arrays.stream(positions).asDoubleStream().toArray();
            double[] halfPower = halfPowerPoints(x, powers, peak);
            int low = positions[Math.max(0, peak - 1)];
            int high = positions[Math.min(positions.length - 1, peak + 1)];
            if (halfPower != null && countInside(positions, halfPower[0], halfPower[1]) >= settings.zoomPoints() / 2) {
                break;
            }
            if (high - low <= 2) {
                break;
            }
            for (double p : evenlySpaced(low, high, settings.zoomPoints())) {
                int position = (int) Math.round(p);
                if (!measuredPositions.contains(position)) {
                    measurePosition(position, settleSeconds, driveHz, measuredPositions, measuredPowers);
                }
            }
        }
        int[] positions = sortedPositions(measuredPositions);
        double[] powers = powersAt(positions, measuredPositions, measuredPowers);
        double omega = 2 * Math.PI * driveHz;
        double inertia = nominalRig.inertia(1.0);
        double damping = nominalRig.totalDamping();
        boolean capacitance = nominalRig.tunedParameterUnit().equals("F");
        boolean valueRises = nominalMap.valueAt(actuator.maxPositionSteps()) > nominalMap.valueAt(actuator.minPositionSteps());
        PositionResonanceFit fit = fitAroundPeak(positions, powers, omega, inertia, damping, capacitance, valueRises);
        double[] tunedValues = new double[positions.length];
        List<CalibrationRow> rows = new ArrayList<>();
        // Reactance X = a·ω − K/ω rises with C (K = 1/C) and falls with k (K = k).
        for (int i = 0; i < positions.length; i++) {
            double detuning = Math.sqrt(Math.max(0.0, fit.peakPowerWatts() / powers[i] - 1.0));
            double side = Math.signum(positions[i] - fit.resonantPositionSteps()) * (valueRises == capacitance ? 1 : -1);
            double reactance = side * damping * detuning;
            double springConstant = omega * (inertia * omega - reactance);
            tunedValues[i] = springConstant > 0 && powers[i] > 0
                    ? (capacitance ? 1.0 / springConstant : springConstant) : Double.NaN;
            if (Double.isFinite(tunedValues[i])) {
                rows.add(new CalibrationRow(positions[i], tunedValues[i],
                        SteadyState.naturalFrequencyHz(nominalRig, tunedValues[i]),
                        SteadyState.loadedQuality(nominalRig, tunedValues[i]), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty()));
            }
        }
        progress.accept(String.format("power against position: %d positions, peak %.6g W at %.1f steps, fit residual"
                + " %.2e", positions.length, fit.peakPowerWatts(), fit.resonantPositionSteps(), fit.residualRmsFraction()));
        String comment = String.format("%s: fixed drive at %.6g Hz, power against position at %d positions,"
                + " peak from the rig model fitted in position (residual %.3g of the peak); tunedValue from"
                + " P/P* = 1/(1 + (X/b)^2), X = a·ω − K/ω, with the config's a = %.6g and b = %.6g; f0 and Q from"
                + " the same model; ADC offset = mean over whole periods, gain error as the config applied it",
                identity.origin(), driveHz, positions.length, fit.residualRmsFraction(), inertia, damping);
        return new Result(offsetVolts, Double.NaN, file(identity, offsetVolts, comment, rows), List.of(),
                new PositionMap(driveHz, positions, powers, fit, tunedValues), samplesRead / sampleRateHz);
    }

    private void measurePosition(int position, double settleSeconds, double driveHz, List<Integer> positions,
            List<Double> powers) {
        moveTo(position);
        settle(settleSeconds);
        positions.add(position);
        powers.add(lockInPowerWatts(driveHz, POSITION_MAP_PERIODS_FACTOR * settings.measurePeriods()));
    }

    /** {drive frequency (Hz), offset (V)} from interpolated upward crossings of a block at the start position. */
    private double[] driveFrequencyAndOffset(double settleSeconds) {
        settle(settleSeconds);
        double[] volts = read((int) Math.ceil(settings.offsetSeconds() * sampleRateHz));
        double mean = meanAndDeviation(volts)[0];
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        int firstIndex = -1;
        int lastIndex = -1;
        for (int i = 1; i < volts.length; i++) {
            if (volts[i - 1] < mean && volts[i] >= mean) {
                double at = i - 1 + (mean - volts[i - 1]) / (volts[i] - volts[i - 1]);
                if (crossings == 0) {
                    first = at;
                    firstIndex = i;
                }
                last = at;
                lastIndex = i;
                crossings++;
            }
        }
        if (crossings < 3) {
            throw new CalibrationFailedException("the fixed drive shows " + crossings + " upward zero crossings in "
                    + settings.offsetSeconds() + " s: no drive signal to calibrate against (is the drive on?)");
        }
        double driveHz = (crossings - 1) * sampleRateHz / (last - first);
        // Mean over whole periods: the load signal is AC, so what remains is the offset.
        double offset = meanAndDeviation(Arrays.copyOfRange(volts, firstIndex, lastIndex))[0];
        return new double[] {driveHz, offset};
    }

    private PositionResonanceFit fitAroundPeak(int[] positions, double[] powers, double omega, double inertia,
            double damping, boolean capacitance, boolean valueRises) {
        int peak = PeakData.indexOfMax(powers);
        double floor = POSITION_FIT_FLOOR_FRACTION * powers[peak];
        int first = peak;
        while (first > 0 && powers[first - 1] >= floor) {
            first--;
        }
        int last = peak;
        while (last < positions.length - 1 && powers[last + 1] >= floor) {
            last++;
        }
        double[] x = new double[last - first + 1];
        double[] y = new double[x.length];
        for (int i = first; i <= last; i++) {
            x[i - first] = positions[i];
            y[i - first] = powers[i];
        }
        return PositionResonanceFit.fit(x, y, omega, inertia, damping, capacitance, valueRises);
    }

    private CalibrationFile file(Identity identity, double measuredOffsetVolts, String comment,
            List<CalibrationRow> rows) {
        AdcCalibration applied = identity.appliedCorrection();
        // Readings were corrected as (nominal − o)/(1 + g): an offset measured on them is nominal-referred
        // after scaling back by (1 + g), and adds to the offset already applied.
        double offsetVolts = applied.offsetVolts() + measuredOffsetVolts * (1 + applied.gainErrorFraction());
        return new CalibrationFile(identity.target(), identity.rigId(), identity.rigKind(), identity.date(), comment,
                List.of(new AdcChannel(0, offsetVolts, applied.gainErrorFraction())), nominalRig.loadResistanceOhms(),
                identity.tunedParameter(), CalibrationFile.TUNED_UNITS.get(identity.tunedParameter()), rows);
    }

    /** How tunedValue follows from f0, with the config's fixed element, for the file's comment. */
    private String fixedElement() {
        return switch (nominalRig.tunedParameterUnit()) {
            case "F" -> String.format("C = 1/((2π·f0)²·L) with the config's L = %.6g H", nominalRig.inertia(1.0));
            case "N/m" -> String.format("k = m·(2π·f0)² with the config's m = %.6g kg", nominalRig.inertia(1.0));
            default -> String.format("m = k/(2π·f0)² with the config's k = %.6g N/m", nominalRig.stiffness(1.0));
        };
    }

    /** The tuned value whose natural frequency is {@code frequencyHz}, for the nominal fixed element. */
    double tunedValueAtNaturalFrequency(double frequencyHz) {
        double omegaSquared = Math.pow(2 * Math.PI * frequencyHz, 2);
        return switch (nominalRig.tunedParameterUnit()) {
            case "F" -> 1.0 / (omegaSquared * nominalRig.inertia(1.0));
            case "N/m" -> omegaSquared * nominalRig.inertia(1.0);
            case "kg" -> nominalRig.stiffness(1.0) / omegaSquared;
            default -> throw new IllegalArgumentException("tuned unit " + nominalRig.tunedParameterUnit());
        };
    }

    private int[] positions() {
        int min = actuator.minPositionSteps();
        int max = actuator.maxPositionSteps();
        int[] positions = new int[settings.positions()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (int) Math.round(min + (double) (max - min) * i / (positions.length - 1));
        }
        return Arrays.stream(positions).distinct().toArray();
    }

    private double coarseSettleSeconds() {
        return settings.coarseSettleTimeConstants() * nominalTimeConstantSeconds;
    }

    private void settle(double seconds) {
        long remaining = (long) Math.ceil(seconds * sampleRateHz);
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, 65_536);
            read(chunk);
            remaining -= chunk;
        }
    }

    /** Reads exactly {@code count} samples. */
    /**
     * The next {@code count} contiguous samples: when the source skips samples (a gap on a serial
     * link) the samples before the gap are dropped and the count starts again after it, so that no
     * measurement joins two sides of a gap.
     */
    private double[] read(int count) {
        double[] volts = new double[count];
        int filled = 0;
        long deadline = wallNanos.getAsLong() + READ_DEADLINE_NANOS;
        long skippedBefore = source.samplesSkipped();
        int restarts = 0;
        while (filled < count) {
            int got = source.read(volts, filled, count - filled);
            if (got < 0) {
                throw new CalibrationFailedException("the sample source closed during the calibration");
            }
            if (got > 0) {
                deadline = wallNanos.getAsLong() + READ_DEADLINE_NANOS;
                long skipped = source.samplesSkipped();
                if (skipped != skippedBefore) {
                    if (++restarts > MAX_GAPS_PER_MEASUREMENT) {
                        throw new CalibrationFailedException("the front end lost samples " + restarts
                                + " times during one measurement of " + count + " samples: the link is too lossy");
                    }
                    samplesRead += filled + (skipped - skippedBefore);
                    skippedBefore = skipped;
                    System.arraycopy(volts, filled, volts, 0, got);
                    filled = 0;
                }
            } else if (wallNanos.getAsLong() > deadline) {
                throw new CalibrationFailedException("no samples for " + READ_DEADLINE_NANOS / 1_000_000_000
                        + " s: the front end stopped sending during the calibration");
            }
            filled += got;
        }
        samplesRead += count;
        return volts;
    }

    private static double[] meanAndDeviation(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            double deviation = v - mean;
            squares += deviation * deviation;
        }
        return new double[] {mean, Math.sqrt(squares / values.length)};
    }

    /** {@code count} values evenly spaced from {@code from} to {@code to}, both included. */
    public static double[] evenlySpaced(double from, double to, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = from + (to - from) * i / (count - 1);
        }
        return values;
    }

    private static int[] sortedPositions(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static double[] powersAt(int[] sorted, List<Integer> positions, List<Double> powers) {
        double[] result = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            result[i] = powers.get(positions.indexOf(sorted[i]));
        }
        return result;
    }

    private static int countInside(int[] positions, double low, double high) {
        int count = 0;
        for (int p : positions) {
            if (p >= low && p <= high) {
                count++;
            }
        }
        return count;
    }
}
