package org.resonantlearner.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;
import org.resonantlearner.hal.sim.PhysicsPipe;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code physics-server}: the simulated rig of the config served over stdin/stdout in the binary
 * protocol of {@link PhysicsPipe}, in virtual time (the consumer paces), for device models that are
 * not Java: the front-end firmware's native build and the simavr harness of its AVR build.
 */
@Command(name = "physics-server", mixinStandardHelpOptions = true,
        description = "Serve the simulated rig of --config (its mode is ignored) over stdin/stdout for a device model:"
                + " 'I' facts, 'M'+i32 move, 'S'+u16 n samples (f32 volts), 'Q' quit; little-endian, virtual time.")
public final class PhysicsServerCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption configOption;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed of the simulated rig.")
    private Long seed;

    @Override
    public Integer call() throws IOException {
        RunLogs.configureConsoleOnly();
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, null, null)).withMode(RunMode.SIM);
        // stdout is the pipe: nothing else may be printed on it.
        try {
            return serve(config, new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 12),
                    new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), System.err);
        } catch (IOException e) {
            // The consumer closed its end of the pipe: like the end of the input, the end of the service.
            System.err.println("physics-server: the consumer went away: " + Main.oneLine(e.getMessage()));
            return PhysicsPipe.EXIT_OK;
        }
    }

    /**
     * Serves the simulated rig of {@code config} (unpaced) on {@code in}/{@code out} until a quit, the
     * end of {@code in} or a mistake; returns the exit code.
     */
    static int serve(RunConfig config, InputStream in, OutputStream out, PrintStream err) throws IOException {
        try (Adapters.Opened rig = Adapters.open(config.withMode(RunMode.SIM), false); out) {
            return new PhysicsPipe(rig.source(), rig.actuator(), facts(config)).serve(in, out, err);
        }
    }

    /** What the pipe's 'I' reports for {@code config}. */
    static PhysicsPipe.Facts facts(RunConfig config) {
        var actuator = config.actuator();
        var sensor = config.sensor();
        return new PhysicsPipe.Facts(Math.round(sensor.sampleRateHz()), actuator.minPositionSteps(),
                actuator.maxPositionSteps(), actuator.initialPositionSteps(), sensor.fullScaleVolts(),
                sensor.adcBits());
    }
}
