package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.Pi4jSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.pi4j.CapacitorBankSettings;
import org.resonantlearner.hal.pi4j.SwitchedCapacitorBankActuator;

/**
 * The emulated capacitor bank against the real {@link SwitchedCapacitorBankActuator}: the switch
 * states are the rig's position at each instant a pin changes, so break-before-make shows.
 */
class CapacitorBankChipTest {
    private static final List<Integer> PINS = List.of(5, 6, 13, 19);
    private static final long BREAK_NANOS = 10_000_000L;
    private static final long SETTLE_NANOS = 20_000_000L;

    private static RunConfig config(boolean activeLow) {
        return PiBench.config("{\"mode\": \"pi4j\", \"rig\": {\"kind\": \"rlc\"},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 15, \"initialPositionSteps\": 9},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"mcp3208\"},"
                + " \"actuator\": {\"type\": \"capacitor-bank\", \"switchPins\": [5, 6, 13, 19],"
                + " \"switchActiveLow\": " + activeLow + ", \"breakNanos\": " + BREAK_NANOS
                + ", \"settleNanos\": " + SETTLE_NANOS + "}}}");
    }

    /** What the rig's tuning is at each instant a switch pin changes (after the bank has seen it). */
    private record Instant(long nanos, int positionSteps, double tunedFarads) { }

    private static SwitchedCapacitorBankActuator bank(PiBench bench, List<Instant> seen) {
        CapacitorBankSettings settings = ((Pi4jSettings.CapacitorBankWiring) bench.config.pi4j().actuator()).settings();
        bench.pi.addCapacitorBank(PINS, settings);
        for (int pin : PINS) {
            // Watches after the bank: it has retuned the rig when this one looks.
            bench.pi.watch(pin, (nanos, bcmPin, high) -> seen.add(new Instant(nanos,
                    bench.pi.rig().actuator().positionSteps(), bench.pi.rig().tunedValue())));
        }
        DigitalState open = settings.switchActiveLow() ? DigitalState.HIGH : DigitalState.LOW;
        List<DigitalOutput> switches = new ArrayList<>();
        for (int i = 0; i < PINS.size(); i++) {
            switches.add(bench.context.create(DigitalOutput.newConfigBuilder(bench.context).id("bank-switch" + i)
                    .address(PINS.get(i)).initial(open).shutdown(open)));
        }
        return new SwitchedCapacitorBankActuator(switches, settings, bench.timer());
    }

    @Test
    void breakBeforeMakePassesThroughTheCommonCodeForTheBreakTime() {
        try (PiBench bench = PiBench.of(config(true))) {
            List<Instant> seen = new ArrayList<>();
            SwitchedCapacitorBankActuator actuator = bank(bench, seen);
            assertEquals(0, bench.pi.rig().actuator().positionSteps(), "power-up: every switch open");
            actuator.moveTo(0b0111);
            long start = bench.timer().nanoTime();
            seen.clear();

            actuator.moveTo(0b1000);

            // Opens bits 0, 1, 2 (ascending) at once, waits the break, then closes bit 3.
            assertEquals(List.of(start, start, start, start + BREAK_NANOS), seen.stream().map(Instant::nanos).toList());
            assertEquals(List.of(0b0110, 0b0100, 0b0000, 0b1000), seen.stream().map(Instant::positionSteps).toList());
            double lowestFarads = bench.config.tuningMap().valueAt(0);
            assertEquals(lowestFarads, seen.get(2).tunedFarads(), 1e-18, "C_base alone during the break");
            assertEquals(bench.config.tuningMap().valueAt(8), seen.get(3).tunedFarads(), 1e-18);
            assertEquals(start + BREAK_NANOS + SETTLE_NANOS, bench.timer().nanoTime(), "then the settle wait");
            assertEquals(3L + 4L, bench.pi.counters().get("bankSwitchChanges"));
        }
    }

    @Test
    void movesWithNothingToOpenCloseAtOnceAndActiveHighSwitchesFollowTheirPins() {
        try (PiBench bench = PiBench.of(config(false))) {
            List<Instant> seen = new ArrayList<>();
            SwitchedCapacitorBankActuator actuator = bank(bench, seen);
            seen.clear();
            actuator.moveTo(0b1010);
            assertEquals(List.of(0b0010, 0b1010), seen.stream().map(Instant::positionSteps).toList());
            assertEquals(List.of(0L, 0L), seen.stream().map(Instant::nanos).toList(), "nothing opens: no break");
            for (int code = 0; code <= 15; code++) {
                actuator.moveTo(code);
                assertEquals(code, bench.pi.rig().actuator().positionSteps());
            }
            actuator.close();
            assertEquals(0, bench.pi.rig().actuator().positionSteps(), "openAllOnClose");
        }
    }
}
