package org.resonantlearner.app;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.hal.serial.FrontEndEmulator;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emulate-frontend}: plays the microcontroller front-end on a (pseudo-)terminal, backed by
 * the simulated rig of the config and paced to the wall clock, so the service can be run in
 * {@code serial} mode without hardware: {@code socat -d -d pty,raw,echo=0,link=/tmp/rl-dev
 * pty,raw,echo=0,link=/tmp/rl-emu}, then {@code emulate-frontend --port /tmp/rl-emu} and
 * {@code run} with {@code "mode": "serial", "serial": {"port": "/tmp/rl-dev"}}.
 */
@Command(name = "emulate-frontend", mixinStandardHelpOptions = true,
        description = "Emulate the serial front-end on a terminal device, backed by the simulated rig of --config (its mode is ignored).")
public final class EmulateFrontendCommand implements Callable<Integer> {
    /** Samples per SAMPLES16 frame the emulator sends. */
    private static final int SAMPLES_PER_FRAME = 64;

    @Option(names = "--port", paramLabel = "PATH", required = true,
            description = "The device end the emulator serves, e.g. one end of a socat pty pair.")
    private Path port;

    @Mixin
    private ConfigOption configOption;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed of the simulated rig.")
    private Long seed;

    @Option(names = "--boot-id", paramLabel = "N", description = "Boot id the emulated device reports (default 1).")
    private long bootId = 1;

    @Override
    public Integer call() throws IOException {
        RunLogs.configureConsoleOnly();
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, null, null))
                .withMode(RunMode.SIM);
        if (!port.toFile().exists()) {
            throw new ConfigException("--port " + port + ": no such device");
        }
        Adapters.Opened rig = Adapters.open(config, true);
        FrontEndEmulator emulator = new FrontEndEmulator(rig.source(), rig.actuator(), config.sensor().adcBits(),
                config.sensor().fullScaleVolts(), SAMPLES_PER_FRAME, bootId);
        System.out.printf("Emulating the front-end on %s: %s rig, %.0f S/s, %d-bit ADC; Ctrl-C to stop%n", port,
                config.rig().kind(), config.sensor().sampleRateHz(), config.sensor().adcBits());
        try (InputStream in = new FileInputStream(port.toFile()); OutputStream out = new FileOutputStream(port.toFile())) {
            emulator.run(in, out);
        } catch (IOException e) {
            System.out.println("The host end went away: " + e.getMessage());
        } finally {
            rig.close();
        }
        return 0;
    }
}
