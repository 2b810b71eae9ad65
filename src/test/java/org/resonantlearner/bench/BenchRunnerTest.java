package org.resonantlearner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.RunSummary;

/** The runner's two ways of ending: the bench's first failure ends it, the pass/fail runner's ends only its run. */
class BenchRunnerTest {
    private static final IllegalStateException PORT_GONE = new IllegalStateException("port gone");

    /** Scenarios seeded 1, 2, 3: their runs' seeds tell them apart. */
    private static BenchRunner.Plan plan() {
        List<Scenario> scenarios = List.of(1, 2, 3).stream().map(seed -> new Scenario("s" + seed,
                JsonNodeFactory.instance.objectNode().put("seed", seed))).toList();
        return BenchRunner.plan(scenarios, null);
    }

    /** A summary that names its run's seed; seed 2 fails. */
    private static final Function<RunConfig, RunSummary> FAKE_RUN = config -> {
        if (config.seed() == 2) {
            throw PORT_GONE;
        }
        return new RunSummary("rlc", config.tunerName(), config.seed(), 1, 0, 0, 0, 0, new double[0], 0, 0, 0, 0, 0,
                0, 0, 0, "completed", "oracle", null);
    };

    @Test
    void runEachReportsAFailedRunAndStillRunsTheOthersInPlanOrder() {
        List<BenchRunner.Outcome> outcomes = new BenchRunner(FAKE_RUN, 2).runEach(plan());
        assertEquals(List.of("s1", "s2", "s3"), outcomes.stream().map(BenchRunner.Outcome::scenario).toList());
        assertEquals(1, outcomes.get(0).summary().seed());
        assertNull(outcomes.get(1).summary());
        assertSame(PORT_GONE, outcomes.get(1).failure());
        assertEquals(3, outcomes.get(2).summary().seed());
        assertNull(outcomes.get(2).failure());
        assertTrue(outcomes.stream().allMatch(o -> o.wallSeconds() >= 0));
    }

    @Test
    void runEndsTheBenchWithTheFirstFailureItself() {
        assertSame(PORT_GONE, assertThrows(IllegalStateException.class, () -> new BenchRunner(FAKE_RUN, 2).run(plan())));
    }

    @Test
    void aPlanWithoutTunersRunsEachScenariosOwn() {
        Scenario fixed = new Scenario("s", (com.fasterxml.jackson.databind.node.ObjectNode) JsonNodeFactory.instance
                .objectNode().set("tuner", JsonNodeFactory.instance.objectNode().put("name", "fixed")));
        assertEquals("fixed", BenchRunner.plan(List.of(fixed), null).configs().get(0).tunerName());
        assertEquals("sweep", BenchRunner.plan(List.of(fixed), List.of("sweep"), null).configs().get(0).tunerName());
    }
}
