package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class RigModelTest {
    private static final double TOL_RELATIVE = 1e-12;

    @Test
    void seriesRlcMapsCircuitOntoGeneralisedOscillator() {
        SeriesRlcRig rig = new SeriesRlcRig(10e-3, 1.0, 2.0, 7.0, 0.0);

        assertEquals("rlc", rig.kind());
        assertEquals("Capacitance (F)", rig.tunedParameterColumn());
        assertEquals("F", rig.tunedParameterUnit());
        assertEquals("V", rig.driveAmplitudeUnit());
        assertEquals(10e-3, rig.inertia(2e-6));
        assertEquals(5e5, rig.stiffness(2e-6), 5e5 * TOL_RELATIVE);
        assertEquals(10.0, rig.totalDamping());
        assertEquals(7.0, rig.loadDamping());
        assertEquals(7.0, rig.loadVoltsPerVelocity());
        assertEquals(2.0, rig.forceAmplitude(2.0, 1234.0, 2e-6));
    }

    @Test
    void loadVoltageSquaredOverResistanceIsLoadDampingForEveryRig() {
        RigModel[] rigs = {
            new SeriesRlcRig(10e-3, 1.0, 2.0, 7.0, 0.0),
            new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 0.0),
            BaseExcitedMechanicalRig.stiffnessTuned(0.05, 0.02, 0.08, 470.0),
            BaseExcitedMechanicalRig.massTuned(2000.0, 0.02, 0.08, 470.0),
        };
        for (RigModel rig : rigs) {
            double voltsPerVelocity = rig.loadVoltsPerVelocity();
            assertEquals(rig.loadDamping(), voltsPerVelocity * voltsPerVelocity / rig.loadResistanceOhms(),
                    rig.loadDamping() * TOL_RELATIVE, rig.kind());
        }
    }

    @Test
    void forceDrivenRigTunesStiffness() {
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 3.0);

        assertEquals("mechanical-force", rig.kind());
        assertEquals("Stiffness (N/m)", rig.tunedParameterColumn());
        assertEquals("N", rig.driveAmplitudeUnit());
        assertEquals(0.05, rig.inertia(1800.0));
        assertEquals(1800.0, rig.stiffness(1800.0));
        assertEquals(0.1, rig.totalDamping(), 1e-15);
        assertEquals(0.08, rig.loadDamping());
        assertEquals(3.0, rig.cubicStiffness());
        assertEquals(Math.sqrt(80.0), rig.loadVoltsPerVelocity(), 1e-12);
        assertEquals(0.7, rig.forceAmplitude(0.7, 200.0, 1800.0));
    }

    @Test
    void baseExcitedRigForceIsInertialForceOfBaseAcceleration() {
        BaseExcitedMechanicalRig stiffnessTuned = BaseExcitedMechanicalRig.stiffnessTuned(0.05, 0.02, 0.08, 470.0);
        BaseExcitedMechanicalRig massTuned = BaseExcitedMechanicalRig.massTuned(2000.0, 0.02, 0.08, 470.0);
        double omega = 200.0;
        double baseMetres = 1e-4;

        assertEquals("mechanical-base", stiffnessTuned.kind());
        assertEquals("Stiffness (N/m)", stiffnessTuned.tunedParameterColumn());
        assertEquals("Mass (kg)", massTuned.tunedParameterColumn());
        assertEquals("kg", massTuned.tunedParameterUnit());
        assertEquals("m", massTuned.driveAmplitudeUnit());
        assertEquals(0.05 * baseMetres * omega * omega, stiffnessTuned.forceAmplitude(baseMetres, omega, 1800.0), 1e-15);
        assertEquals(0.07 * baseMetres * omega * omega, massTuned.forceAmplitude(baseMetres, omega, 0.07), 1e-15);
        assertEquals(0.07, massTuned.inertia(0.07));
        assertEquals(2000.0, massTuned.stiffness(0.07));
        assertEquals(0.05, stiffnessTuned.inertia(1800.0));
        assertEquals(1800.0, stiffnessTuned.stiffness(1800.0));
    }

    @Test
    void constructorsRejectBadValuesNamingTheComponent() {
        InvalidValueException rlc = assertThrows(InvalidValueException.class,
                () -> new SeriesRlcRig(0.0, 1.0, 2.0, 7.0, 0.0));
        assertEquals("inductanceHenries", rlc.key());
        assertEquals("H", rlc.unit());

        InvalidValueException load = assertThrows(InvalidValueException.class,
                () -> new SeriesRlcRig(1e-3, 1.0, 2.0, Double.NaN, 0.0));
        assertEquals("loadResistanceOhms", load.key());

        InvalidValueException electrical = assertThrows(InvalidValueException.class,
                () -> new ForceDrivenMechanicalRig(0.05, 0.02, 0.0, 1000.0, 0.0));
        assertEquals("electricalDampingNsPerM", electrical.key());

        InvalidValueException cubic = assertThrows(InvalidValueException.class,
                () -> new ForceDrivenMechanicalRig(0.05, 0.02, 0.1, 1000.0, -1.0));
        assertEquals("cubicStiffnessNPerM3", cubic.key());

        InvalidValueException fixedStiffness = assertThrows(InvalidValueException.class,
                () -> BaseExcitedMechanicalRig.massTuned(0.0, 0.02, 0.08, 470.0));
        assertEquals("stiffnessNPerM", fixedStiffness.key());

        InvalidValueException parameter = assertThrows(InvalidValueException.class,
                () -> new BaseExcitedMechanicalRig(null, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0));
        assertEquals("tunedParameter", parameter.key());
    }

    @Test
    void seriesRlcBoundariesNameKeyValueAndUnit() {
        // Zero source and coil resistance and a linear capacitor are allowed; the load and L must be > 0.
        SeriesRlcRig ideal = new SeriesRlcRig(Double.MIN_VALUE, 0.0, 0.0, Double.MIN_VALUE, 0.0);
        assertEquals(Double.MIN_VALUE, ideal.totalDamping());
        Refusals.assertRefused("inductanceHenries", "0.0", "H", () -> new SeriesRlcRig(0.0, 1.0, 2.0, 7.0, 0.0));
        Refusals.assertRefused("sourceResistanceOhms", "-1.0E-9", "Ω", () -> new SeriesRlcRig(1e-3, -1e-9, 2.0, 7.0, 0.0));
        Refusals.assertRefused("coilResistanceOhms", "-1.0E-9", "Ω", () -> new SeriesRlcRig(1e-3, 1.0, -1e-9, 7.0, 0.0));
        Refusals.assertRefused("loadResistanceOhms", "0.0", "Ω", () -> new SeriesRlcRig(1e-3, 1.0, 2.0, 0.0, 0.0));
        Refusals.assertRefused("cubicStiffness", "-1.0E-9", "V/C³", () -> new SeriesRlcRig(1e-3, 1.0, 2.0, 7.0, -1e-9));
    }

    @Test
    void mechanicalRigBoundariesNameKeyValueAndUnit() {
        ForceDrivenMechanicalRig lossless = new ForceDrivenMechanicalRig(Double.MIN_VALUE, 0.0, Double.MIN_VALUE,
                Double.MIN_VALUE, 0.0);
        assertEquals(Double.MIN_VALUE, lossless.totalDamping());
        Refusals.assertRefused("massKg", "0.0", "kg", () -> new ForceDrivenMechanicalRig(0.0, 0.02, 0.08, 1000.0, 0.0));
        Refusals.assertRefused("mechanicalDampingNsPerM", "-1.0E-9", "N·s/m",
                () -> new ForceDrivenMechanicalRig(0.05, -1e-9, 0.08, 1000.0, 0.0));
        Refusals.assertRefused("transducerLoadResistanceOhms", "0.0", "Ω",
                () -> new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 0.0, 0.0));

        // The fixed one of mass and stiffness must be positive; the tuned one is ignored and may be 0.
        assertEquals(0.05, BaseExcitedMechanicalRig.stiffnessTuned(0.05, 0.0, 0.08, 470.0).inertia(1800.0));
        assertEquals(2000.0, BaseExcitedMechanicalRig.massTuned(2000.0, 0.0, 0.08, 470.0).stiffness(0.07));
        Refusals.assertRefused("massKg", "0.0", "kg", () -> BaseExcitedMechanicalRig.stiffnessTuned(0.0, 0.02, 0.08, 470.0));
        Refusals.assertRefused("stiffnessNPerM", "-1.0", "N/m", () -> new BaseExcitedMechanicalRig(
                BaseExcitedMechanicalRig.TunedParameter.STIFFNESS, 0.05, -1.0, 0.02, 0.08, 470.0, 0.0));
        Refusals.assertRefused("massKg", "-1.0", "kg", () -> new BaseExcitedMechanicalRig(
                BaseExcitedMechanicalRig.TunedParameter.MASS, -1.0, 2000.0, 0.02, 0.08, 470.0, 0.0));
        Refusals.assertRefused("electricalDampingNsPerM", "0.0", "N·s/m",
                () -> BaseExcitedMechanicalRig.massTuned(2000.0, 0.02, 0.0, 470.0));
        Refusals.assertRefused("cubicStiffnessNPerM3", "-1.0E-9", "N/m³", () -> new BaseExcitedMechanicalRig(
                BaseExcitedMechanicalRig.TunedParameter.MASS, 0.0, 2000.0, 0.02, 0.08, 470.0, -1e-9));
    }
}
