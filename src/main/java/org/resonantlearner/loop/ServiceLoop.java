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
 * <p><b>Gaps.</b> The loop counts stream time in stream samples, gaps included: when the source
 * reports samples it skipped ({@link SampleSource#samplesSkipped}: dropped frames, an outage) the
 * meter restarts at the sample after the gap, so no window ever spans one, and the first window after
 * it says how many samples were missing ({@link PowerWindow#samplesLostBefore}).
 *
 * <p><b>When a move takes effect.</b> After a move the loop asks the actuator for the stream index
 * of the first sample taken at the new position ({@link TuningActuator#lastMoveEffectiveSampleIndex};
 * a serial front-end samples ahead of the host and names it in its ACK); an actuator that cannot tell
 * is taken to act from the sample after the block that closed the window. A window that starts before
 * that sample still holds samples of the old position: it is booked in the ledger and shown to the
 * listener but never to the tuner, and every window carries the instant
 * ({@link PowerWindow#tuningSinceSeconds}) so the tuner's settle time counts from it. A window that
 * ended before that instant is recorded at the position before the move, where its samples were taken.
 *
 * <p><b>Watchdog.</b> When no sample has arrived for longer than the watchdog timeout (on the
 * injected clock), the loop declares a stall: it is logged and counted, the tuner is not asked
 * anything and the actuator holds. When samples come back the run continues; windows that started
 * before the samples came back (they join the two sides of the gap) are still booked in the ledger
 * but not shown to the tuner.
 */
public final class ServiceLoop {
    private final SampleSource source;
    private final TuningActuator portActuator;
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
    private long samplesSkipped;
    private long gaps;
    private long samplesLostSinceLastWindow;
    private double tuningSinceSeconds = Double.NEGATIVE_INFINITY;
    private int positionBeforeLastMoveSteps;
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
        this.portActuator = actuator;
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
        long endIndex = streamIndex() + sampleBudget;
        while (!stopRequested && streamIndex() < endIndex) {
            int wanted = (int) Math.min(block.length, endIndex - streamIndex());
            int got = source.read(block, 0, wanted);
            if (got < 0) {
                endOfStream = true;
                return;
            }
            if (got > 0) {
                noteGap();
            }
            watch(got);
            long blockStartIndex = streamIndex();
            int consumed = 0;
            while (consumed < got) {
                consumed += meter.update(block, consumed, got - consumed);
                if (meter.windowComplete()) {
                    onWindow(blockStartIndex + consumed, blockStartIndex + got);
                }
            }
            samplesRead += got;
        }
    }

    /** A gap before the block just read: the meter starts over at the sample after it. */
    private void noteGap() {
        long skipped = source.samplesSkipped();
        if (skipped != samplesSkipped) {
            samplesLostSinceLastWindow += skipped - samplesSkipped;
            samplesSkipped = skipped;
            gaps++;
            meter.restartAt(samplesRead + skipped);
        }
    }

    /** Stream index of the next sample: samples read plus the samples the source skipped. */
    private long streamIndex() {
        return samplesRead + samplesSkipped;
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

    private void onWindow(long windowEndSampleIndex, long nextSampleIndex) {
        windows++;
        PowerWindow window = meter.window();
        int currentSteps = actuator.positionSteps();
        // The position its samples were taken at: a window over before the last move took effect
        // belongs to the position before it.
        window.positionSteps = window.endTimeSeconds <= tuningSinceSeconds ? positionBeforeLastMoveSteps : currentSteps;
        window.samplesLostBefore = samplesLostSinceLastWindow;
        samplesLostSinceLastWindow = 0;
        window.tuningSinceSeconds = tuningSinceSeconds;
        ledger.recordWindow(window);
        if (window.startTimeSeconds < resumedAtSeconds || window.startTimeSeconds < tuningSinceSeconds) {
            // It spans a stall (its samples on both sides do not belong together), or it holds samples
            // taken before the current position took effect: the tuner must not judge it.
            listener.onWindow(window, windowEndSampleIndex, this);
            return;
        }
        // The clock, not the window's stream time: the move happens now, after the block that closed it.
        int targetSteps = actuator.moveToward(tuner.decide(window));
        if (targetSteps != currentSteps) {
            ledger.recordMove(currentSteps, targetSteps);
            long effectiveIndex = portActuator.lastMoveEffectiveSampleIndex();
            if (effectiveIndex == TuningActuator.EFFECTIVE_FROM_NEXT_SAMPLE) {
                effectiveIndex = nextSampleIndex;
            }
            tuningSinceSeconds = effectiveIndex / sampleRateHz;
            positionBeforeLastMoveSteps = currentSteps;
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

    /** Stream samples so far, gaps included: what a run's duration counts. */
    public long streamSamples() {
        return streamIndex();
    }

    /** Stream samples the source skipped so far (gaps: dropped frames, outages). */
    public long samplesSkipped() {
        return samplesSkipped;
    }

    /** Gaps in the stream so far: each restarted the meter. */
    public long gaps() {
        return gaps;
    }

    /** Stream time so far, gaps included (s). */
    public double elapsedSeconds() {
        return streamIndex() / sampleRateHz;
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
