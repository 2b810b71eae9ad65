package org.resonantlearner.hal.contract;

/**
 * The {@link SampleSourceContract} on the simulated rig's sample source, held to the closed-form
 * ring-up of the fixture's RLC circuit. The simulator's step is the exact discretisation of the linear
 * circuit, so sample n — the state after n + 1 steps, at (n + 1)/f_s — differs from the closed form
 * only by the ideal ADC's rounding: half a step, 3.3 V / 4095 / 2 = 0.40 mV, plus float rounding.
 */
class SimulatedRigSampleSourceContractTest extends SampleSourceContract {
    private static final double HALF_STEP_VOLTS = SimulatedRigFixture.FULL_SCALE_VOLTS / 4095 / 2;
    /** Float rounding of the closed form and of the simulator's recurrences over a few hundred samples. */
    private static final double ROUNDING_VOLTS = 1e-9;

    @Override
    protected SourceFixture createSource() {
        SeriesRlcFromRest ringUp = SimulatedRigFixture.ringUp();
        return new SourceFixture(SimulatedRigFixture.rig().sampleSource(),
                n -> ringUp.loadVolts((n + 1) / SimulatedRigFixture.SAMPLE_RATE_HZ), HALF_STEP_VOLTS + ROUNDING_VOLTS);
    }
}
