package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.AdcCalibration;

/**
 * The front-end firmware's native build (hardware/frontend-avr, {@code make native}: the portable
 * protocol and sampling core on a host HAL) on the device end of a socat pty pair, backed by
 * {@code physics-server}; {@link SerialFrontEnd} on the host end: the v2 handshake, INFO, samples
 * that carry the physics, a move and its effect.
 */
@Timeout(120)
class AvrNativeFirmwareTest {
    /** Default RLC rig (see app.ReferenceRlcRig): L = 10 mH, R = 4 Ω, RL = 2 Ω, V0 = 0.5 V, C linear 0.5–20 µF. */
    private static double steadyLoadRmsVolts(int steps, double frequencyHz) {
        double farads = 0.5e-6 + (20e-6 - 0.5e-6) * steps / 10_000;
        double omega = 2 * Math.PI * frequencyHz;
        double reactance = omega * 0.010 - 1 / (omega * farads);
        double amplitudeAmps = 0.5 / Math.sqrt(4.0 * 4.0 + reactance * reactance);
        return amplitudeAmps * 2.0 / Math.sqrt(2);
    }

    @TempDir
    Path directory;

    private static double rms(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum / v.length);
    }

    /** The native firmware's command line: the device end it serves, then the physics command. */
    static List<String> nativeCommand(Path firmware, Path deviceEnd, List<String> physics) {
        List<String> command = new ArrayList<>(List.of(firmware.toString(), "--port", deviceEnd.toString(), "--"));
        command.addAll(physics);
        return command;
    }

    @Test
    void handshakeInfoSamplesAndAMoveAgainstTheNativeFirmware() throws Exception {
        Path firmware = AvrBuilds.nativeFirmware();
        Path log = directory.resolve("native.log");
        try (PtyPair pty = PtyPair.start(directory)) {
            Process device = new ProcessBuilder(nativeCommand(firmware, pty.devicePath(),
                    AvrBuilds.physicsServerCommand(3))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (SerialFrontEnd frontEnd = SerialFrontEnd.open(pty.hostPath(), SerialFrontEndSettings.defaults(),
                    new AdcCalibration(0, 0))) {
                FrontEndInfo info = frontEnd.deviceInfo();
                assertEquals(2, info.protocolVersion());
                assertEquals(List.of(1, 0, 0), List.of(info.firmwareMajor(), info.firmwareMinor(), info.firmwarePatch()));
                assertEquals(10, info.adcBits());
                assertEquals(20_000, info.sampleRateHz());
                assertEquals(3_300_000, info.fullScaleMicrovolts());
                assertEquals(List.of(0, 10_000, 2_000),
                        List.of(info.minPositionSteps(), info.maxPositionSteps(), info.positionSteps()));

                double[] off = new double[10_000];
                assertEquals(off.length, readFully(frontEnd, off));
                double offRms = rms(off);
                // 10-bit codes over 3.3 V: 3.2 mV steps, and the sensor model's noise: a loose band.
                assertEquals(steadyLoadRmsVolts(2_000, 1000), offRms, 0.5 * steadyLoadRmsVolts(2_000, 1000) + 0.005,
                        "off resonance at 2000 steps");

                frontEnd.moveTo(1_042); // the 1 kHz resonance
                assertEquals(1_042, frontEnd.positionSteps());
                double[] settle = new double[2_000];
                readFully(frontEnd, settle);
                double[] on = new double[10_000];
                assertEquals(on.length, readFully(frontEnd, on));
                double onRms = rms(on);
                assertEquals(steadyLoadRmsVolts(1_042, 1000), onRms, 0.05 * steadyLoadRmsVolts(1_042, 1000),
                        "on resonance at 1042 steps");
                assertEquals(0, frontEnd.samplesLost(), "no samples lost on a clean pty");
                assertEquals(0, frontEnd.corruptFrames());
            } finally {
                device.destroy();
                device.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (Files.exists(log)) {
                System.out.println("native firmware's log:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
    }

    private static int readFully(SerialFrontEnd frontEnd, double[] into) {
        int filled = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (filled < into.length && System.nanoTime() < deadline) {
            int n = frontEnd.read(into, filled, into.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }
}
