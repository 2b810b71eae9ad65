package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchedCapacitorBankActuatorTest {
    private static final long BREAK_NANOS = 10_000_000L;
    private static final long SETTLE_NANOS = 5_000_000L;

    private final PinLog log = new PinLog();
    private final List<DigitalOutput> switches = List.of(log.output("C0"), log.output("C1"), log.output("C2"),
            log.output("C3"));

    private SwitchedCapacitorBankActuator bank(boolean activeLow) {
        return new SwitchedCapacitorBankActuator(switches,
                new CapacitorBankSettings(activeLow, BREAK_NANOS, SETTLE_NANOS, true), log.timer);
    }

    @Test
    void constructionOpensEverySwitch() {
        bank(false);
        assertEquals(List.of("C0=L", "C1=L", "C2=L", "C3=L"), log.drain());
        bank(true);
        assertEquals(List.of("C0=H", "C1=H", "C2=H", "C3=H"), log.drain());
    }

    @Test
    void movesOpenFirstWaitTheBreakTimeThenClose() {
        SwitchedCapacitorBankActuator bank = bank(false);
        log.drain();

        bank.moveTo(0b0101);
        assertEquals(List.of("C0=H", "C2=H", "wait 5000000"), log.drain(), "nothing to open: no break wait");

        bank.moveTo(0b0110);
        assertEquals(List.of("C0=L", "wait 10000000", "C1=H", "wait 5000000"), log.drain());

        bank.moveTo(0b1001);
        assertEquals(List.of("C1=L", "C2=L", "wait 10000000", "C0=H", "C3=H", "wait 5000000"), log.drain());

        bank.moveTo(0b0001);
        assertEquals(List.of("C3=L"), log.drain(), "nothing to close: no waits");
        assertEquals(0b0001, bank.positionSteps());

        bank.close();
        assertEquals(List.of("C0=L"), log.drain());
    }

    @Test
    void activeLowBankDrivesLowToClose() {
        SwitchedCapacitorBankActuator bank = bank(true);
        log.drain();
        bank.moveTo(0b0011);
        bank.moveTo(0b0100);
        assertEquals(List.of("C0=L", "C1=L", "wait 5000000", "C0=H", "C1=H", "wait 10000000", "C2=L",
                "wait 5000000"), log.drain());
    }

    @Test
    void noIntermediateStateHasASwitchOnThatIsOnInNeitherEndOfTheMove() {
        SwitchedCapacitorBankActuator bank = bank(false);
        log.drain();
        int state = 0;
        for (int from = 0; from < 16; from++) {
            for (int to = 0; to < 16; to++) {
                bank.moveTo(from);
                log.drain();
                state = from;
                bank.moveTo(to);
                boolean closedAny = false;
                boolean waitedSinceLastOpen = true;
                for (String event : log.drain()) {
                    if (event.startsWith("wait")) {
                        waitedSinceLastOpen = true;
                        continue;
                    }
                    int bit = 1 << (event.charAt(1) - '0');
                    if (event.endsWith("=H")) {
                        assertTrue(waitedSinceLastOpen || (from & ~to) == 0,
                                "closing " + event + " on " + from + " -> " + to + " without the break wait");
                        state |= bit;
                        closedAny = true;
                    } else {
                        assertTrue(!closedAny, "opening " + event + " after a close on " + from + " -> " + to);
                        state &= ~bit;
                        waitedSinceLastOpen = false;
                    }
                    assertEquals(0, state & ~(from | to), "state " + state + " on " + from + " -> " + to);
                }
                assertEquals(to, state);
                assertEquals(to, bank.positionSteps());
            }
        }
    }

    @Test
    void refusesCodesBeyondTheBank() {
        SwitchedCapacitorBankActuator bank = bank(false);
        log.drain();
        assertThrows(IllegalArgumentException.class, () -> bank.moveTo(16));
        assertThrows(IllegalArgumentException.class, () -> bank.moveTo(-1));
        assertEquals(List.of(), log.drain());
        assertEquals(15, bank.maxPositionSteps());
        List<DigitalOutput> none = new ArrayList<>();
        assertThrows(IllegalArgumentException.class, () -> new SwitchedCapacitorBankActuator(none,
                new CapacitorBankSettings(false, 0L, 0L, true), log.timer));
    }
}
