package org.resonantlearner.hal.pi4j;

import java.util.ArrayList;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.contract.SampleSourceContract;

/**
 * The {@link SampleSourceContract} on an ADS1115 in single-shot polling mode: a mock I2C whose
 * config register reports one busy poll then ready, and whose conversion register answers a few
 * codes (the last one repeating), across a differential pair at the load (bias 0 V, no divider).
 *
 * <p>Expected volts from the datasheet (TI SBAS444, "Data Format"): a two's-complement code times
 * FSR / 2^15 at the ±4.096 V range: 0x4000 = 16384 → 2.048 V, 0xFFFF = −1 → −0.125 mV, 0x7FFF =
 * 32767 → 4.095875 V, 0x8000 = −32768 → −4.096 V, 0x0000 → 0 V. Exact in binary, so the tolerance is
 * float rounding only.
 */
class Ads1115PollingSampleSourceContractTest extends SampleSourceContract {
    private static final double[] EXPECTED_VOLTS = {2.048, -0.000125, 4.095875, -4.096, 0.0};
    private static final double ROUNDING_VOLTS = 1e-12;

    @Override
    protected SourceFixture createSource() {
        I2cRegisterLog bus = new I2cRegisterLog(new ArrayList<>())
                .answer(Ads1115SampleSource.REG_CONFIG, 0x4383, 0xC383)
                .answer(Ads1115SampleSource.REG_CONVERSION, 0x4000, 0xFFFF, 0x7FFF, 0x8000, 0x0000);
        FakeTimer timer = new FakeTimer(0L);
        Ads1115SampleSource source = Ads1115SampleSource.singleShotPolling(bus.i2c,
                new Ads1115Settings(0, false, 4.096, 128, 50.0, 100_000L),
                new AdcFrontEnd(0.0, 1.0, 47.0, AdcCalibration.NONE), timer, timer, timer);
        return new SourceFixture(source, n -> EXPECTED_VOLTS[(int) Math.min(n, EXPECTED_VOLTS.length - 1)],
                ROUNDING_VOLTS);
    }
}
