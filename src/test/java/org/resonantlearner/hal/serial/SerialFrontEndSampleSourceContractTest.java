package org.resonantlearner.hal.serial;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.contract.SampleSourceContract;

/** The {@link SampleSourceContract} on the serial front-end, over a pseudo-terminal to the emulator. */
@Timeout(60)
class SerialFrontEndSampleSourceContractTest extends SampleSourceContract {
    @TempDir
    Path directory;
    private SerialContractRig rig;

    @Override
    protected SampleSource createSource() {
        rig = SerialContractRig.open(directory);
        return rig.frontEnd;
    }

    @AfterEach
    void unplug() throws InterruptedException {
        if (rig != null) {
            rig.close();
        }
    }
}
