package org.resonantlearner.hal.serial;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on the serial front-end, over a pseudo-terminal to the emulator;
 * the device's position is the emulator's own, after the MOVE it executed.
 */
@Timeout(60)
class SerialFrontEndActuatorContractTest extends TuningActuatorContract {
    @TempDir
    Path directory;
    private SerialContractRig rig;

    @Override
    protected ActuatorFixture createActuator() {
        rig = SerialContractRig.open(directory);
        SerialContractRig opened = rig;
        return new ActuatorFixture(rig.frontEnd, opened::devicePositionSteps);
    }

    @AfterEach
    void unplug() throws InterruptedException {
        if (rig != null) {
            rig.close();
        }
    }
}
