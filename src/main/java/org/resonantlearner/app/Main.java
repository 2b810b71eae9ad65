package org.resonantlearner.app;

import com.pi4j.exception.Pi4JException;
import java.nio.file.InvalidPathException;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.calibration.CalibrationException;
import org.resonantlearner.calibration.CalibrationFailedException;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.DeviceFaultException;
import org.resonantlearner.hal.serial.SerialFrontEndException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: the {@code resonant-learner} command line. */
@Command(name = "resonant-learner", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Noise-plus-brake tuning of a resonant energy harvester, on a simulated or real rig.",
        subcommands = {RunCommand.class, BenchCommand.class, HilCommand.class, LoopBenchCommand.class,
            DecoderBenchCommand.class, EmulateFrontendCommand.class, PhysicsServerCommand.class, SelftestCommand.class, CalibrateCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a config or argument error: nothing was started. */
    public static final int EXIT_CONFIG_ERROR = 2;
    /** Exit code of a run that failed after it started. */
    public static final int EXIT_FAILURE = 1;

    /** Environment variable that makes an internal error print its stack trace. */
    public static final String TRACE_VARIABLE = "RL_STACK_TRACE";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ConfigException) {
                cmd.getErr().println("error: " + oneLine(exception.getMessage()));
                return EXIT_CONFIG_ERROR;
            }
            if (exception instanceof SerialFrontEndException || exception instanceof CalibrationFailedException
                    || exception instanceof CalibrationException || exception instanceof DeviceFaultException
                    || exception instanceof Pi4JException) {
                // An expected operational failure (no device, no answer, a resonance not found): the message says it all.
                cmd.getErr().println("error: " + oneLine(exception.getMessage()));
                return EXIT_FAILURE;
            }
            if (exception instanceof InvalidValueException || exception instanceof InvalidPathException) {
                // A value no config check caught (a command-line path with a NUL, a constructor's own check): still bad input.
                cmd.getErr().println("error: " + oneLine(exception.getMessage()));
                return EXIT_CONFIG_ERROR;
            }
            // A bug, not bad input: one line for the user; the trace only when asked for.
            cmd.getErr().println("error: internal error: " + exception.getClass().getSimpleName() + ": "
                    + oneLine(exception.getMessage()) + " (set " + TRACE_VARIABLE + "=1 for the stack trace)");
            if (System.getenv(TRACE_VARIABLE) != null) {
                exception.printStackTrace(cmd.getErr());
            }
            return EXIT_FAILURE;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("error: " + exception.getMessage() + " (try: "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_CONFIG_ERROR;
        });
        return commandLine.execute(args);
    }

    /** A message on one line, whatever it contains (paths and parser texts may hold line breaks). */
    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"resonant-learner " + version()};
        }
    }

    /** This build's version ("dev" when run from classes). */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
