package org.resonantlearner.bench;

/**
 * One row of a hil report: a scenario's criterion, its limit, the measured value and the result; or
 * a scenario whose run failed (criterion {@link #RUN}).
 *
 * @param scenario the scenario's name
 * @param criterion the criterion's key ({@link HilCriterion#key}), or {@link #RUN}
 * @param limit the limit as the table shows it (">= 0.92")
 * @param measured the measured value with its unit, or "–" when there is none (see the reason)
 * @param status the result
 * @param reason why there is no measured value, or why the run failed; "" when there is one
 */
public record HilVerdict(String scenario, String criterion, String limit, String measured, Status status,
        String reason) {
    /** The criterion of a scenario whose run did not complete: its one row. */
    public static final String RUN = "run";

    /** The result of one row. */
    public enum Status {
        /** The measured value is within the limit. */
        PASS,
        /** The measured value is outside the limit, there is none where there must be one, or the run failed. */
        FAIL,
        /** The run's mode cannot judge this criterion (the reason says why). */
        SKIP
    }

    /** The row of a scenario whose run failed, with the reason in one line. */
    public static HilVerdict runFailed(String scenario, String reason) {
        return new HilVerdict(scenario, RUN, "completes", "–", Status.FAIL, reason);
    }

    /** How many of {@code rows} have {@code status}. */
    public static long count(java.util.List<HilVerdict> rows, Status status) {
        return rows.stream().filter(row -> row.status() == status).count();
    }

    /** "scenario: criterion", the test case's name in JUnit XML. */
    public String testName() {
        return scenario + ": " + criterion;
    }

    /**
     * One line that says it all: "static-rlc: captureRatioMin >= 0.92: measured 0.9100: FAIL", with
     * the reason where there is one ("...: measured –, never locked (against oracle): FAIL").
     */
    public String message() {
        if (criterion.equals(RUN)) {
            return scenario + ": the run failed: " + reason;
        }
        return testName() + " " + limit + ": measured " + measured + (reason.isEmpty() ? "" : ", " + reason) + ": "
                + status;
    }

    /** The measured cell of the table: the value, or "– (reason)". */
    public String measuredCell() {
        if (criterion.equals(RUN)) {
            return "failed: " + reason;
        }
        return reason.isEmpty() ? measured : measured + " (" + reason + ")";
    }
}
