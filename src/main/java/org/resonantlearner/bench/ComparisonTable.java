package org.resonantlearner.bench;

import java.util.List;
import java.util.Locale;
import org.resonantlearner.telemetry.RunSummary;

/** Formats bench results as a Markdown table: one row per scenario and tuner. */
public final class ComparisonTable {
    private ComparisonTable() {}

    /** One finished run of the bench. */
    public record Entry(String scenario, RunSummary summary) {}

    /** The table, header included, ending with a newline. */
    public static String markdown(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | tuner | capture ratio | lock time (s) | worst re-lock (s) | moves | tuning energy (J) | net energy (J) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Entry entry : entries) {
            RunSummary s = entry.summary();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %.3g | %.4g |%n", entry.scenario(),
                    s.tuner(), s.hasOracle() ? String.format(Locale.ROOT, "%.4f", s.captureRatio()) : "– (no oracle)", lock(s.lockTimeSeconds()), worstRelock(s.relockTimesSeconds()),
                    s.actuatorMoves(), s.tuningEnergyJoules(), s.netEnergyJoules()));
        }
        return out.toString();
    }

    /** The longest re-lock after a drive event; "never" if one never re-locked, "–" without events. */
    private static String worstRelock(double[] relockSeconds) {
        if (relockSeconds.length == 0) {
            return "–";
        }
        double worst = 0;
        for (double seconds : relockSeconds) {
            if (Double.isNaN(seconds)) {
                return "never";
            }
            worst = Math.max(worst, seconds);
        }
        return lock(worst);
    }

    private static String lock(double seconds) {
        return Double.isNaN(seconds) ? "never" : String.format(Locale.ROOT, "%.3f", seconds);
    }
}
