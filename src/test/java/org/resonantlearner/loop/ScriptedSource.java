package org.resonantlearner.loop;

import java.util.function.LongToDoubleFunction;
import org.resonantlearner.hal.SampleSource;

/**
 * A sample source for loop tests: sample {@code n} is {@code voltsAt(n)}; every read advances the
 * manual clock by the stream time it delivered, as a real ADC would take that long. It can go silent
 * for a scripted number of reads (each waits its 100 ms read timeout on the clock and returns 0) and
 * end its stream after a given number of samples (then every read returns -1). Scripted gaps are
 * skipped as a lossy link does: a read stops before one, and the next read starts after it.
 */
final class ScriptedSource implements SampleSource {
    /** How long a silent read waits before it gives up (ns). */
    static final long READ_TIMEOUT_NANOS = 100_000_000L;

    private final ManualClock clock;
    private final double sampleRateHz;
    private final LongToDoubleFunction voltsAt;
    private long sampleIndex;
    /** Reads still to come that time out with no sample. */
    int silentReadsLeft;
    /** Samples still to come before the stream ends. */
    long samplesLeft = Long.MAX_VALUE;
    /** Runs during every silent read, to look at the loop while it waits. */
    Runnable duringSilence = () -> { };
    /** The largest count any read asked for. */
    int largestRequest;
    /** Gaps still to come: stream index of the first missing sample → samples missing. */
    final java.util.TreeMap<Long, Long> gaps = new java.util.TreeMap<>();
    private long samplesSkipped;

    ScriptedSource(ManualClock clock, double sampleRateHz, LongToDoubleFunction voltsAt) {
        this.clock = clock;
        this.sampleRateHz = sampleRateHz;
        this.voltsAt = voltsAt;
    }

    /** A sine of {@code amplitudeVolts} at {@code frequencyHz}, starting at phase {@code phaseRad}. */
    static ScriptedSource sine(ManualClock clock, double sampleRateHz, double amplitudeVolts, double frequencyHz,
            double phaseRad) {
        return new ScriptedSource(clock, sampleRateHz,
                n -> amplitudeVolts * Math.sin(2 * Math.PI * frequencyHz * n / sampleRateHz + phaseRad));
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int read(double[] loadVolts, int offset, int count) {
        largestRequest = Math.max(largestRequest, count);
        if (silentReadsLeft > 0) {
            silentReadsLeft--;
            clock.nanos += READ_TIMEOUT_NANOS;
            duringSilence.run();
            return 0;
        }
        if (samplesLeft == 0) {
            return -1;
        }
        Long missing = gaps.remove(sampleIndex);
        if (missing != null) {
            sampleIndex += missing;
            samplesSkipped += missing;
        }
        long untilGap = gaps.isEmpty() ? Long.MAX_VALUE : gaps.firstKey() - sampleIndex;
        int delivered = (int) Math.min(Math.min(count, samplesLeft), untilGap);
        for (int i = 0; i < delivered; i++) {
            loadVolts[offset + i] = voltsAt.applyAsDouble(sampleIndex++);
        }
        samplesLeft -= delivered;
        clock.nanos += Math.round(delivered / sampleRateHz * 1e9);
        return delivered;
    }

    /** Stream index of the next sample a read returns (a gap due here still to be skipped). */
    long nextSampleIndex() {
        return sampleIndex;
    }

    @Override
    public long samplesSkipped() {
        return samplesSkipped;
    }

    @Override
    public void close() {
    }
}
