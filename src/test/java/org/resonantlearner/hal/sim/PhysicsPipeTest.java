package org.resonantlearner.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;

/**
 * The pipe's byte layout and rules on a scripted source (sample n is n·1 mV, delivered at most 3 per
 * read, as a source that returns fewer than asked) and a counting actuator; the command's test runs
 * it on the simulated rig.
 */
class PhysicsPipeTest {
    private final CountingActuator actuator = new CountingActuator(-5, 100, 7);
    private final SampleSource ramp = new SampleSource() {
        private long next;

        @Override
        public double sampleRateHz() {
            return 20_000;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            int n = Math.min(count, 3);
            for (int i = 0; i < n; i++) {
                loadVolts[offset + i] = 1e-3 * next++;
            }
            return n;
        }

        @Override
        public void close() {}
    };
    /** The counting actuator behind the range check every adapter's moveTo starts with. */
    private final TuningActuator checked = new TuningActuator() {
        @Override
        public int minPositionSteps() {
            return actuator.minPositionSteps();
        }

        @Override
        public int maxPositionSteps() {
            return actuator.maxPositionSteps();
        }

        @Override
        public int positionSteps() {
            return actuator.positionSteps();
        }

        @Override
        public void moveTo(int positionSteps) {
            actuator.moveTo(requireInRange(positionSteps));
        }

        @Override
        public void close() {}
    };
    private final PhysicsPipe pipe = new PhysicsPipe(ramp, checked,
            new PhysicsPipe.Facts(20_000, -5, 100, 7, 3.3, 12));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(byte... requests) throws IOException {
        return pipe.serve(new ByteArrayInputStream(requests), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private ByteBuffer replies() {
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void infoIsTheFactsLittleEndian() throws IOException {
        assertEquals(PhysicsPipe.EXIT_OK, serve((byte) 'I'));
        ByteBuffer b = replies();
        assertEquals(PhysicsPipe.INFO_BYTES, b.remaining());
        assertEquals(20_000, b.getInt());
        assertEquals(-5, b.getInt());
        assertEquals(100, b.getInt());
        assertEquals(7, b.getInt());
        assertEquals(3.3, b.getDouble(), 0.0);
        assertEquals(12, b.get());
    }

    @Test
    void samplesComeInOrderAsFloatsAndMovesReachTheActuator() throws IOException {
        // 'S' 5, 'M' 42, 'S' 2 (u16 and i32 little-endian), then 'Q'.
        assertEquals(PhysicsPipe.EXIT_OK, serve((byte) 'S', (byte) 5, (byte) 0, (byte) 'M', (byte) 42, (byte) 0,
                (byte) 0, (byte) 0, (byte) 'S', (byte) 2, (byte) 0, (byte) 'Q', (byte) 'I'));
        ByteBuffer b = replies();
        assertEquals(4 * 7, b.remaining(), "nothing after 'Q' is answered");
        for (int n = 0; n < 7; n++) {
            assertEquals((float) (1e-3 * n), b.getFloat(), 0.0f, "sample " + n);
        }
        assertEquals(42, actuator.position);
        assertEquals(1, actuator.moves);
        assertEquals(7, pipe.samplesServed());
        assertEquals(1, pipe.moves());
        assertEquals("physics-server: quit after 7 samples and 1 moves, at 42 steps",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theEndOfInputIsACleanExitAndEveryMistakeIsOneLineAndExitTwo() throws IOException {
        assertEquals(PhysicsPipe.EXIT_OK, serve());
        assertEquals(PhysicsPipe.EXIT_PIPE_ERROR, serve((byte) 'z'));
        assertEquals("physics-server: unknown request byte 0x7A at sample 0", err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(PhysicsPipe.EXIT_PIPE_ERROR, serve((byte) 'M', (byte) 1, (byte) 0));
        assertEquals("physics-server: request 0x4D cut short by the end of input", err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(PhysicsPipe.EXIT_PIPE_ERROR, serve((byte) 'M', (byte) 101, (byte) 0, (byte) 0, (byte) 0));
        String refused = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(refused.startsWith("physics-server: request 0x4D refused: positionSteps = 101 steps is outside"),
                refused);
        assertEquals(0, actuator.moves);

        SampleSource ended = new SampleSource() {
            @Override
            public double sampleRateHz() {
                return 20_000;
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                return -1;
            }

            @Override
            public void close() {}
        };
        err.reset();
        PhysicsPipe dry = new PhysicsPipe(ended, checked, new PhysicsPipe.Facts(20_000, -5, 100, 7, 3.3, 12));
        assertEquals(PhysicsPipe.EXIT_PIPE_ERROR, dry.serve(new ByteArrayInputStream(new byte[] {'S', 4, 0}), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("physics-server: request 0x53 refused: the simulated stream ended after 0 samples",
                err.toString(StandardCharsets.UTF_8).strip());
    }
}
