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
        out.append("| scenario | tuner | capture ratio | lock time (s) | moves | tuning energy (J) | net energy (J) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Entry entry : entries) {
            RunSummary s = entry.summary();
            out.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %s | %d | %.3g | %.4g |%n", entry.scenario(),
                    s.tuner(), s.captureRatio(), lock(s.lockTimeSeconds()), s.actuatorMoves(), s.tuningEnergyJoules(),
                    s.netEnergyJoules()));
        }
        return out.toString();
    }

    private static String lock(double seconds) {
        return Double.isNaN(seconds) ? "never" : String.format(Locale.ROOT, "%.3f", seconds);
    }
}
