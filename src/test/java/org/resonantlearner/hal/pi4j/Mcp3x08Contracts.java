package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.spi.Spi;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.contract.SampleSourceContract.SourceFixture;

/**
 * A fixture for the contract tests: an MCP3x08 on a mock Spi answering a cycle of codes, on a fake
 * timer, behind a unity-gain front end biased to mid-scale of V_REF = 3.3 V.
 *
 * <p>The expected load volts of a code are the adapter's documented law, written out here:
 * {@code code / topCode · V_REF − V_REF / 2}. The codes are exact, so the only error is float
 * rounding; a conversion one LSB off (e.g. 2^bits instead of 2^bits − 1 at the top of the span) is
 * far outside it.
 */
final class Mcp3x08Contracts {
    private static final double VREF_VOLTS = 3.3;
    private static final double LOAD_OHMS = 100.0;
    /** Float rounding of code · V_REF / topCode − V_REF / 2 (about 1e-15 V), with margin. */
    private static final double ROUNDING_VOLTS = 1e-12;

    private Mcp3x08Contracts() {}

    /**
     * The fixture.
     *
     * @param topCode the converter's highest code from its datasheet (1023 for the 10-bit MCP3008, 4095
     *     for the 12-bit MCP3208)
     * @param codes the codes the converter answers, in a cycle
     */
    static SourceFixture source(Mcp3x08Model model, int topCode, int... codes) {
        Spi spi = mock(Spi.class);
        int[] next = {0};
        doAnswer(call -> {
            byte[] read = call.getArgument(2);
            int readOffset = call.getArgument(3);
            int length = call.getArgument(4);
            int code = codes[next[0]++ % codes.length];
            read[readOffset] = 0;
            read[readOffset + 1] = (byte) (code >> 8);
            read[readOffset + 2] = (byte) code;
            return length;
        }).when(spi).transfer(any(byte[].class), anyInt(), any(byte[].class), anyInt(), anyInt());
        FakeTimer timer = new FakeTimer(0L);
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi,
                new Mcp3x08Settings(model, 0, false, 1_000_000.0, VREF_VOLTS, 1000.0),
                AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE), timer, timer);
        return new SourceFixture(source,
                n -> (double) codes[(int) (n % codes.length)] / topCode * VREF_VOLTS - VREF_VOLTS / 2, ROUNDING_VOLTS);
    }
}
