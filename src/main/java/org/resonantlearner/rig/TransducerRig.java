package org.resonantlearner.rig;

/**
 * What the two mechanical rigs share: a spring–mass resonator whose harvesting transducer is an
 * electrical damping c_e beside the parasitic c_m, read across a load RL. The transducer turns
 * c_e·v² into electrical power; a load voltage vL with vL²/RL = c_e·v² means vL = sqrt(c_e·RL)·v.
 * The records supply the components; the rig model follows from them here, once.
 */
interface TransducerRig extends RigModel {

    /** Parasitic damping c_m (N·s/m). */
    double mechanicalDampingNsPerM();

    /** Transducer (harvesting) damping c_e (N·s/m). */
    double electricalDampingNsPerM();

    /** The resistance RL the load voltage is read across (Ω). */
    double transducerLoadResistanceOhms();

    /** Duffing term k3 (N/m³). */
    double cubicStiffnessNPerM3();

    /** c_m + c_e (N·s/m). */
    @Override
    default double totalDamping() {
        return mechanicalDampingNsPerM() + electricalDampingNsPerM();
    }

    /** c_e (N·s/m): the harvested power is c_e·v². */
    @Override
    default double loadDamping() {
        return electricalDampingNsPerM();
    }

    /** Cubic stiffness k3 (N/m³). */
    @Override
    default double cubicStiffness() {
        return cubicStiffnessNPerM3();
    }

    /** The transducer's load resistance (Ω). */
    @Override
    default double loadResistanceOhms() {
        return transducerLoadResistanceOhms();
    }

    /** sqrt(c_e·RL) (V·s/m), so that vL²/RL = c_e·v². */
    @Override
    default double loadVoltsPerVelocity() {
        return Math.sqrt(electricalDampingNsPerM() * transducerLoadResistanceOhms());
    }
}
