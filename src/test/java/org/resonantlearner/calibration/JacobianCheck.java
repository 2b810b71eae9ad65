package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares a fit's analytic Jacobian with central differences of its own model. The fits start from
 * seeds that are exact for exact data, so a wrong derivative would otherwise only show as a fit that
 * is slightly worse than the data allow.
 */
final class JacobianCheck {
    private JacobianCheck() {}

    /**
     * Asserts every ∂m_i/∂p_j of {@code model} at {@code p} within {@code tolFraction} of the largest
     * entry of its column, the differences taken with steps of 1e-6 of each parameter.
     */
    static void assertMatchesCentralDifferences(LevenbergMarquardt.Model model, double[] p, int points,
            double tolFraction) {
        int k = p.length;
        double[] values = new double[points];
        double[][] analytic = new double[points][k];
        model.evaluate(p, values, analytic);
        double[] up = new double[points];
        double[] down = new double[points];
        double[][] unused = new double[points][k];
        for (int j = 0; j < k; j++) {
            double step = 1e-6 * Math.abs(p[j]);
            double[] pUp = p.clone();
            double[] pDown = p.clone();
            pUp[j] += step;
            pDown[j] -= step;
            model.evaluate(pUp, up, unused);
            model.evaluate(pDown, down, unused);
            double largest = 0;
            for (int i = 0; i < points; i++) {
                largest = Math.max(largest, Math.abs(analytic[i][j]));
            }
            for (int i = 0; i < points; i++) {
                assertEquals((up[i] - down[i]) / (2 * step), analytic[i][j], tolFraction * largest,
                        "∂m[" + i + "]/∂p[" + j + "]");
            }
        }
    }
}
