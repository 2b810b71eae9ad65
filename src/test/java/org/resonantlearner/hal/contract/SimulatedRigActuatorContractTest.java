package org.resonantlearner.hal.contract;

import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * The {@link TuningActuatorContract} on the simulated rig's actuator; the device's position is the
 * capacitance the simulator runs with, mapped back through the fixture's linear map.
 */
class SimulatedRigActuatorContractTest extends TuningActuatorContract {
    @Override
    protected ActuatorFixture createActuator() {
        SimulatedRig rig = SimulatedRigFixture.rig();
        return new ActuatorFixture(rig.actuator(), () -> SimulatedRigFixture.positionAt(rig.tunedValue()));
    }
}
