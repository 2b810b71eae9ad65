package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.i2c.I2C;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on an MCP4725 limited to codes [100, 3000], powering down on
 * close; the mock I2C reads back code 2047 (inside the range) and accepts every write.
 */
class Mcp4725DacActuatorContractTest extends TuningActuatorContract {
    @Override
    protected TuningActuator createActuator() {
        I2C i2c = mock(I2C.class);
        doAnswer(call -> call.getArgument(2)).when(i2c).write(any(byte[].class), anyInt(), anyInt());
        doAnswer(call -> {
            byte[] data = call.getArgument(0);
            int offset = call.getArgument(1);
            int length = call.getArgument(2);
            byte[] answer = {(byte) 0xC0, 0x7F, (byte) 0xF0}; // ready, DAC register 0x7FF
            System.arraycopy(answer, 0, data, offset, length);
            return length;
        }).when(i2c).read(any(byte[].class), anyInt(), anyInt());
        return new Mcp4725DacActuator(i2c, new Mcp4725Settings(100, 3000, false, true, 1_000_000L), new FakeTimer(0L));
    }
}
