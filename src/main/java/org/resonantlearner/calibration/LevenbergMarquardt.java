package org.resonantlearner.calibration;

/**
 * The small least-squares solvers behind the calibration fits: Levenberg–Marquardt for a model of a
 * few parameters, and a linear least-squares solve for their seeds.
 *
 * <p><b>Method.</b> Minimises S(p) = Σ (y_i − m_i(p))² over the k parameters p. Each trial solves
 * Marquardt's scaled normal equations (JᵀJ + λ·diag(JᵀJ)) δ = Jᵀr, r_i = y_i − m_i, J_ij = ∂m_i/∂p_j,
 * in the form (J̃ᵀJ̃ + λI) δ̃ = J̃ᵀr with the columns of J̃ = J·D⁻¹ scaled to unit length (D_j = column
 * norm of J, 1 for a column of zeros, as MINPACK does) and δ = D⁻¹δ̃, by Cholesky. A trial that lowers
 * S is taken and divides λ by 10; one that does not multiplies λ by 10 and is retried from the same
 * point. λ starts at 1e-3.
 *
 * <p><b>Convergence.</b> The fit has converged when a trial step is smaller than
 * {@value #RELATIVE_STEP_TOLERANCE} relative to the parameters, measured in the scaled norm
 * ‖Dδ‖ ≤ tol·‖Dp‖ (MINPACK's test: it weighs each parameter by how much it moves the model, so a
 * parameter that happens to be near zero — a centre at position 0 — cannot stall the test). A step
 * that small is final whether or not it lowered S: it is below what double precision resolves.
 * More than {@value #MAX_TRIALS} trials without convergence is an error.
 */
final class LevenbergMarquardt {
    /** Converged when the scaled step is this small relative to the scaled parameters. */
    static final double RELATIVE_STEP_TOLERANCE = 1e-12;
    /** Trials (model evaluations after the start) before giving up. */
    static final int MAX_TRIALS = 200;
    private static final double INITIAL_DAMPING = 1e-3;

    private LevenbergMarquardt() {}

    /** A model of k parameters at n fixed points. */
    interface Model {
        /**
         * Writes the model at every point into {@code values} (length n) and its derivatives
         * ∂m_i/∂p_j into {@code jacobian[i][j]} (n × k).
         */
        void evaluate(double[] parameters, double[] values, double[][] jacobian);
    }

    /**
     * The minimum found.
     *
     * @param parameters the fitted parameters
     * @param residualRms sqrt(S/n), in the unit of the observations
     * @param trials model evaluations it took after the start
     */
    record Solution(double[] parameters, double residualRms, int trials) {}

