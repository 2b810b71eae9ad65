package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.context.Context;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;

/**
 * The bench's Pi4J providers as a driver uses them: I/O objects created from its context reach the
 * chips by bus, chip select, address and pin, and take their time on the wire.
 */
class SimulatedPiProvidersTest {
    private final SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
    private final Context context = bench.context();

    @AfterEach
    void shutdown() {
        context.shutdown();
    }

    private Spi spi(int bus, int chipSelect, int baud) {
        return context.create(Spi.newConfigBuilder(context).id("spi" + bus + chipSelect).bus(bus).channel(chipSelect)
                .chipSelect(SpiChipSelect.getByNumber(chipSelect)).baud(baud));
    }

    @Test
    void spiReachesTheChipOnItsChipSelectAndTakesEightClocksPerByte() {
        bench.addMcp3x08(0, 1, new Mcp3x08Settings(Mcp3x08Model.MCP3208, 0, false, 1_000_000.0, 3.3, 1000.0),
                new AnalogPath(PiBenches.MID_SCALE, 0.0, 0.0, 0.0, 1L));
        Spi wired = spi(0, 1, 1_000_000);
        byte[] in = new byte[3];
        assertEquals(3, wired.transfer(new byte[] {0x06, 0x00, 0x00}, 0, in, 0, 3));
        assertArrayEquals(new byte[] {0x00, 0x08, 0x00}, in, "a rig at rest: mid-scale, code 2048");
        assertEquals(24_000L, bench.timer().nanoTime(), "24 clocks at 1 MHz");
        assertEquals(1L, bench.counters().get("adcConversions"));

        Spi empty = spi(0, 0, 500_000);
        byte[] none = {1, 2, 3};
        assertEquals(3, empty.transfer(new byte[] {0x06, 0x00, 0x00}, 0, none, 0, 3));
        assertArrayEquals(new byte[3], none, "nothing on CE0: MISO reads zeros");
        assertEquals(72_000L, bench.timer().nanoTime(), "24 more clocks at 500 kHz");
        assertEquals(1, empty.write((byte) 0x06));
        assertEquals(0, empty.read());
        assertEquals(104_000L, bench.timer().nanoTime(), "and 8 clocks each way for one byte");
    }

    @Test
    void anI2cMessageNobodyAcknowledgesIsTheKernelsRemoteIoError() {
        I2C absent = context.create(I2C.newConfigBuilder(context).id("dac").bus(1).device(0x60));
        IOException e = assertThrows(IOException.class, () -> absent.write(new byte[] {0x01, 0x02}, 0, 2));
        assertEquals("I2C bus 1: no device acknowledged address 0x60 (Remote I/O error): is it wired, powered and at"
                + " that address?", e.getMessage());
        assertEquals(90_000L, bench.timer().nanoTime(), "the address byte's 9 clocks at 100 kHz");
    }

    @Test
    void outputsReachTheirWatchersAndInputsFollowTheirLines() {
        List<String> seen = new ArrayList<>();
        bench.watch(5, (nanos, pin, high) -> seen.add(nanos + ":" + pin + "=" + high));
        DigitalOutput step = context.create(DigitalOutput.newConfigBuilder(context).id("step").address(5)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        bench.timer().awaitNanos(1_000L);
        step.state(DigitalState.HIGH);
        assertEquals(DigitalState.HIGH, step.state());
        assertEquals("1000:5=true", seen.get(seen.size() - 1));

        DigitalInput pulledUp = context.create(DigitalInput.newConfigBuilder(context).id("home").address(26)
                .pull(PullResistance.PULL_UP));
        DigitalInput pulledDown = context.create(DigitalInput.newConfigBuilder(context).id("other").address(27)
                .pull(PullResistance.PULL_DOWN));
        assertEquals(DigitalState.HIGH, pulledUp.state(), "nothing drives it: the pull-up");
        assertEquals(DigitalState.LOW, pulledDown.state(), "nothing drives it: the pull-down");
        List<DigitalState> events = new ArrayList<>();
        pulledUp.addListener(event -> events.add(event.state()));
        bench.inputLine(26, true).drive(false);
        bench.inputLine(26, true).drive(false); // no change, no event
        bench.inputLine(26, true).drive(true);
        assertEquals(List.of(DigitalState.LOW, DigitalState.HIGH), events);
        assertEquals(DigitalState.HIGH, pulledUp.state());
    }

    @Test
    void aPwmChannelReportsEveryChangeWhileOn() {
        List<String> seen = new ArrayList<>();
        bench.addPwmChip(1, (nanos, on, hertz, percent) -> seen.add(on + " " + hertz + " Hz " + percent + " %"));
        Pwm pwm = context.create(Pwm.newConfigBuilder(context).id("pwm").address(1).pwmType(PwmType.HARDWARE)
                .frequency(20_000).initial(0).shutdown(0));
        seen.clear();
        pwm.setDutyCycle(40);
        assertEquals(List.of(), seen, "off: nothing to report");
        pwm.on();
        pwm.setDutyCycle(55);
        pwm.setFrequency(10_000);
        pwm.off();
        assertEquals(List.of("true 20000 Hz 40.0 %", "true 20000 Hz 55.0 %", "true 10000 Hz 55.0 %",
                "false 10000 Hz 55.0 %"), seen);
    }
}
