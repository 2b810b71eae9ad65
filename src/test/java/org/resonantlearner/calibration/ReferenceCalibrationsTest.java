package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.TabulatedTuningMap;

/**
 * The example calibrations agree with the default rigs they describe, so they cannot drift from the
 * model: each row's tuned value is the default linear map's, and f0 = √(k/m)/2π (1/(2π√(LC)) for
 * RLC) and loaded Q = √(k·m)/c (ω0·L/R) at that value.
 */
class ReferenceCalibrationsTest {
    /** The examples are written with 7 significant digits; 0.1 % is the promise in FORMAT.md. */
    private static final double TOL_FRACTION = 1e-3;

    private static RunConfig defaultConfig(String rigKind) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("rig").put("kind", rigKind);
        return ConfigLoader.fromTree("defaults", tree, ConfigLoader.Overrides.none());
    }

    private static void assertAgreesWithModel(CalibrationFile calibration, RunConfig config) {
        assertAgreesWithModel(calibration, config, TOL_FRACTION);
    }

    private static void assertAgreesWithModel(CalibrationFile calibration, RunConfig config, double tolFraction) {
        RigModel rig = config.rig();
        LinearTuningMap linear = (LinearTuningMap) config.tuningMap();
        assertEquals(rig.loadResistanceOhms(), calibration.loadResistanceOhms(), 0.0);
        assertEquals(rig.tunedParameterUnit(), calibration.tunedUnit());
        for (CalibrationRow row : calibration.table()) {
            double value = linear.valueAt(row.positionSteps());
            String at = " at " + row.positionSteps() + " steps";
            assertEquals(value, row.tunedValue(), tolFraction * value, "tuned value" + at);
            double k = rig.stiffness(value);
            double m = rig.inertia(value);
            double expectedHz = Math.sqrt(k / m) / (2 * Math.PI);
            double expectedQ = Math.sqrt(k * m) / rig.totalDamping();
            assertEquals(expectedHz, row.resonantFrequencyHz(), tolFraction * expectedHz, "f0" + at);
            assertEquals(expectedQ, row.loadedQ(), tolFraction * expectedQ, "Q" + at);
        }
    }

    @Test
    void theRlcExampleAgreesWithTheDefaultRlcRig() {
        assertAgreesWithModel(CalibrationFiles.load(Path.of("calibration/rlc-reference.json"), "rlc-reference"),
                defaultConfig("rlc"));
    }

    @Test
    void theMechanicalExampleAgreesWithTheDefaultForceDrivenRig() {
        assertAgreesWithModel(CalibrationFiles.load(Path.of("calibration/mechanical-reference.json"), "mechanical-reference"),
                defaultConfig("mechanical-force"));
    }

    @Test
    void theCommittedCalibrateExampleIsWithinOnePercentOfTheModelItWasMeasuredOn() {
        // calibration/rlc-calibrate-example.json (and its .png) are calibrate's output on the simulated
        // default RLC rig (README, "Calibrate a rig"); they must still describe that rig.
        CalibrationFile measured = CalibrationFiles.load(Path.of("calibration/rlc-calibrate-example.json"),
                "rlc-reference");
        assertEquals(21, measured.table().size());
        assertAgreesWithModel(measured, defaultConfig("rlc"), 0.01);
        assertTrue(Files.isRegularFile(Path.of("calibration/rlc-calibrate-example.png")));
    }

    @Test
    void theRlcTableReproducesTheLinearMapAtItsPositions() {
        CalibrationFile calibration = CalibrationFiles.load(Path.of("calibration/rlc-reference.json"), "rlc-reference");
        TabulatedTuningMap tabulated = calibration.tuningMap();
        LinearTuningMap linear = (LinearTuningMap) defaultConfig("rlc").tuningMap();
        for (CalibrationRow row : calibration.table()) {
            double expectedFarads = linear.valueAt(row.positionSteps());
            assertEquals(expectedFarads, tabulated.valueAt(row.positionSteps()), 1e-9 * expectedFarads);
        }
        // Between rows a linear table interpolates the linear map exactly.
        assertEquals(linear.valueAt(1234), tabulated.valueAt(1234), 1e-9 * linear.valueAt(1234));
    }
}
