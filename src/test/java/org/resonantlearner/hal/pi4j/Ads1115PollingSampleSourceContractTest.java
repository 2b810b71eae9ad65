package org.resonantlearner.hal.pi4j;

import java.util.ArrayList;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.contract.SampleSourceContract;

/**
 * The {@link SampleSourceContract} on an ADS1115 in single-shot polling mode: a mock I2C whose
 * config register reports one busy poll then ready, and whose conversion register answers a few codes.
 */
class Ads1115PollingSampleSourceContractTest extends SampleSourceContract {
    @Override
    protected SampleSource createSource() {
        I2cRegisterLog bus = new I2cRegisterLog(new ArrayList<>())
                .answer(Ads1115SampleSource.REG_CONFIG, 0x4383, 0xC383)
                .answer(Ads1115SampleSource.REG_CONVERSION, 0x4000, 0xFFFF, 0x7FFF, 0x8000, 0x0000);
        FakeTimer timer = new FakeTimer(0L);
        return Ads1115SampleSource.singleShotPolling(bus.i2c, new Ads1115Settings(0, false, 4.096, 128, 50.0, 100_000L),
                new AdcFrontEnd(0.0, 1.0, 47.0, AdcCalibration.NONE), timer, timer, timer);
    }
}
