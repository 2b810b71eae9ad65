package org.resonantlearner.rig;

import java.util.Arrays;
import java.util.Objects;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Tuning map measured point by point (a calibration file): linear interpolation between the
 * points, held at the end values outside them.
 *
 * <p>Holds defensive copies of the arrays, so a caller reusing its buffers cannot change the map.
 */
public final class TabulatedTuningMap implements TuningMap {
    private final double[] positionsSteps;
    private final double[] values;

    /**
     * Creates the map.
     *
     * @param positionsSteps actuator positions (steps), finite, strictly increasing, at least two
     * @param values tuned values at those positions (F, N/m or kg), each &gt; 0, same length
     */
    public TabulatedTuningMap(double[] positionsSteps, double[] values) {
        Check.present("positionsSteps", positionsSteps);
        Check.present("values", values);
        if (positionsSteps.length < 2) {
            throw new InvalidValueException("positionsSteps.length", Integer.toString(positionsSteps.length), "",
                    "at least 2 points");
        }
        if (values.length != positionsSteps.length) {
            throw new InvalidValueException("values.length", Integer.toString(values.length), "",
                    "the number of positions (" + positionsSteps.length + ")");
        }
        this.positionsSteps = positionsSteps.clone();
        this.values = values.clone();
        for (int i = 0; i < this.positionsSteps.length; i++) {
            Check.finite("positionsSteps[" + i + "]", this.positionsSteps[i], "steps");
            Check.positive("values[" + i + "]", this.values[i], "");
            if (i > 0) {
                Check.ordered("positionsSteps[" + (i - 1) + "]", this.positionsSteps[i - 1],
                        "positionsSteps[" + i + "]", this.positionsSteps[i], "steps");
            }
        }
    }

    /** Returns "tabulated". */
    @Override
    public String kind() {
        return "tabulated";
    }

    /** A copy of the calibration positions (steps). */
    public double[] positionsSteps() {
        return positionsSteps.clone();
    }

    /** A copy of the calibrated values. */
    public double[] values() {
        return values.clone();
    }

    /** Linear interpolation between the neighbouring points; the end value outside the table. */
    @Override
    public double valueAt(double positionSteps) {
        int last = positionsSteps.length - 1;
        if (!(positionSteps > positionsSteps[0])) {
            return values[0];
        }
        if (positionSteps >= positionsSteps[last]) {
            return values[last];
        }
        int found = Arrays.binarySearch(positionsSteps, positionSteps);
        if (found >= 0) {
            return values[found];
        }
        int upper = -found - 1;
        int lower = upper - 1;
        double fraction = (positionSteps - positionsSteps[lower]) / (positionsSteps[upper] - positionsSteps[lower]);
        return values[lower] + fraction * (values[upper] - values[lower]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TabulatedTuningMap map
                && Arrays.equals(positionsSteps, map.positionsSteps)
                && Arrays.equals(values, map.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(positionsSteps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TabulatedTuningMap[" + positionsSteps.length + " points, positions "
                + positionsSteps[0] + ".." + positionsSteps[positionsSteps.length - 1] + " steps]";
    }
}
