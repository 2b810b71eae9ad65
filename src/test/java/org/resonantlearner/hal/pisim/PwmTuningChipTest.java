package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.Pi4jSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.pi4j.PwmActuatorSettings;
import org.resonantlearner.hal.pi4j.PwmDutyCycleActuator;

/** The emulated PWM tuning against the real {@link PwmDutyCycleActuator}: duty cycle back to the position. */
class PwmTuningChipTest {
    private static RunConfig config(double minDuty, double maxDuty, int maxPosition) {
        return PiBench.config("{\"mode\": \"pi4j\", \"rig\": {\"kind\": \"rlc\"},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": " + maxPosition
                + ", \"initialPositionSteps\": 7},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"mcp3208\"},"
                + " \"actuator\": {\"type\": \"pwm\", \"pwmChannel\": 1, \"minDutyCycleFraction\": " + minDuty
                + ", \"maxDutyCycleFraction\": " + maxDuty + ", \"maxPositionSteps\": " + maxPosition + "}}}");
    }

    private static PwmDutyCycleActuator actuator(PiBench bench) {
        PwmActuatorSettings settings = ((Pi4jSettings.PwmWiring) bench.config.pi4j().actuator()).settings();
        bench.pi.addPwmTuning(1, settings);
        Pwm pwm = bench.context.create(Pwm.newConfigBuilder(bench.context).id("actuator-pwm").address(1)
                .pwmType(PwmType.HARDWARE).frequency(settings.frequencyHz()).initial(0).shutdown(0));
        return new PwmDutyCycleActuator(pwm, settings);
    }

    @Test
    void everyPositionsDutyCycleTunesTheRigToThatPosition() {
        try (PiBench bench = PiBench.of(config(0.2, 0.8, 60))) {
            PwmDutyCycleActuator actuator = actuator(bench);
            assertEquals(0, bench.pi.rig().actuator().positionSteps(), "the construction applies position 0");
            for (int position = 60; position >= 0; position--) {
                actuator.moveTo(position);
                assertEquals(position, bench.pi.rig().actuator().positionSteps(),
                        "duty " + actuator.dutyCycleFraction());
            }
            actuator.moveTo(33);
            // Off is duty 0, below the mapping's 20 %: position −20, which the rig clamps to its lowest.
            actuator.close();
            assertEquals(0, bench.pi.rig().actuator().positionSteps());
            assertEquals(64L, bench.pi.counters().get("pwmOutputChanges"), "construction, 61 moves, 33, off");
        }
    }

    @Test
    void offIsTheDutyZeroPositionOfAFullRangeMapping() {
        try (PiBench bench = PiBench.of(config(0.0, 1.0, 100))) {
            PwmDutyCycleActuator actuator = actuator(bench);
            actuator.moveTo(100);
            assertEquals(100, bench.pi.rig().actuator().positionSteps());
            actuator.close();
            assertEquals(0, bench.pi.rig().actuator().positionSteps());
        }
    }
}
