package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.spi.Spi;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.SampleSource;

/** A fixture for the contract tests: an MCP3x08 on a mock Spi answering a cycle of codes, on a fake timer. */
final class Mcp3x08Contracts {
    private static final double VREF_VOLTS = 3.3;
    private static final double LOAD_OHMS = 100.0;

    private Mcp3x08Contracts() {}

    static SampleSource source(Mcp3x08Model model, int... codes) {
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
        return new Mcp3x08SampleSource(spi, new Mcp3x08Settings(model, 0, false, 1_000_000.0, VREF_VOLTS, 1000.0),
                AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE), timer, timer);
    }
}
