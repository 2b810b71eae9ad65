package org.resonantlearner.hal.serial;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.contract.SampleSourceContract;
import org.resonantlearner.hal.contract.SeriesRlcFromRest;
import org.resonantlearner.hal.contract.SimulatedRigFixture;

/**
 * The {@link SampleSourceContract} on the serial front-end, over a pseudo-terminal to the emulator.
 * The emulator serves the default config's rig (the reference RLC rig at 2000 steps, from rest) with
 * a 12-bit ADC over 3.3 V and 0.5 mV rms of seeded sensor noise, sampling from its power-up and
 * streaming from the handshake on (INFO's next sample index, first); so the host's sample n is the
 * closed-form ring-up at (first + n + 1)/f_s within half a code step plus the noise.
 */
@Timeout(60)
class SerialFrontEndSampleSourceContractTest extends SampleSourceContract {
    private static final double SAMPLE_RATE_HZ = 20_000.0;
    private static final double HALF_STEP_VOLTS = 3.3 / 4095 / 2;
    /**
     * Six standard deviations of the default sensor noise (0.5 mV rms): a Gaussian sample lies beyond
     * that with probability 2e-9, and the noise is seeded, so a sample outside it is the adapter's doing.
     */
    private static final double NOISE_BOUND_VOLTS = 6 * 0.5e-3;

    @TempDir
    Path directory;
    private SerialContractRig rig;

    @Override
    protected SourceFixture createSource() {
        rig = SerialContractRig.open(directory);
        SeriesRlcFromRest ringUp = SimulatedRigFixture.ringUp();
        // The device samples from its power-up and streams from the handshake on: the host's sample n
        // is the device's sample first + n.
        long first = rig.frontEnd.deviceInfo().nextSampleIndex();
        return new SourceFixture(rig.frontEnd, n -> ringUp.loadVolts((first + n + 1) / SAMPLE_RATE_HZ),
                HALF_STEP_VOLTS + NOISE_BOUND_VOLTS);
    }

    @AfterEach
    void unplug() throws InterruptedException {
        if (rig != null) {
            rig.close();
        }
    }
}
