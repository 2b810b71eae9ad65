package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The solvers on problems whose minimum is known in closed form: a straight line (linear least
 * squares, solved here from the normal equations written out by hand) and the Rosenbrock valley
 * (minimum at (1, 1)); the number of trials each takes is bounded, so a damping that moved the
 * wrong way or a stopping test that fired late would show.
 */
class LevenbergMarquardtTest {
    /** Double precision on parameters of order 1: the fits stop at a relative step of 1e-12. */
    private static final double SOLVED_TOL = 1e-9;

    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** m_i = a + b·x_i, the line through {@link #X}. */
    private static final LevenbergMarquardt.Model LINE = (p, values, jacobian) -> {
        for (int i = 0; i < X.length; i++) {
            values[i] = p[0] + p[1] * X[i];
            jacobian[i][0] = 1;
            jacobian[i][1] = X[i];
        }
    };

    /** {a, b} minimising Σ(y − a − b·x)²: b = Sxy/Sxx about the means, a = ȳ − b·x̄. */
    private static double[] lineByHand(double[] y) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < X.length; i++) {
            meanX += X[i] / X.length;
            meanY += y[i] / X.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < X.length; i++) {
            sxy += (X[i] - meanX) * (y[i] - meanY);
            sxx += (X[i] - meanX) * (X[i] - meanX);
        }
        double slope = sxy / sxx;
        return new double[] {meanY - slope * meanX, slope};
    }

    private static double[] noisyLine(double intercept, double slope, long seed) {
        Random random = new Random(seed);
        double[] y = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = intercept + slope * X[i] + 0.3 * random.nextGaussian();
        }
        return y;
    }

    /**
     * A linear problem: each accepted trial leaves a fraction of about λ of the remaining error
     * (λ = 1e-3, then 1e-4, 1e-5: 1e-12 after three), and the first step smaller than 1e-12 of
     * the parameters ends the fit: at most five trials, with one to spare for rounding.
     */
    private static final int LINE_MAX_TRIALS = 5;

    @Test
    void aLineIsSolvedToTheNormalEquationsInAFewTrials() {
        double[] y = noisyLine(2.5, -0.7, 3);
        double[] byHand = lineByHand(y);
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("line", LINE, y, new double[] {10, 10});
        assertEquals(byHand[0], solution.parameters()[0], SOLVED_TOL, "intercept");
        assertEquals(byHand[1], solution.parameters()[1], SOLVED_TOL, "slope");
        double squares = 0;
        for (int i = 0; i < X.length; i++) {
            double residual = y[i] - byHand[0] - byHand[1] * X[i];
            squares += residual * residual;
        }
        assertEquals(Math.sqrt(squares / X.length), solution.residualRms(), 1e-12, "residualRms = sqrt(S/n)");
        assertTrue(solution.trials() >= 2 && solution.trials() <= LINE_MAX_TRIALS, "trials " + solution.trials());
    }

    @Test
    void aStartAtTheMinimumIsFinalAtTheFirstTrial() {
        double[] y = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = 0.5 + 0.25 * X[i]; // exact in binary: S = 0 at the start, to the last bit
        }
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("line", LINE, y, new double[] {0.5, 0.25});
        assertEquals(0.0, solution.residualRms(), 0.0);
        assertEquals(1, solution.trials());
        assertEquals(0.5, solution.parameters()[0], 0.0);
        assertEquals(0.25, solution.parameters()[1], 0.0);
    }

    @Test
    void zeroDataFromAZeroStartIsFittedNotRefused() {
        // Step and parameters are both 0, so the relative step is 0/0: only S = 0 says it is done.
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("line", LINE, new double[X.length],
                new double[] {0, 0});
        assertEquals(1, solution.trials());
        assertEquals(0.0, solution.parameters()[0], 0.0);
        assertEquals(0.0, solution.parameters()[1], 0.0);
    }

    /** r = (10·(x₂ − x₁²), 1 − x₁): S is Rosenbrock's function, minimum 0 at (1, 1). */
    private static final LevenbergMarquardt.Model ROSENBROCK = (p, values, jacobian) -> {
        values[0] = 10 * (p[0] * p[0] - p[1]);
        values[1] = p[0] - 1;
        jacobian[0][0] = 20 * p[0];
        jacobian[0][1] = -10;
        jacobian[1][0] = 1;
        jacobian[1][1] = 0;
    };

    /**
     * From the classic start (−1.2, 1) this solver takes 44 trials, accepted and rejected (MINPACK's
     * lmder, which also adapts a trust region, about 20 evaluations): {@value} leaves room for
     * rounding, not for a damping that moves the wrong way (grown on success it stalls short of the
     * minimum; shrunk on failure it never converges).
     */
    private static final int ROSENBROCK_MAX_TRIALS = 50;

    @Test
    void theRosenbrockValleyIsFollowedToItsMinimum() {
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("Rosenbrock", ROSENBROCK, new double[2],
                new double[] {-1.2, 1});
        assertEquals(1.0, solution.parameters()[0], SOLVED_TOL, "x1");
        assertEquals(1.0, solution.parameters()[1], SOLVED_TOL, "x2");
        assertTrue(solution.residualRms() < 1e-9, "residual " + solution.residualRms());
        assertTrue(solution.trials() <= ROSENBROCK_MAX_TRIALS, "trials " + solution.trials());
    }

    @Test
    void aMinimumAtInfinityIsNoConvergence() {
        // e^p → 0 only as p → −∞: each Gauss–Newton step moves p by −1, never a small relative step.
        LevenbergMarquardt.Model exponential = (p, values, jacobian) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.exp(p[0]);
                jacobian[i][0] = Math.exp(p[0]);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LevenbergMarquardt.minimise("decay fit", exponential, new double[3], new double[] {1}));
        assertTrue(e.getMessage().startsWith("decay fit did not converge in 200 iterations (last relative step "),
                e.getMessage());
    }

    @Test
    void aRedundantParameterIsCarriedByTheDamping() {
        // m = s³ + 1e-6·s with s = p₁ + p₂, fitted to 0: JᵀJ is singular everywhere. While s ≫ 1e-3 each
        // step keeps 2/3 of s and is accepted, so λ falls tenfold per step, to rounding (1e-15) after
        // twelve; then the Cholesky solve fails and only more damping revives it. Below s = 1e-3 Newton's
        // method converges cubically, until S underflows to 0.
        LevenbergMarquardt.Model redundant = (p, values, jacobian) -> {
            double sum = p[0] + p[1];
            values[0] = sum * sum * sum + 1e-6 * sum;
            jacobian[0][0] = 3 * sum * sum + 1e-6;
            jacobian[0][1] = jacobian[0][0];
        };
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("cubic", redundant, new double[1],
                new double[] {0.5, 0.5});
        assertEquals(0.0, solution.residualRms(), 0.0);
        assertEquals(0.0, solution.parameters()[0] + solution.parameters()[1], 1e-100, "s");
    }

    @Test
    void aParameterTheModelIgnoresStaysWhereItStarted() {
        // Its Jacobian column is all zeros: scaled by 1 rather than its norm 0, its step is 0.
        LevenbergMarquardt.Model withSpare = (p, values, jacobian) -> {
            double[][] inner = new double[X.length][2];
            LINE.evaluate(p, values, inner);
            for (int i = 0; i < X.length; i++) {
                jacobian[i][0] = inner[i][0];
                jacobian[i][1] = inner[i][1];
                jacobian[i][2] = 0;
            }
        };
        double[] y = noisyLine(1, 2, 5);
        double[] byHand = lineByHand(y);
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("line", withSpare, y,
                new double[] {0, 0, 42});
        assertEquals(byHand[0], solution.parameters()[0], SOLVED_TOL, "intercept");
        assertEquals(byHand[1], solution.parameters()[1], SOLVED_TOL, "slope");
        assertEquals(42, solution.parameters()[2], 0.0, "the ignored parameter");
    }

    @Test
    void theTrialBudgetIsExactlyTwoHundredEvaluations() {
        // e^p fitted to 0 (minimum at infinity, a step of −1 each trial) until the 200th trial's
        // evaluation, which matches the data exactly: that fit is accepted, one trial later it would not be.
        int[] evaluations = {0};
        LevenbergMarquardt.Model lastMinute = (p, values, jacobian) -> {
            boolean last = evaluations[0]++ == LevenbergMarquardt.MAX_TRIALS;
            values[0] = last ? 0 : Math.exp(p[0]);
            jacobian[0][0] = Math.exp(p[0]);
        };
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise("budget", lastMinute, new double[1],
                new double[] {1});
        assertEquals(LevenbergMarquardt.MAX_TRIALS, solution.trials());
        assertEquals(0.0, solution.residualRms(), 0.0);
    }

    @Test
    void aNonFiniteStartIsRefused() {
        LevenbergMarquardt.Model broken = (p, values, jacobian) -> {
            values[0] = Math.sqrt(p[0]);
            jacobian[0][0] = 0.5 / Math.sqrt(p[0]);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LevenbergMarquardt.minimise("root fit", broken, new double[] {1}, new double[] {-1}));
        assertEquals("root fit: the starting estimate gives a non-finite model", e.getMessage());
    }

    @Test
    void linearLeastSquaresMatchesTheNormalEquations() {
        double[] y = noisyLine(-4, 1.5, 11);
        double[][] design = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            design[i] = new double[] {1, X[i]};
        }
        double[] solved = LevenbergMarquardt.linearLeastSquares(design, y);
        double[] byHand = lineByHand(y);
        assertEquals(byHand[0], solved[0], SOLVED_TOL, "intercept");
        assertEquals(byHand[1], solved[1], SOLVED_TOL, "slope");
    }

    @Test
    void linearLeastSquaresSolvesColumnsOfVeryDifferentSizes() {
        // Columns 1e6 apart in size: unscaled normal equations would lose twelve digits to them.
        double[][] design = {{1e6, 1e-3}, {2e6, 3e-3}, {-1e6, 5e-3}};
        double[] x = {2e-6, -4e3};
        double[] target = new double[3];
        for (int i = 0; i < 3; i++) {
            target[i] = design[i][0] * x[0] + design[i][1] * x[1];
        }
        double[] solved = LevenbergMarquardt.linearLeastSquares(design, target);
        assertEquals(x[0], solved[0], 1e-12 * Math.abs(x[0]));
        assertEquals(x[1], solved[1], 1e-12 * Math.abs(x[1]));
    }

    @Test
    void linearLeastSquaresReportsDependentColumns() {
        assertNull(LevenbergMarquardt.linearLeastSquares(new double[][] {{1, 2}, {2, 4}, {3, 6}},
                new double[] {1, 2, 3}));
        assertNull(LevenbergMarquardt.linearLeastSquares(new double[][] {{1, 0}, {2, 0}, {3, 0}},
                new double[] {1, 2, 3}), "a column of zeros");
    }
}
