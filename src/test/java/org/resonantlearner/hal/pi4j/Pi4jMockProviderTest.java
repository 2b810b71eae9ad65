package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The actuators on I/O objects from Pi4J's mock providers, as the application would open them. */
class Pi4jMockProviderTest {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance()).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private DigitalOutput output(int bcm) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out" + bcm).address(bcm)
                .provider(MockDigitalOutputProvider.class));
    }

    @Test
    void capacitorBankLeavesTheMockOutputsAtTheCodesLevels() {
        List<DigitalOutput> switches = new ArrayList<>();
        for (int bit = 0; bit < 3; bit++) {
            switches.add(output(20 + bit));
        }
        SwitchedCapacitorBankActuator bank = new SwitchedCapacitorBankActuator(switches,
                new CapacitorBankSettings(true, 0L, 0L, true), new FakeTimer(0L));
        bank.moveTo(0b101);
        assertEquals(List.of(DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW),
                switches.stream().map(DigitalOutput::state).toList());
        bank.close();
        assertEquals(List.of(DigitalState.HIGH, DigitalState.HIGH, DigitalState.HIGH),
                switches.stream().map(DigitalOutput::state).toList());
    }

    @Test
    void stepperHomesAgainstAMockSwitch() {
        MockDigitalInput home = (MockDigitalInput) pi4j.<DigitalInput>create(DigitalInput.newConfigBuilder(pi4j)
                .id("home").address(26).provider(MockDigitalInputProvider.class));
        home.mockState(DigitalState.LOW);
        DigitalOutput step = output(5);
        DigitalOutput dir = output(6);
        DigitalOutput enable = output(13);
        FakeTimer timer = new FakeTimer(0L);
        StepDirStepperActuator stepper = new StepDirStepperActuator(step, dir, enable, home, List.of(),
                StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 8, -50, 50, 100.0, 100.0, 1.0), timer);
        stepper.moveTo(7);
        stepper.home();
        assertEquals(0, stepper.positionSteps());
        assertEquals(DigitalState.LOW, dir.state());
        assertEquals(DigitalState.LOW, enable.state());
        stepper.close();
        assertEquals(DigitalState.HIGH, enable.state());
        assertEquals(DigitalState.LOW, step.state());
    }
}
