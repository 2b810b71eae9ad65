package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;
import org.resonantlearner.hal.SampleSource;

/** {@code physics-server}'s pipe ({@link org.resonantlearner.hal.sim.PhysicsPipe}) over in-memory streams. */
class PhysicsServerCommandTest {
    private static final long SEED = 7;

    private static RunConfig defaultConfig() {
        return ConfigLoader.load(null, new ConfigLoader.Overrides(SEED, null, null));
    }

    /** Builds requests little-endian. */
    private static final class Requests {
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Requests info() {
            buffer.put((byte) 'I');
            return this;
        }

        Requests move(int steps) {
            buffer.put((byte) 'M').putInt(steps);
            return this;
        }

        Requests samples(int n) {
            buffer.put((byte) 'S').putShort((short) n);
            return this;
        }

        Requests raw(int b) {
            buffer.put((byte) b);
            return this;
        }

        byte[] bytes() {
            byte[] out = new byte[buffer.position()];
            buffer.flip().get(out);
            return out;
        }
    }

    /** What one session of the server answered. */
    private record Session(int exitCode, ByteBuffer replies, String err) {}

    private static Session serve(RunConfig config, Requests requests) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PhysicsServerCommand.serve(config, new ByteArrayInputStream(requests.bytes()), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Session(code, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN),
                err.toString(StandardCharsets.UTF_8));
    }

    private static float[] floats(ByteBuffer replies, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = replies.getFloat();
        }
        return values;
    }

    private static double meanSquare(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return sum / v.length;
    }

    @Test
    void infoReportsTheConfigsRateRangeFullScaleAndBits() throws IOException {
        RunConfig config = defaultConfig();
        Session s = serve(config, new Requests().info().raw('Q'));
        assertEquals(0, s.exitCode(), s.err());
        ByteBuffer r = s.replies();
        assertEquals(4 + 4 + 4 + 4 + 8 + 1, r.remaining());
        assertEquals(20_000, r.getInt(), "the default rig's 20 000 S/s");
        assertEquals(0, r.getInt());
        assertEquals(10_000, r.getInt());
        assertEquals(2_000, r.getInt());
        assertEquals(3.3, r.getDouble(), 0.0);
        assertEquals(12, r.get());
        // And they are the config's, not the defaults' by accident.
        assertEquals(config.sensor().sampleRateHz(), 20_000.0);
        assertEquals(config.actuator().initialPositionSteps(), 2_000);
        assertTrue(s.err().contains("quit after 0 samples and 0 moves, at 2000 steps"), s.err());
    }

    @Test
    void samplesAreTheSimulatedRigsForTheSameSeedWithMovesTakingEffectAtTheNextSample() throws IOException {
        RunConfig config = defaultConfig();
        Session s = serve(config, new Requests().samples(300).samples(1).move(1042).samples(700).raw('Q'));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(4 * 1001, s.replies().remaining());
        float[] served = floats(s.replies(), 1001);

        try (Adapters.Opened rig = Adapters.open(config.withMode(RunMode.SIM), false)) {
            SampleSource source = rig.source();
            double[] expected = new double[1001];
            source.read(expected, 0, 301);
            rig.actuator().moveTo(1042);
            source.read(expected, 301, 700);
            float[] asFloat = new float[1001];
            for (int i = 0; i < expected.length; i++) {
                asFloat[i] = (float) expected[i];
            }
            assertArrayEquals(asFloat, served, "sample k served is the rig's sample k, the move from sample 301 on");
        }
    }

    @Test
    void aMoveToResonanceRaisesThePower() throws IOException {
        // 1 kHz drive, L = 10 mH: resonance at C = 2.53 µF, about 1042 steps; 2000 steps is far off it.
        int settle = 20_000; // 1 s: many time constants (2L/R = 5 ms)
        Session off = serve(defaultConfig(), new Requests().samples(settle).samples(4000));
        Session on = serve(defaultConfig(), new Requests().move(1042).samples(settle).samples(4000));
        assertEquals(0, off.exitCode(), off.err());
        assertEquals(0, on.exitCode(), on.err());
        floats(off.replies(), settle);
        floats(on.replies(), settle);
        double offPower = meanSquare(floats(off.replies(), 4000)) / ReferenceRlcRig.LOAD_OHMS;
        double onPower = meanSquare(floats(on.replies(), 4000)) / ReferenceRlcRig.LOAD_OHMS;
        assertEquals(ReferenceRlcRig.steadyPowerWatts(1042, 1000), onPower, 0.05 * onPower);
        assertEquals(ReferenceRlcRig.steadyPowerWatts(2000, 1000), offPower, 0.2 * offPower);
        assertTrue(onPower > 20 * offPower, onPower + " W on resonance vs " + offPower + " W off");
    }

    @Test
    void anUnknownOpIsOneLineNamingTheByteAndExitCodeTwo() throws IOException {
        Session s = serve(defaultConfig(), new Requests().samples(5).raw(0x7A).samples(5));
        assertEquals(2, s.exitCode());
        assertEquals(20, s.replies().remaining(), "the request before the mistake was answered, none after");
        assertEquals(1, s.err().lines().count(), s.err());
        assertTrue(s.err().contains("0x7A"), s.err());
    }

    @Test
    void aMoveOutsideTheRangeOrARequestCutShortIsExitCodeTwo() throws IOException {
        Session outside = serve(defaultConfig(), new Requests().move(10_001));
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("10001"), outside.err());
        Session cut = serve(defaultConfig(), new Requests().raw('S').raw(3));
        assertEquals(2, cut.exitCode());
        assertTrue(cut.err().contains("cut short"), cut.err());
    }

    @Test
    void theEndOfInputIsACleanExit() throws IOException {
        Session s = serve(defaultConfig(), new Requests().info());
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(PhysicsServerCommandTest.infoBytes(), s.replies().remaining());
    }

    private static int infoBytes() {
        return org.resonantlearner.hal.sim.PhysicsPipe.INFO_BYTES;
    }

    @Test
    void theCommandIsOnTheCommandLine() {
        assertEquals(0, Main.execute("physics-server", "--help"));
    }
}
