package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.SampleSource;

/**
 * The emulator over real pseudo-terminals: {@link SocatLink} unplugs and replugs the host's device
 * node, {@link PortLink} survives the host closing its end and the pair going away. Skips without
 * socat outside CI.
 */
@Timeout(30)
class FrontEndEmulatorLinkTest {
    private static final double RATE = 20_000;

    @TempDir
    Path directory;

    private static SampleSource zeros() {
        return new SampleSource() {
            @Override
            public double sampleRateHz() {
                return RATE;
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                java.util.Arrays.fill(loadVolts, offset, offset + count, 0.0);
                return count;
            }

            @Override
            public void close() {}
        };
    }

    private static void awaitPath(Path path, boolean exists, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (Files.exists(path) != exists && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(exists, Files.exists(path), path + (exists ? " appears" : " vanishes"));
    }

    @Test
    void theLinkUnplugsAndReplugsAndTheNextHelloIsAnswered() throws Exception {
        PtyPair.requireSocat();
        Path node = directory.resolve("dev");
        SocatLink link = new SocatLink(node);
        FrontEndEmulator emulator = new FrontEndEmulator(zeros(), new CountingActuator(0, 100, 50), 12, 3.3, 64, 5)
                .withFaults(new EmulatorFaults(0, 0, 0, 1.0, 0.3, 0, 0, 1));
        Thread device = Thread.ofPlatform().daemon().start(() -> emulator.run(link));
        try {
            awaitPath(node, true, 5);
            try (HostEnd host = HostEnd.open(node.toString())) {
                host.hello();
                HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5);
                assertTrue(info.u32(32) < RATE, "a session before the first unplug at 1 s");
                assertTrue(host.awaitEnd(3), "the host's port fails at the unplug");
            }
            awaitPath(node, false, 2);
            awaitPath(node, true, 3);
            try (HostEnd host = HostEnd.open(node.toString())) {
                host.hello();
                HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5);
                long next = info.u32(32);
                assertTrue(next >= 1.3 * RATE, "fresh samples after the replug: " + next);
                assertEquals(next, host.await(FrontEndProtocol.TYPE_SAMPLES12, 5).firstIndex());
            }
        } finally {
            emulator.stop();
            long stopAt = System.nanoTime();
            device.join(5000);
            link.close();
            assertFalse(device.isAlive());
            assertTrue(System.nanoTime() - stopAt < 2_500_000_000L, "stopped promptly");
        }
        assertFalse(Files.exists(node), "the device node goes with the link");
        EmulatorCounters counters = emulator.counters();
        assertTrue(counters.unplugs() >= 1);
        assertEquals(2, counters.hellosAnswered());
        // The unplug window [1.0, 1.3) s holds 94 whole frames (first indices 20032 .. 25984).
        assertTrue(counters.samplesUnplugged() >= 94 * 64 && counters.samplesUnplugged() <= 94 * 64 + 64 * 64,
                "samples unplugged: " + counters.samplesUnplugged());
    }

    @Test
    void thePortSurvivesTheHostClosingAndThePairGoingAway() throws Exception {
        Path pairDirectory = Files.createDirectory(directory.resolve("pair"));
        PtyPair pair = PtyPair.start(pairDirectory);
        PortLink link = new PortLink(pair.devicePath());
        FrontEndEmulator emulator = new FrontEndEmulator(zeros(), new CountingActuator(0, 100, 50), 12, 3.3, 64, 5);
        Thread device = Thread.ofPlatform().daemon().start(() -> emulator.run(link));
        try {
            try (HostEnd host = HostEnd.open(pair.hostPath())) {
                host.hello();
                host.await(FrontEndProtocol.TYPE_INFO, 5);
                host.await(FrontEndProtocol.TYPE_SAMPLES12, 5);
            }
            Thread.sleep(3000); // the host is away: socat buffers some 50 kB (1.5 s), then the writes block
            try (HostEnd host = HostEnd.open(pair.hostPath())) {
                long helloAt = System.nanoTime();
                host.hello();
                HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5); // after socat's stale bytes
                assertTrue(info.sequence() == 0);
                assertTrue(System.nanoTime() - helloAt < 1_000_000_000L, "answered promptly");
                HostEnd.Frame first = host.await(FrontEndProtocol.TYPE_SAMPLES12, 5);
                assertEquals(info.u32(32), first.firstIndex());
            }
            pair.kill(); // the pair goes away: the device's port fails
            pair = PtyPair.start(pairDirectory);
            try (HostEnd host = HostEnd.open(pair.hostPath())) {
                host.hello();
                HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5);
                assertTrue(info.u32(32) > 2 * RATE, "the counter ran on: " + info.u32(32));
            }
        } finally {
            emulator.stop();
            device.join(5000);
            pair.close();
        }
        assertFalse(device.isAlive());
        EmulatorCounters counters = emulator.counters();
        assertEquals(3, counters.hellosAnswered());
        assertTrue(counters.sessionsLost() >= 2, "the host going away and the pair going away: "
                + counters.sessionsLost());
    }
}
