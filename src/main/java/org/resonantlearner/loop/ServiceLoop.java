package org.resonantlearner.loop;

import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.control.Tuner;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;
import org.tinylog.Logger;

/**
 * The single control thread of the service:
 *
 * <pre>
 *   SampleSource.read(block) → PowerMeter.update → (window complete?) Tuner.decide
 *     → LimitedActuator.moveToward (SafetyLimits.clamp → TuningActuator.moveTo) → listener
 * </pre>
 *
 * The actuator moves only through its {@link LimitedActuator}, made with the loop: the step rate is
 * measured on the loop's clock from that moment, so the tuner's first move is limited like the rest.
 *
 * Allocation-free once constructed: one preallocated sample block, the meter's reused window, and
 * primitive counters. It is not tied to the simulation; the simulated rig is just one pair of ports.
 *
 * <p><b>Watchdog.</b> When no sample has arrived for longer than the watchdog timeout (on the
 * injected clock), the loop declares a stall: it is logged and counted, the tuner is not asked
 * anything and the actuator holds. When samples come back the run continues; windows that started
 * before the samples came back (they join the two sides of the gap) are still booked in the ledger
 * but not shown to the tuner.
 */
public final class ServiceLoop {
    private final SampleSource source;
    private final LimitedActuator actuator;
    private final PowerMeter meter;
    private final Tuner tuner;
    private final EnergyLedger ledger;
    private final WindowListener listener;
    private final double[] block;
    private final double sampleRateHz;
    private final Clock clock;
    private final long watchdogTimeoutNanos;

    private long samplesRead;
    private long windows;
    private boolean started;
    private boolean endOfStream;
    private long lastSampleNanos;
    private boolean stalled;
    private long stalls;
    private long stalledNanos;
    private long stallStartNanos;
    private double resumedAtSeconds = Double.NEGATIVE_INFINITY;
    private volatile boolean stopRequested;

    /**
     * Wires one loop.
     *
     * @param blockSamples samples read per call to the source; keep the block short against the
     *     resonator's time constant, since a move takes effect at the next block
     * @param limits the limits every move passes, with the step rate measured on {@code clock} from now
     * @param clock the clock the watchdog measures stalls and the limits the step rate on (wall clock on
     *     hardware, virtual on the simulated rig)
     * @param watchdogTimeoutSeconds how long without samples counts as a stall (s)
     */
    public ServiceLoop(SampleSource source, TuningActuator actuator, PowerMeter meter, Tuner tuner,
            SafetyLimits limits, EnergyLedger ledger, WindowListener listener,
            int blockSamples, Clock clock, double watchdogTimeoutSeconds) {
        if (blockSamples < 1) {
            throw new IllegalArgumentException("blockSamples = " + blockSamples + " must be >= 1");
        }
        this.clock = clock;
        this.watchdogTimeoutNanos = Math.round(
                org.resonantlearner.check.Check.positive("watchdogTimeoutSeconds", watchdogTimeoutSeconds, "s") * 1e9);
        this.source = source;
        this.actuator = new LimitedActuator(actuator, limits, clock);
        this.meter = meter;
        this.tuner = tuner;
        this.ledger = ledger;
        this.listener = listener;
        this.block = new double[blockSamples];
        this.sampleRateHz = source.sampleRateHz();
    }

    /**
     * Runs until {@code sampleBudget} more samples have been processed, the source ends, or
     * {@link #requestStop()} is called. May be called repeatedly to continue the same run.
     */
    public void run(long sampleBudget) {
        if (!started) {
            tuner.start(actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.positionSteps(), 0.0);
            started = true;
            lastSampleNanos = clock.nanoTime();
        }
        long endSample = samplesRead + sampleBudget;
        while (!stopRequested && samplesRead < endSample) {
            int wanted = (int) Math.min(block.length, endSample - samplesRead);
            int got = source.read(block, 0, wanted);
            if (got < 0) {
                endOfStream = true;
                return;
            }
            watch(got);
            int consumed = 0;
            while (consumed < got) {
                consumed += meter.update(block, consumed, got - consumed);
                if (meter.windowComplete()) {
                    onWindow(samplesRead + consumed);
                }
            }
            samplesRead += got;
        }
    }

    /** The watchdog: a stall starts when no sample came for the timeout, and ends with the next sample. */
    private void watch(int samplesGot) {
        long nowNanos = clock.nanoTime();
        if (samplesGot == 0) {
            long silentNanos = nowNanos - lastSampleNanos;
            if (!stalled && silentNanos > watchdogTimeoutNanos) {
                stalled = true;
                stalls++;
                stallStartNanos = lastSampleNanos;
                Logger.warn("watchdog: no samples for {} s after stream time {} s; tuner paused, actuator holds",
                        seconds(silentNanos), elapsedSeconds());
            }
            return;
        }
        if (stalled) {
            long gapNanos = nowNanos - stallStartNanos;
            stalled = false;
            stalledNanos += gapNanos;
            resumedAtSeconds = elapsedSeconds();
            Logger.warn("watchdog: samples are back after {} s without; the run continues at stream time {} s",
                    seconds(gapNanos), resumedAtSeconds);
        }
        lastSampleNanos = nowNanos;
    }

    private void onWindow(long windowEndSampleIndex) {
        windows++;
        PowerWindow window = meter.window();
        int currentSteps = actuator.positionSteps();
        window.positionSteps = currentSteps;
        ledger.recordWindow(window);
        if (window.startTimeSeconds < resumedAtSeconds) {
            // The window spans a stall: its samples on both sides of the gap do not belong together.
            listener.onWindow(window, windowEndSampleIndex, this);
            return;
        }
        // The clock, not the window's stream time: the move happens now, after the block that closed it.
        int targetSteps = actuator.moveToward(tuner.decide(window));
        if (targetSteps != currentSteps) {
            ledger.recordMove(currentSteps, targetSteps);
        }
        listener.onWindow(window, windowEndSampleIndex, this);
    }

    /** Asks the loop to return after the current block; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Stalls the watchdog declared so far. */
    public long watchdogStalls() {
        return stalls;
    }

    /** Total time of the stalls that ended so far, on the watchdog's clock (s). */
    public double stalledSeconds() {
        return seconds(stalledNanos);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** True while a stall is going on. */
    public boolean stalled() {
        return stalled;
    }

    /** True once {@link #requestStop()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** True once the source reported the end of its stream. */
    public boolean endOfStream() {
        return endOfStream;
    }

    /** Samples processed so far. */
    public long samplesRead() {
        return samplesRead;
    }

    /** Stream time processed so far (s). */
    public double elapsedSeconds() {
        return samplesRead / sampleRateHz;
    }

    /** Windows completed so far. */
    public long windows() {
        return windows;
    }

    /** The energy ledger of this run. */
    public EnergyLedger ledger() {
        return ledger;
    }

    /** The safety limits, for their rejection counters. */
    public SafetyLimits limits() {
        return actuator.limits();
    }

    /** The actuator (for its position; it moves only through the loop's limits). */
    public TuningActuator actuator() {
        return actuator.actuator();
    }

    /** The tuner's name. */
    public String tunerName() {
        return tuner.name();
    }
}
