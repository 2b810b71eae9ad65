package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ready signal on Pi4J's own mock input provider: real listener plumbing, no hardware. */
class DigitalInputReadySignalTest {
    private Context pi4j;
    private MockDigitalInput pin;

    @BeforeEach
    void openMockInput() {
        pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
        DigitalInput input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("alert-rdy").address(17)
                .debounce(0L).provider(MockDigitalInputProvider.class));
        pin = (MockDigitalInput) input;
        pin.mockState(DigitalState.HIGH);
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private void pulse() {
        pin.mockState(DigitalState.LOW);
        pin.mockState(DigitalState.HIGH);
    }

    @Test
    void countsEachLowPulseOnceAndReportsMissedOnes() {
        DigitalInputReadySignal ready = new DigitalInputReadySignal(pin);
        pulse();
        assertEquals(1, ready.awaitReady(0L));
        pulse();
        pulse();
        pulse();
        assertEquals(3, ready.awaitReady(0L));
        assertEquals(0, ready.awaitReady(0L), "timeout 0 with no pulse pending");
        ready.close();
    }

    @Test
    void discardForgetsStalePulsesAndCloseStopsCounting() {
        DigitalInputReadySignal ready = new DigitalInputReadySignal(pin);
        pulse();
        pulse();
        ready.discardPending();
        assertEquals(0, ready.awaitReady(0L));
        ready.close();
        pulse();
        assertEquals(0, ready.awaitReady(0L));
    }

    @Test
    void interruptedWaitReturnsZeroAndKeepsTheFlag() {
        DigitalInputReadySignal ready = new DigitalInputReadySignal(pin);
        Thread.currentThread().interrupt();
        try {
            assertEquals(0, ready.awaitReady(1_000_000_000L));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
            ready.close();
        }
    }
}
