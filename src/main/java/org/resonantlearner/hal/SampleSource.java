package org.resonantlearner.hal;

/**
 * Port: a stream of load-voltage samples at a fixed sample rate.
 *
 * <p>Adapters convert ADC codes to volts across the load (through their calibration) before the
 * samples reach the caller. Sample {@code n} of the stream was taken at {@code n / sampleRateHz()}
 * seconds after the first; the stream has no gaps (an adapter that loses samples reports it as an
 * error, it does not silently stitch).
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

    /** Releases the hardware; no sample is read after this. */
    @Override
    void close();
}
