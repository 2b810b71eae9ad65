package org.resonantlearner.hal;

/**
 * Port: a stream of load-voltage samples at a fixed sample rate.
 *
 * <p>Adapters convert ADC codes to volts across the load (through their calibration) before the
 * samples reach the caller. Sample {@code n} of the stream was taken at {@code n / sampleRateHz()}
 * seconds after the first.
 *
 * <p><b>Gaps.</b> An adapter that can lose samples (a serial link drops a damaged frame, a device is
 * unplugged) never stitches the two sides of a gap together: one {@link #read} returns samples from one
 * side only, and {@link #samplesSkipped} says how many stream samples were missing before the first
 * sample it returned. So the k-th sample returned since the source opened is stream sample
 * {@code k + samplesSkipped()} (as read right after the call that returned it), taken at that index
 * divided by {@link #sampleRateHz}. Sources without gaps keep the default, 0.
 */
public interface SampleSource extends AutoCloseable {

    /** Samples per second of the stream. */
    double sampleRateHz();

    /**
     * Fills {@code loadVolts[offset .. offset + count)} with the next samples, blocking until they
     * are there or until the adapter's own read timeout passes (so that the caller's watchdog can
     * see a stalled device).
     *
     * @return the number of samples written: {@code count}, or fewer (possibly 0) when the timeout
     *     passed first; -1 when the stream has ended
     */
    int read(double[] loadVolts, int offset, int count);

    /**
     * Stream samples that never reached {@link #read}, up to the first sample of the last call that
     * returned any (dropped or damaged frames, outages, overruns); never decreases.
     */
    default long samplesSkipped() {
        return 0;
    }

    /** Releases the hardware; no sample is read after this. */
    @Override
    void close();
}
