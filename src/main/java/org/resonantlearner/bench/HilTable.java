package org.resonantlearner.bench;

import java.util.List;
import java.util.Locale;

/** Formats a hil report as a Markdown table, one row per scenario and criterion, and its one-line total. */
public final class HilTable {
    private HilTable() {}

    /** The table, header included, ending with a newline. */
    public static String markdown(List<HilVerdict> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | criterion | limit | measured | result |\n");
        out.append("|---|---|---|---|---|\n");
        for (HilVerdict row : rows) {
            out.append("| ").append(cell(row.scenario())).append(" | ").append(row.criterion()).append(" | ")
                    .append(row.limit()).append(" | ").append(cell(row.measuredCell())).append(" | ")
                    .append(row.status()).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The total: "hil: FAIL: 17 checks in 5 scenarios: 15 PASS, 1 FAIL, 1 SKIP (1.6 s wall)"; PASS when
     * nothing failed.
     */
    public static String total(List<HilVerdict> rows, int scenarios, double wallSeconds) {
        long failed = HilVerdict.count(rows, HilVerdict.Status.FAIL);
        return String.format(Locale.ROOT, "hil: %s: %d checks in %d scenarios: %d PASS, %d FAIL, %d SKIP (%.1f s wall)",
                failed == 0 ? "PASS" : "FAIL", rows.size(), scenarios, HilVerdict.count(rows, HilVerdict.Status.PASS), failed,
                HilVerdict.count(rows, HilVerdict.Status.SKIP), wallSeconds);
    }

    /** A cell's text: a "|" would end the cell, a line break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
