package org.resonantlearner.calibration;

import java.util.function.Function;

/**
 * The Cramér–Rao bound of a least-squares fit under white Gaussian noise: no unbiased estimate of
 * the parameters from these points can scatter less than the diagonal of σ²·(JᵀJ)⁻¹, J the
 * generating model's Jacobian (by central differences, so the fit's own derivatives are not used).
 */
final class CramerRao {
    private CramerRao() {}

    /**
     * Standard deviations of each parameter of {@code model} (points as a function of the
     * parameters) at {@code p}, for noise of {@code noiseRms} on every point.
     */
    static double[] standardDeviations(Function<double[], double[]> model, double[] p, double noiseRms) {
        int k = p.length;
        double[][] columns = new double[k][];
        for (int j = 0; j < k; j++) {
            double step = 1e-6 * Math.abs(p[j]);
            double[] up = p.clone();
            double[] down = p.clone();
            up[j] += step;
            down[j] -= step;
            double[] high = model.apply(up);
            double[] low = model.apply(down);
            columns[j] = new double[high.length];
            for (int i = 0; i < high.length; i++) {
                columns[j][i] = (high[i] - low[i]) / (2 * step);
            }
        }
        // [JᵀJ | I] reduced by Gauss–Jordan with partial pivoting: the right half becomes (JᵀJ)⁻¹.
        double[][] m = new double[k][2 * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int i = 0; i < columns[a].length; i++) {
                    m[a][b] += columns[a][i] * columns[b][i];
                }
            }
            m[a][k + a] = 1;
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            double diagonal = m[c][c];
            for (int b = 0; b < 2 * k; b++) {
                m[c][b] /= diagonal;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double factor = m[r][c];
                    for (int b = 0; b < 2 * k; b++) {
                        m[r][b] -= factor * m[c][b];
                    }
                }
            }
        }
        double[] deviations = new double[k];
        for (int j = 0; j < k; j++) {
            deviations[j] = noiseRms * Math.sqrt(m[j][k + j]);
        }
        return deviations;
    }
}
