package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;
import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * What the bench itself decides: which chip a bus address reaches, every I2C message form a driver
 * may use, the tuning before and after the physics starts, and what a shutdown stops.
 */
class SimulatedPiWiringTest {
    /** An I2C chip that logs every message and reads back a fixed pattern. */
    private static final class LoggingChip implements I2cChip {
        final List<String> log = new ArrayList<>();

        @Override
        public void write(long nanos, byte[] data, int offset, int length) {
            log.add(nanos + " W " + Arrays.toString(Arrays.copyOfRange(data, offset, offset + length)));
        }

        @Override
        public void read(long nanos, byte[] data, int offset, int length) {
            for (int i = 0; i < length; i++) {
                data[offset + i] = (byte) (0xF0 + i);
            }
            log.add(nanos + " R " + length);
        }
    }

    @Test
    void eachBusAndChipSelectReachesItsOwnChip() {
        SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
        Mcp3x08Settings settings = new Mcp3x08Settings(Mcp3x08Model.MCP3208, 0, false, 1_000_000.0, 3.3, 1000.0);
        // Three converters reading 0.5, 1.0 and −0.5 V at the load: codes 2668, 3288 and 1427.
        bench.addMcp3x08(0, 0, settings, new AnalogPath(PiBenches.MID_SCALE, 0.0, 0.5, 0.0, 1L));
        bench.addMcp3x08(0, 1, settings, new AnalogPath(PiBenches.MID_SCALE, 0.0, 1.0, 0.0, 1L));
        bench.addMcp3x08(1, 0, settings, new AnalogPath(PiBenches.MID_SCALE, 0.0, -0.5, 0.0, 1L));
        Context context = bench.context();
        try {
            int[] codes = new int[3];
            int[][] addresses = {{0, 0}, {0, 1}, {1, 0}};
            for (int i = 0; i < 3; i++) {
                Spi spi = context.create(Spi.newConfigBuilder(context).id("spi" + i).bus(addresses[i][0])
                        .channel(addresses[i][1]).chipSelect(SpiChipSelect.getByNumber(addresses[i][1])).baud(1_000_000));
                byte[] in = new byte[3];
                spi.transfer(new byte[] {0x06, 0x00, 0x00}, 0, in, 0, 3);
                codes[i] = (in[1] & 0x0F) << 8 | in[2] & 0xFF;
            }
            assertArrayEquals(new int[] {2668, 3288, 1427}, codes);
        } finally {
            context.shutdown();
        }
    }

    @Test
    void everyI2cMessageFormReachesTheChipAtItsAddressOnItsBus() {
        SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
        LoggingChip chip = new LoggingChip();
        LoggingChip other = new LoggingChip();
        bench.addI2cChip(1, 0x48, chip);
        bench.addI2cChip(0, 0x48, other);
        bench.addI2cChip(1, 0x49, other);
        Context context = bench.context();
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context).id("adc").bus(1).device(0x48));
            assertEquals(1, i2c.write((byte) 0x7F));
            assertEquals(2, i2c.write(new byte[] {9, 1, 2, 9}, 1, 2));
            assertEquals(0xF0, i2c.read());
            byte[] two = new byte[3];
            assertEquals(2, i2c.read(two, 1, 2));
            assertArrayEquals(new byte[] {0, (byte) 0xF0, (byte) 0xF1}, two);
            assertEquals(1, i2c.writeRegister(0x01, (byte) 0x55));
            assertEquals(2, i2c.writeRegister(0x02, new byte[] {7, 8, 9}, 1, 2));
            assertEquals(2, i2c.writeRegister(new byte[] {0x03, 0x04}, new byte[] {5, 6, 7}, 1, 2));
            assertEquals(0xF0, i2c.readRegister(0x05));
            byte[] word = new byte[2];
            assertEquals(2, i2c.readRegister(0x06, word, 0, 2));
            assertEquals(2, i2c.readRegister(new byte[] {0x07}, word, 0, 2));
            assertEquals(List.of("0 W [127]", "180000 W [1, 2]", "450000 R 1", "630000 R 2", "900000 W [1, 85]",
                    "1170000 W [2, 8, 9]", "1530000 W [3, 4, 6, 7]", "1980000 W [5]", "2160000 R 1", "2340000 W [6]",
                    "2520000 R 2", "2790000 W [7]", "2970000 R 2"), chip.log);
            assertEquals(List.of(), other.log, "another bus or address hears nothing");
            assertEquals(3_240_000L, bench.timer().nanoTime(), "9 clocks per byte, the address byte included");
        } finally {
            context.shutdown();
        }
    }

    @Test
    void ioObjectsReturnThemselvesAsPi4jsFluentCallsExpect() {
        SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
        Context context = bench.context();
        try {
            DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context).id("o").address(4));
            assertSame(out, out.state(DigitalState.HIGH));
            Pwm pwm = context.create(Pwm.newConfigBuilder(context).id("p").address(0).pwmType(PwmType.HARDWARE));
            assertSame(pwm, pwm.on());
            assertSame(pwm, pwm.off());
            Spi spi = context.create(Spi.newConfigBuilder(context).id("s").bus(0).channel(0)
                    .chipSelect(SpiChipSelect.CS_0).baud(1_000_000));
            assertEquals(2, spi.read(new byte[2], 0, 2));
            assertEquals(2, spi.write(new byte[2], 0, 2));
        } finally {
            context.shutdown();
        }
    }

    @Test
    void tuningBeforeTheFirstConversionMovesNoPhysicsAndIsClampedToTheRange() {
        SimulatedRig rig = PiBenches.rig(0.5, 1000);
        SimulatedPi bench = PiBenches.bench(rig, SimulatedPiFaults.NONE);
        bench.tuneAt(5_000_000L, 1042);
        assertEquals(0, rig.physicsSampleIndex(), "the rig rests until the stream starts");
        assertEquals(1042, rig.actuator().positionSteps());
        bench.tuneAt(6_000_000L, 20_000);
        assertEquals(10_000, rig.actuator().positionSteps(), "clamped to the top");
        bench.tuneAt(6_000_000L, -3);
        assertEquals(0, rig.actuator().positionSteps(), "clamped to the bottom");
        bench.loadVoltsForConversion(10_000_000L);
        assertEquals(1, rig.physicsSampleIndex(), "the first conversion is physics step 1");
        bench.tuneAt(10_100_000L, 500); // 100 µs later: the physics catches up to the move first
        assertEquals(3, rig.physicsSampleIndex());
        assertEquals(500, rig.actuator().positionSteps());
    }

    @Test
    void shutdownRunsEveryStopOnceAndInputLinesAreKeptByPin() {
        SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
        List<String> stopped = new ArrayList<>();
        bench.onShutdown(() -> stopped.add("a"));
        bench.onShutdown(() -> stopped.add("b"));
        bench.shutdown();
        bench.shutdown();
        assertEquals(List.of("a", "b"), stopped);
        InputLine line = bench.inputLine(17, false);
        assertSame(line, bench.inputLine(17, true), "the first caller set its resting level");
        assertTrue(!line.high());
    }
}
