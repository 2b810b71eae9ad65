package org.resonantlearner.hal.contract;

import org.resonantlearner.hal.SampleSource;

/** The {@link SampleSourceContract} on the simulated rig's sample source. */
class SimulatedRigSampleSourceContractTest extends SampleSourceContract {
    @Override
    protected SampleSource createSource() {
        return SimulatedRigFixture.defaultRig().sampleSource();
    }
}
