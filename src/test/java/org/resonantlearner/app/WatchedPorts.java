package org.resonantlearner.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.RecordingActuator;
import picocli.CommandLine;

/**
 * Opens the adapters a command would ({@link Adapters#open}, unpaced) and puts a
 * {@link RecordingActuator} on the rig's clock between the command and the actuator, so a test reads
 * the actuator's own log of every move the command made.
 */
final class WatchedPorts implements Function<RunConfig, Adapters.Opened> {
    /** The recorder of the last ports opened. */
    RecordingActuator actuator;

    @Override
    public Adapters.Opened apply(RunConfig config) {
        Adapters.Opened real = Adapters.open(config, false);
        actuator = new RecordingActuator(real.actuator(), real.clock());
        return new Adapters.Opened(real.source(), actuator, real.clock(), real.simulatedRig(), real.release());
    }

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err) {}

    /** Runs {@code command} with {@code args} as picocli would, capturing what it prints. */
    static Outcome execute(Callable<Integer> command, String... args) {
        return capture(() -> new CommandLine(command).execute(args));
    }

    /** Runs {@code run} with System.out and System.err captured; its result is the exit code. */
    static Outcome capture(IntSupplier run) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = run.getAsInt();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).strip());
    }
}
