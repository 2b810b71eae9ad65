package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.SampleSource;

/**
 * Base of the software-paced ADC sources: sample {@code n} is taken at
 * {@code start + round(n · 1e9 / sampleRateHz)} ns on the injected clock, where {@code start} is the
 * clock reading at the first {@link #read}.
 *
 * <p>The deadline is absolute, so bus time never accumulates as drift. A sample due more than one
 * sample period ago means its slot and the next have passed (the control thread was busy: a
 * stepper move blocks it for as long as its pulses take): those samples are lost. They are never
 * stitched over: the read ends before the gap, and the next one resumes at the first slot still
 * ahead and counts the lost slots in {@link #samplesSkipped} (the service loop restarts its meter
 * there). A converter-paced source (the ADS1115 with its ALERT/RDY pin) skips the timer and reports
 * the conversions it missed through {@link #conversionsLost}, with the same effect. When the reading
 * thread is interrupted, {@code read} returns −1 with the interrupt flag still set.
 */
abstract class PacedSampleSource implements SampleSource {
    private final Clock clock;
    private final SampleTimer timer;
    private final AdcFrontEnd frontEnd;
    private final double sampleRateHz;
    private final double periodNanos;
    private final long maxLatenessNanos;
    private final boolean softwarePaced;
    private boolean started;
    private boolean closed;
    private long startNanos;
    private long sampleIndex;
    private long samplesSkipped;
    // Converter-paced: conversions missed before the sample in hand, and that sample when a read
    // ended at the gap it follows.
    private long conversionsLostBeforeHeld;
    private boolean holdingSample;
    private double heldInputVolts;

    /** A source paced by {@code timer} on {@code clock}. */
    PacedSampleSource(double sampleRateHz, AdcFrontEnd frontEnd, Clock clock, SampleTimer timer) {
        this.sampleRateHz = Check.positive("sampleRateHz", sampleRateHz, "Hz");
        this.frontEnd = Check.present("frontEnd", frontEnd);
        this.clock = Check.present("clock", clock);
        this.timer = Check.present("timer", timer);
        this.periodNanos = 1e9 / sampleRateHz;
        this.maxLatenessNanos = (long) Math.ceil(periodNanos);
        this.softwarePaced = true;
    }

    /**
     * A source paced by the converter itself ({@link #convertInputVolts} blocks until the next
     * conversion is ready and reports lost conversions); {@code sampleRateHz} is nominal.
     */
    PacedSampleSource(double sampleRateHz, AdcFrontEnd frontEnd) {
        this.sampleRateHz = Check.positive("sampleRateHz", sampleRateHz, "Hz");
        this.frontEnd = Check.present("frontEnd", frontEnd);
        this.clock = null;
        this.timer = null;
        // No deadlines here: the converter paces the stream and reports its own lost conversions.
        this.periodNanos = 0.0;
        this.maxLatenessNanos = 0L;
        this.softwarePaced = false;
    }

    @Override
    public final double sampleRateHz() {
        return sampleRateHz;
    }

    /** The analog front end: bias, divider, load resistance and calibration of the channel. */
    public final AdcFrontEnd frontEnd() {
        return frontEnd;
    }

    /** The load resistance (Ω) the samples are measured across; current = volts / ohms. */
    public final double loadResistanceOhms() {
        return frontEnd.loadResistanceOhms();
    }

    /** Index of the next sample to be read (0 before the first read), lost slots included. */
    public final long sampleIndex() {
        return sampleIndex;
    }

    @Override
    public final long samplesSkipped() {
        return samplesSkipped;
    }

    /**
     * Called by a converter-paced {@link #convertInputVolts} before it returns a sample: {@code count}
     * conversions were missed before it (more than one ready pulse since the last read).
     */
    final void conversionsLost(long count) {
        conversionsLostBeforeHeld += count;
    }

    @Override
    public final int read(double[] loadVolts, int offset, int count) {
        if (offset < 0 || count < 0 || offset > loadVolts.length - count) {
            throw new IndexOutOfBoundsException("offset " + offset + ", count " + count + ", length "
                    + loadVolts.length);
        }
        if (closed) {
            return -1;
        }
        if (!started) {
            startStream();
            startNanos = softwarePaced ? clock.nanoTime() : 0L;
            started = true;
        }
        if (!softwarePaced) {
            for (int i = 0; i < count; i++) {
                double inputVolts = holdingSample ? heldInputVolts : convertInputVolts();
                holdingSample = false;
                if (Thread.currentThread().isInterrupted()) {
                    return -1;
                }
                if (conversionsLostBeforeHeld > 0) {
                    if (i > 0) {
                        // The gap comes before this sample: keep it for the next read.
                        heldInputVolts = inputVolts;
                        holdingSample = true;
                        return i;
                    }
                    samplesSkipped += conversionsLostBeforeHeld;
                    sampleIndex += conversionsLostBeforeHeld;
                    conversionsLostBeforeHeld = 0;
                }
                loadVolts[offset + i] = frontEnd.loadVolts(inputVolts);
                sampleIndex++;
            }
            return count;
        }
        for (int i = 0; i < count; i++) {
            long deadlineNanos = deadlineNanos(sampleIndex);
            timer.awaitNanos(deadlineNanos);
            if (Thread.currentThread().isInterrupted()) {
                return -1;
            }
            long nowNanos = clock.nanoTime();
            if (nowNanos - deadlineNanos > maxLatenessNanos) {
                if (i > 0) {
                    return i; // the gap starts here: never joined to the samples before it
                }
                long resume = (long) Math.ceil((nowNanos - startNanos) / periodNanos);
                samplesSkipped += resume - sampleIndex;
                sampleIndex = resume;
                timer.awaitNanos(deadlineNanos(resume));
                if (Thread.currentThread().isInterrupted()) {
                    return -1;
                }
            }
            loadVolts[offset + i] = frontEnd.loadVolts(convertInputVolts());
            sampleIndex++;
        }
        return count;
    }

    private long deadlineNanos(long index) {
        return startNanos + Math.round(index * periodNanos);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            stopStream();
        }
    }

    /** Called once before the first conversion (configure the converter). */
    abstract void startStream();

    /**
     * Converts one sample and returns the voltage at the ADC input (V). A converter-paced source
     * blocks here; when interrupted it returns anything with the interrupt flag set.
     */
    abstract double convertInputVolts();

    /** Called once on close (leave the converter idle); the Pi4J I/O object stays the caller's. */
    abstract void stopStream();
}
