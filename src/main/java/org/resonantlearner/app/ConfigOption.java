package org.resonantlearner.app;

import java.nio.file.Path;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that opens a rig shares (a picocli mixin), and its loading. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (JSON; default: the built-in calibration/default-config.json, the simulated RLC rig).")
    private Path file;

    /** The config of {@code --config}, or the built-in default, with the command line's overrides. */
    RunConfig load(ConfigLoader.Overrides overrides) {
        return ConfigLoader.load(file, overrides);
    }
}
