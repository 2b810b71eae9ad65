package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A drifting drive frequency: every stepIntervalSeconds the frequency takes a Gaussian step of
 * standard deviation stepStdHz, reflected at the walls minHz and maxHz, and holds until the next
 * knot. Knot j (time j·interval) is a pure function of (seed, j): the n-th increment is the n-th
 * value of a counter-based stream, never of a stateful generator.
 *
 * <p>Knot j depends on all the knots before it, so the walk keeps two cursors (last knot index and
 * value) and extends the nearer one forward: queries that move forward in time, even from two
 * interleaved consumers (a simulator and an oracle), cost O(1) amortised and allocate nothing; a
 * query before both cursors replays from the start. The cursors only cache: the answer for an
 * instant is the same whatever was asked before. Not thread-safe (one instance per thread).
 */
public final class FrequencyRandomWalk implements FrequencyProfile {
    private final double startHz;
    private final double minHz;
    private final double maxHz;
    private final double stepStdHz;
    private final double stepIntervalSeconds;
    private final long seed;
    private final long streamKey;

    // Two cursors: knot index and its frequency. Invariant: value == knot value at that index.
    private long leadIndex;
    private double leadHz;
    private long lagIndex;
    private double lagHz;

    /**
     * Creates the walk.
     *
     * @param startHz frequency of knot 0, from time 0 (Hz), in [minHz, maxHz]
     * @param minHz lower reflecting wall (Hz), &gt; 0
     * @param maxHz upper reflecting wall (Hz), &gt; minHz
     * @param stepStdHz standard deviation of each step (Hz), &ge; 0
     * @param stepIntervalSeconds time between knots (s), &gt; 0
     * @param seed selects the sequence of steps
     */
    public FrequencyRandomWalk(double startHz, double minHz, double maxHz, double stepStdHz,
            double stepIntervalSeconds, long seed) {
        this.minHz = Check.positive("minHz", minHz, "Hz");
        this.maxHz = Check.finite("maxHz", maxHz, "Hz");
        Check.ordered("minHz", minHz, "maxHz", maxHz, "Hz");
        this.startHz = Check.inRange("startHz", startHz, "Hz", minHz, maxHz);
        this.stepStdHz = Check.nonNegative("stepStdHz", stepStdHz, "Hz");
        this.stepIntervalSeconds = Check.positive("stepIntervalSeconds", stepIntervalSeconds, "s");
        this.seed = seed;
        this.streamKey = CounterRandom.streamKey(seed);
        leadHz = startHz;
        lagHz = startHz;
    }

    /** Returns "frequency-random-walk". */
    @Override
    public String kind() {
        return "frequency-random-walk";
    }

    /** Frequency of knot 0 (Hz). */
    public double startHz() {
        return startHz;
    }

    /** Lower wall (Hz). */
    public double minHz() {
        return minHz;
    }

    /** Upper wall (Hz). */
    public double maxHz() {
        return maxHz;
    }

    /** Standard deviation of each step (Hz). */
    public double stepStdHz() {
        return stepStdHz;
    }

    /** Time between knots (s). */
    public double stepIntervalSeconds() {
        return stepIntervalSeconds;
    }

    /** The seed of the step sequence. */
    public long seed() {
        return seed;
    }

    /** The frequency (Hz) of the last knot at or before {@code timeSeconds}; startHz before time 0. */
    @Override
    public double frequencyHz(double timeSeconds) {
        long knot = timeSeconds > 0 ? (long) Math.floor(timeSeconds / stepIntervalSeconds) : 0L;
        if (knot == leadIndex) {
            return leadHz;
        }
        if (knot == lagIndex) {
            return lagHz;
        }
        boolean leadUsable = leadIndex <= knot;
        boolean lagUsable = lagIndex <= knot;
        if (leadUsable && (!lagUsable || leadIndex >= lagIndex)) {
            leadHz = walk(leadIndex, leadHz, knot);
            leadIndex = knot;
            return leadHz;
        }
        if (lagUsable) {
            lagHz = walk(lagIndex, lagHz, knot);
            lagIndex = knot;
            return lagHz;
        }
        // Before both cursors: replay from knot 0 on the cursor further behind, keep the other.
        double hz = walk(0, startHz, knot);
        if (leadIndex < lagIndex) {
            leadIndex = knot;
            leadHz = hz;
        } else {
            lagIndex = knot;
            lagHz = hz;
        }
        return hz;
    }

    private double walk(long fromKnot, double fromHz, long toKnot) {
        double hz = fromHz;
        for (long knot = fromKnot + 1; knot <= toKnot; knot++) {
            hz = reflect(hz + stepStdHz * CounterRandom.gaussian(streamKey, knot));
        }
        return hz;
    }

    /** Folds a frequency back into [minHz, maxHz] as a ball bouncing between the walls. */
    private double reflect(double hz) {
        if (hz >= minHz && hz <= maxHz) {
            return hz;
        }
        double width = maxHz - minHz;
        double offset = (hz - minHz) % (2 * width);
        if (offset < 0) {
            offset += 2 * width;
        }
        return minHz + (offset > width ? 2 * width - offset : offset);
    }

    /** No events: each knot is a small step, part of the drift rather than an abrupt change. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }

    @Override
    public String toString() {
        return "FrequencyRandomWalk[startHz=" + startHz + ", minHz=" + minHz + ", maxHz=" + maxHz
                + ", stepStdHz=" + stepStdHz + ", stepIntervalSeconds=" + stepIntervalSeconds + ", seed=" + seed + "]";
    }
}
