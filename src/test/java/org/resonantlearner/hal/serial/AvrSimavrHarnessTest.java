package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simavr harness on its own, with its bring-up program (sim/test/echo_adc.c, not the
 * firmware): the UART reaches the pty, conversions run at the Timer1 rate and read the physics
 * server's samples, STEP edges move the simulated actuator (the ADC codes change with it) and the
 * home switch closes at the minimum.
 */
@Timeout(120)
class AvrSimavrHarnessTest {
    @TempDir
    Path directory;

    private Process harness;
    private InputStream fromAvr;
    private OutputStream toAvr;

    private void start(Path link) throws IOException, InterruptedException {
        Path binary = AvrBuilds.simavrHarness();
        Path elf = AvrBuilds.make(Path.of("hardware/frontend-avr/sim"), "build/echo_adc.elf", "build/echo_adc.elf");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--pty", link.toString(), "--speed", "0",
                elf.toString(), "--"));
        command.addAll(AvrBuilds.physicsServerCommand(1));
        harness = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("harness.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(link)) {
            assertTrue(harness.isAlive() && System.nanoTime() < deadline, "the harness made no pty link:\n" + log());
            Thread.sleep(20);
        }
        // The harness set the pty raw; plain file streams keep its settings.
        fromAvr = new FileInputStream(link.toFile());
        toAvr = new FileOutputStream(link.toFile());
    }

    private String log() throws IOException {
        return Files.readString(directory.resolve("harness.log"), StandardCharsets.UTF_8);
    }

    private byte[] ask(String request, int replyBytes) throws IOException {
        toAvr.write(request.getBytes(StandardCharsets.ISO_8859_1));
        toAvr.flush();
        byte[] reply = fromAvr.readNBytes(replyBytes);
        assertEquals(replyBytes, reply.length, "reply to " + request);
        return reply;
    }

    private long conversions() throws IOException {
        byte[] b = ask("c", 4);
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    /** Waits until the AVR has done at least {@code n} more conversions: simulated time, whatever the load. */
    private void awaitConversions(long n) throws IOException, InterruptedException {
        long start = conversions();
        while (conversions() - start < n) {
            Thread.sleep(2);
        }
    }

    /**
     * Swing (highest − lowest) of the ADC code over at least {@code n} conversions, as the AVR
     * program saw every one of them. Reading codes over the UART would not do: the harness passes
     * bytes on a 250 µs grid, so round trips sample the 1 kHz signal at a few fixed phases.
     */
    private int codeSwing(int n) throws IOException, InterruptedException {
        ask("m", 4); // starts the window over
        awaitConversions(n);
        byte[] b = ask("m", 4);
        int lowest = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        int highest = (b[2] & 0xFF) | (b[3] & 0xFF) << 8;
        return highest - lowest;
    }

    private void steps(char direction, int count) throws IOException {
        while (count > 0) {
            int n = Math.min(count, 250);
            assertArrayEquals(new byte[] {'.'}, ask(direction + String.valueOf((char) n), 1));
            count -= n;
        }
    }

    @Test
    void theUartAdcStepperAndHomeSwitchReachThePtyAndThePhysics() throws Exception {
        Path link = directory.resolve("avr");
        start(link);
        try {
            assertArrayEquals("xyz".getBytes(StandardCharsets.US_ASCII), ask("xyz", 3), "UART bytes echoed");

            long first = conversions();
            // 2000 steps from the initial position: off resonance, a small swing around mid-scale.
            int offSwing = codeSwing(400); // 20 ms: 20 periods of the drive
            assertArrayEquals(new byte[] {'1'}, ask("h", 1), "home switch open at 2000 steps");
            steps('d', 2000);
            assertArrayEquals(new byte[] {'0'}, ask("h", 1), "home switch closed at the minimum");
            steps('d', 5); // against the stop: no position below the minimum reaches the physics
            steps('u', 1);
            assertArrayEquals(new byte[] {'1'}, ask("h", 1), "home switch open one step above it");
            steps('u', 1041); // 1042 steps: the 1 kHz resonance of the default rig
            awaitConversions(2000); // 100 ms: the resonance builds up (2L/R = 5 ms)
            int onSwing = codeSwing(400);
            long last = conversions();
            assertTrue(last > first, "conversions run");
            assertTrue(onSwing > 3 * offSwing, "on resonance the code swings " + onSwing + " vs " + offSwing
                    + " off it");
            // 0.25 V amplitude over a 3.3 V full scale mapped to 5 V: about ±77 codes of 1023.
            assertTrue(onSwing > 120 && onSwing < 170, "on-resonance code swing " + onSwing);
        } finally {
            toAvr.close();
            fromAvr.close();
            harness.destroy(); // SIGTERM: the harness prints its figures, quits the physics server and exits
            assertTrue(harness.waitFor(30, TimeUnit.SECONDS), "the harness stopped");
        }
        String log = log();
        assertEquals(0, harness.exitValue(), log);
        assertTrue(log.contains("5 against a stop") && log.contains("2000 down") && log.contains("1042 up"), log);
        assertTrue(log.contains("S/s simulated"), log);
        double simulatedRate = Double.parseDouble(log.replaceAll("(?s).*conversions \\(([0-9.]+) S/s simulated.*", "$1"));
        assertEquals(20_000, simulatedRate, 20, "Timer1 at 16 MHz / 800 triggers the ADC\n" + log);
        assertTrue(log.contains("physics-server: quit after"), "the physics server quit cleanly\n" + log);
    }
}
