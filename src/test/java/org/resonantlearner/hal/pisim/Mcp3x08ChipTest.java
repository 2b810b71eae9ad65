package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08SampleSource;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;
import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * The emulated MCP3008/MCP3208 bit for bit, on a rig at rest (no drive) whose load voltage is the
 * analog path's offset alone, so every code is known in closed form; and its sample instants on the
 * physics' step grid.
 */
class Mcp3x08ChipTest {
    private static final double CLOCK_HZ = 1_000_000.0;

    private static Mcp3x08Settings settings(Mcp3x08Model model, int channel, boolean differential) {
        return new Mcp3x08Settings(model, channel, differential, CLOCK_HZ, PiBenches.VREF_VOLTS, 1000.0);
    }

    /** A chip reading a constant load of {@code loadVolts} (the path's offset on a rig at rest). */
    private static Mcp3x08Chip chip(Mcp3x08Settings wired, double loadVolts, String misoFault) {
        SimulatedPi bench = PiBenches.bench(PiBenches.rig(0.0, 1000), SimulatedPiFaults.NONE);
        return new Mcp3x08Chip(bench, wired, new AnalogPath(PiBenches.MID_SCALE, 0.0, loadVolts, 0.0, 1L), misoFault);
    }

    private static byte[] convert(Mcp3x08Chip chip, Mcp3x08Settings asked, long startNanos) {
        byte[] out = new byte[3];
        byte[] in = new byte[] {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA}; // every bit is written, none kept
        Mcp3x08SampleSource.encodeCommand(asked, out);
        chip.transfer(startNanos, CLOCK_HZ, out, 0, in, 0, 3);
        return in;
    }

    @Test
    void anMcp3208AnswersTheCodeOfItsInputAfterTheNullBit() {
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3208, 0, false);
        // 0.5 V at the load over a mid-scale bias: 2.15 V of 3.3 V, code round(2.15 / 3.3 · 4095) = 2668 = 0xA6C.
        byte[] in = convert(chip(wired, 0.5, "ok"), wired, 0L);
        assertArrayEquals(new byte[] {0x00, 0x0A, 0x6C}, in);
        assertEquals(2668, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, in));
    }

    @Test
    void anMcp3008AnswersTenBitsAlignedAsTheDatasheetDrawsThem() {
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3008, 5, false);
        // round(2.15 / 3.3 · 1023) = 667 = 0x29B: B9 B8 in the second byte's two low bits, the null bit above them 0.
        byte[] in = convert(chip(wired, 0.5, "ok"), wired, 0L);
        assertArrayEquals(new byte[] {0x00, 0x02, (byte) 0x9B}, in);
    }

    @Test
    void theInputClipsAtBothRails() {
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3208, 0, false);
        assertEquals(4095, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip(wired, 2.0, "ok"), wired, 0L)));
        assertEquals(0, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip(wired, -2.0, "ok"), wired, 0L)));
        // Exactly at the bottom of the span: 0 V at the input is code 0; the top, 3.3 V, is the top code.
        assertEquals(0, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip(wired, -1.65, "ok"), wired, 0L)));
        assertEquals(4095, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip(wired, 1.65, "ok"), wired, 0L)));
    }

    @Test
    void onlyTheWiredChannelAndModeCarryTheLoad() {
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3208, 2, true);
        Mcp3x08Chip chip = chip(wired, 0.5, "ok");
        assertEquals(2668, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip, wired, 0L)));
        for (Mcp3x08Settings other : List.of(settings(Mcp3x08Model.MCP3208, 2, false), settings(Mcp3x08Model.MCP3208, 3, true),
                settings(Mcp3x08Model.MCP3208, 6, true))) {
            assertEquals(0, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, convert(chip, other, 0L)), other.toString());
        }
        assertEquals(4, chip.conversions());
    }

    @Test
    void noStartBitNoConversionAndAStuckMisoAnswersItsLevelWhateverIsClocked() {
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3208, 0, false);
        Mcp3x08Chip chip = chip(wired, 0.5, "ok");
        byte[] in = new byte[] {1, 1, 1};
        chip.transfer(0L, CLOCK_HZ, new byte[3], 0, in, 0, 3);
        assertArrayEquals(new byte[3], in, "MISO stays low");
        assertEquals(0, chip.conversions());
        // The start bit in the last clocks: the command is cut short, nothing is converted.
        chip.transfer(0L, CLOCK_HZ, new byte[] {0, 0, 0x03}, 0, in, 0, 3);
        assertEquals(0, chip.conversions());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, convert(chip(wired, 0.5, "all-ones"), wired, 0L));
        assertArrayEquals(new byte[3], convert(chip(wired, 0.5, "all-zeros"), wired, 0L));
    }

    @Test
    void theSampleInstantIsTheHoldEdgeOnThePhysicsStepGrid() {
        SimulatedRig rig = PiBenches.rig(0.5, 1042);
        SimulatedPi bench = PiBenches.bench(rig, SimulatedPiFaults.NONE);
        Mcp3x08Settings wired = settings(Mcp3x08Model.MCP3208, 0, false);
        Mcp3x08Chip chip = new Mcp3x08Chip(bench, wired, new AnalogPath(PiBenches.MID_SCALE, 0, 0, 0, 1L), "ok");
        convert(chip, wired, 0L);
        // The first conversion starts the physics, one step before its hold edge (10.5 clocks at 1 MHz):
        // that edge is physics time 50 µs, step 1.
        assertEquals(1, rig.physicsSampleIndex());
        // A transfer starting at 1 ms holds at 1.0105 ms, physics time 1.0605 ms: the nearest step is 21 (1.05 ms).
        convert(chip, wired, 1_000_000L);
        assertEquals(21, rig.physicsSampleIndex());
        // Starting at 1.026 ms it holds at 1.0365 ms, physics 1.076 ms: nearer step 22 (1.10 ms) than 21 (1.05 ms).
        convert(chip, wired, 1_026_000L);
        assertEquals(22, rig.physicsSampleIndex());
        assertTrue(rig.trueEnergyJoules() > 0);
    }
}