    /**
     * Fits {@code model} to {@code observed} starting from {@code start}.
     *
     * @param fitName names the fit in errors ("resonance fit")
     * @throws IllegalArgumentException when the start gives a non-finite model or there is no
     *     convergence in {@value #MAX_TRIALS} trials
     */
    static Solution minimise(String fitName, Model model, double[] observed, double[] start) {
        int n = observed.length;
        int k = start.length;
        double[] p = start.clone();
        double[] values = new double[n];
        double[][] jacobian = new double[n][k];
        double[] trialP = new double[k];
        double[] trialValues = new double[n];
        double[][] trialJacobian = new double[n][k];
        model.evaluate(p, values, jacobian);
        double cost = sumOfSquares(observed, values);
        if (!Double.isFinite(cost)) {
            throw new IllegalArgumentException(fitName + ": the starting estimate gives a non-finite model");
        }
        double[] scale = new double[k];
        double[][] normal = new double[k][k];
        double[] step = new double[k];
        double damping = INITIAL_DAMPING;
        boolean newPoint = true;
        double relativeStep = Double.NaN;
        for (int trial = 1; trial <= MAX_TRIALS; trial++) {
            if (newPoint) {
                columnNorms(jacobian, scale);
            }
            // Scaled normal equations with λ on the diagonal; rebuilt every trial because Cholesky works in place.
            for (int a = 0; a < k; a++) {
                double gradient = 0;
                for (int i = 0; i < n; i++) {
                    gradient += jacobian[i][a] * (observed[i] - values[i]);
                }
                step[a] = gradient / scale[a];
                for (int b = 0; b <= a; b++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += jacobian[i][a] * jacobian[i][b];
                    }
                    normal[a][b] = sum / (scale[a] * scale[b]);
                    normal[b][a] = normal[a][b];
                }
                normal[a][a] += damping;
            }
            newPoint = false;
            if (!solveCholesky(normal, step)) {
                damping *= 10; // only a near-singular JᵀJ with tiny λ gets here: more damping makes it definite
                continue;
            }
            double stepNorm = 0;
            double parameterNorm = 0;
            for (int a = 0; a < k; a++) {
                stepNorm += step[a] * step[a];
                parameterNorm += (scale[a] * p[a]) * (scale[a] * p[a]);
                trialP[a] = p[a] + step[a] / scale[a];
            }
            relativeStep = Math.sqrt(stepNorm / parameterNorm);
            model.evaluate(trialP, trialValues, trialJacobian);
            double trialCost = sumOfSquares(observed, trialValues);
            if (trialCost < cost) {
                System.arraycopy(trialP, 0, p, 0, k);
                double[] swapValues = values;
                values = trialValues;
                trialValues = swapValues;
                double[][] swapJacobian = jacobian;
                jacobian = trialJacobian;
                trialJacobian = swapJacobian;
                cost = trialCost;
                damping /= 10;
                newPoint = true;
            } else {
                damping *= 10;
            }
            if (relativeStep <= RELATIVE_STEP_TOLERANCE || cost == 0) {
                return new Solution(p, Math.sqrt(cost / n), trial);
            }
        }
        throw new IllegalArgumentException(fitName + " did not converge in " + MAX_TRIALS
                + " iterations (last relative step " + relativeStep + ")");
    }

    /**
     * Linear least squares: the x minimising Σ_i (target_i − Σ_j design[i][j]·x_j)², by the normal
     * equations with columns scaled to unit length (which keeps nearly collinear columns — 1, u, u²
     * over a narrow sweep — solvable). Returns {@code null} when the columns are linearly dependent.
     */
    static double[] linearLeastSquares(double[][] design, double[] target) {
        int k = design[0].length;
        double[] scale = new double[k];
        columnNorms(design, scale);
        double[][] normal = new double[k][k];
        double[] x = new double[k];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < design.length; i++) {
                x[a] += design[i][a] * target[i];
            }
            x[a] /= scale[a];
            for (int b = 0; b <= a; b++) {
                double sum = 0;
                for (int i = 0; i < design.length; i++) {
                    sum += design[i][a] * design[i][b];
                }
                normal[a][b] = sum / (scale[a] * scale[b]);
                normal[b][a] = normal[a][b];
            }
        }
        if (!solveCholesky(normal, x)) {
            return null;
        }
        for (int a = 0; a < k; a++) {
            x[a] /= scale[a];
        }
        return x;
    }

    private static double sumOfSquares(double[] observed, double[] values) {
        double sum = 0;
        for (int i = 0; i < observed.length; i++) {
            double residual = observed[i] - values[i];
            sum += residual * residual;
        }
        return sum;
    }

    /** Euclidean norm of each column; 1 for a column of zeros, so that dividing by it is harmless. */
    private static void columnNorms(double[][] matrix, double[] norms) {
        for (int a = 0; a < norms.length; a++) {
            double sum = 0;
            for (double[] row : matrix) {
                sum += row[a] * row[a];
            }
            norms[a] = sum > 0 && Double.isFinite(sum) ? Math.sqrt(sum) : 1;
        }
    }

    /**
     * Solves A x = b in place (b becomes x, A its Cholesky factor) for a symmetric A; false when A is
     * not numerically positive definite (a pivot ≤ 1e-14 of its diagonal entry, or not finite).
     */
    private static boolean solveCholesky(double[][] a, double[] b) {
        int k = b.length;
        for (int j = 0; j < k; j++) {
            double pivot = a[j][j];
            for (int m = 0; m < j; m++) {
                pivot -= a[j][m] * a[j][m];
            }
            if (!(pivot > 1e-14 * a[j][j]) || !Double.isFinite(pivot)) {
                return false;
            }
            a[j][j] = Math.sqrt(pivot);
            for (int i = j + 1; i < k; i++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= a[i][m] * a[j][m];
                }
                a[i][j] = sum / a[j][j];
            }
        }
        for (int i = 0; i < k; i++) { // forward: L y = b
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= a[i][m] * b[m];
            }
            b[i] = sum / a[i][i];
        }
        for (int i = k - 1; i >= 0; i--) { // back: Lᵀ x = y
            double sum = b[i];
            for (int m = i + 1; m < k; m++) {
                sum -= a[m][i] * b[m];
            }
            b[i] = sum / a[i][i];
        }
        return true;
    }
}
