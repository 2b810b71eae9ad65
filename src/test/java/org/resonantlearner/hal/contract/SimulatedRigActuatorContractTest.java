package org.resonantlearner.hal.contract;

import org.resonantlearner.hal.TuningActuator;

/** The {@link TuningActuatorContract} on the simulated rig's actuator. */
class SimulatedRigActuatorContractTest extends TuningActuatorContract {
    @Override
    protected TuningActuator createActuator() {
        return SimulatedRigFixture.defaultRig().actuator();
    }
}
