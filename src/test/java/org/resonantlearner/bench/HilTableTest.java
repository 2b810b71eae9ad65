package org.resonantlearner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's report: one Markdown row per scenario and criterion, and the total line. */
class HilTableTest {
    @Test
    void oneRowPerCheckWithTheReasonBesideAMissingValue() {
        List<HilVerdict> rows = List.of(
                new HilVerdict("a", "movesMax", "<= 40", "16", HilVerdict.Status.PASS, ""),
                new HilVerdict("a", "captureRatioMin", ">= 0.9", "–", HilVerdict.Status.SKIP, "no oracle in serial mode"),
                HilVerdict.runFailed("b|c", "port gone"));
        assertEquals("""
                | scenario | criterion | limit | measured | result |
                |---|---|---|---|---|
                | a | movesMax | <= 40 | 16 | PASS |
                | a | captureRatioMin | >= 0.9 | – (no oracle in serial mode) | SKIP |
                | b\\|c | run | completes | failed: port gone | FAIL |
                """, HilTable.markdown(rows));
        assertEquals("hil: FAIL: 3 checks in 2 scenarios: 1 PASS, 1 FAIL, 1 SKIP (2.5 s wall)",
                HilTable.total(rows, 2, 2.46));
        assertEquals("hil: PASS: 2 checks in 1 scenarios: 1 PASS, 0 FAIL, 1 SKIP (0.1 s wall)",
                HilTable.total(rows.subList(0, 2), 1, 0.1));
    }
}
