package org.resonantlearner.hal.serial;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.app.config.SensorSettings;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.SensorModel;

/**
 * A front-end emulator backed by the simulated rig of the default config, served on a thread over a
 * pseudo-terminal, with a tap on everything it writes: the tap records each frame as sent and can
 * damage frames and insert garbage on the way to the wire (the recording keeps the frame as it was
 * before the damage, plus whether it was damaged).
 */
final class EmulatedDevice implements AutoCloseable {
    static final int SAMPLES_PER_FRAME = 64;

    /** One frame as the emulator wrote it, and whether the tap damaged it on the wire. */
    record SentFrame(byte[] bytes, boolean damaged) {}

    private final FrontEndEmulator emulator;
    private final SimulatedRig rig;
    private final Tap tap;
    private final Thread thread;
    private volatile Throwable failure;

    /**
     * Starts serving on {@code devicePath}.
     *
     * @param seed run seed of the simulated rig (noise)
     * @param bootId the emulator's boot id
     * @param damageEvery damage every n-th sample frame (0: never)
     * @param garbageEvery insert garbage before every n-th frame (0: never)
     */
    EmulatedDevice(Path devicePath, long seed, long bootId, int damageEvery, int garbageEvery) throws IOException {
        RunConfig config = ConfigLoader.load(null, new ConfigLoader.Overrides(seed, null, null));
        SensorSettings sensor = config.sensor();
        SensorModel sensorModel = new SensorModel(sensor.adcBits(), sensor.fullScaleVolts(), sensor.noiseVoltsRms(),
                sensor.offsetVolts(), sensor.gainErrorFraction(), Seeds.derive(seed, "sensor"));
        var actuator = config.actuator();
        rig = new SimulatedRig(config.rig(), config.tuningMap(), config.drive(), sensorModel, sensor.sampleRateHz(),
                actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.initialPositionSteps(), true);
        emulator = new FrontEndEmulator(rig.sampleSource(), rig.actuator(), sensor.adcBits(), sensor.fullScaleVolts(),
                SAMPLES_PER_FRAME, bootId);
        InputStream in = new FileInputStream(devicePath.toFile());
        OutputStream out = new FileOutputStream(devicePath.toFile());
        tap = new Tap(out, new SplittableRandom(seed * 31 + 7), damageEvery, garbageEvery);
        thread = Thread.ofPlatform().daemon().name("emulated-device").start(() -> {
            try (in; out) {
                emulator.run(in, tap);
            } catch (IOException e) {
                // The pseudo-terminal went away (the test killed socat): the device is unplugged.
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    FrontEndEmulator emulator() {
        return emulator;
    }

    /** Frames written so far, in order. */
    List<SentFrame> sentFrames() {
        synchronized (tap) {
            return new ArrayList<>(tap.frames);
        }
    }

    /** Sample frames damaged on the wire so far. */
    int damagedFrames() {
        synchronized (tap) {
            return (int) tap.frames.stream().filter(SentFrame::damaged).count();
        }
    }

    /** Waits for the device thread to end (after the pseudo-terminal is gone); rethrows what it threw. */
    void awaitEnd() throws InterruptedException {
        emulator.stop();
        thread.join(10_000);
        if (failure != null) {
            throw new AssertionError("the emulator failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        emulator.stop();
        thread.join(10_000);
    }

    private static final class Tap extends FilterOutputStream {
        private final SplittableRandom random;
        private final int damageEvery;
        private final int garbageEvery;
        private final List<SentFrame> frames = new ArrayList<>();
        private int sampleFrames;

        Tap(OutputStream out, SplittableRandom random, int damageEvery, int garbageEvery) {
            super(out);
            this.random = random;
            this.damageEvery = damageEvery;
            this.garbageEvery = garbageEvery;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            // The emulator writes exactly one whole frame per call.
            byte[] frame = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
            int type = frame[3] & 0xFF;
            boolean sampleFrame = type == FrontEndProtocol.TYPE_SAMPLES12 || type == FrontEndProtocol.TYPE_SAMPLES16;
            boolean damage = false;
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            if (sampleFrame) {
                sampleFrames++;
                damage = damageEvery > 0 && sampleFrames % damageEvery == 0;
                if (garbageEvery > 0 && sampleFrames % garbageEvery == 0) {
                    wire.writeBytes(garbage());
                }
            }
            byte[] sent = frame.clone();
            if (damage) {
                // Flip one bit after the sync pattern: the frame must fail its header or CRC check.
                int bit = 16 + random.nextInt((sent.length - 2) * 8);
                sent[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            wire.writeBytes(sent);
            synchronized (this) {
                frames.add(new SentFrame(frame, damage));
            }
            out.write(wire.toByteArray());
        }

        private byte[] garbage() {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            // Make it nasty: a sync pattern and a plausible header start inside the garbage.
            if (junk.length > 4) {
                junk[1] = FrontEndProtocol.SYNC_0;
                junk[2] = FrontEndProtocol.SYNC_1;
                junk[3] = (byte) FrontEndProtocol.VERSION;
            }
            return junk;
        }
    }
}
