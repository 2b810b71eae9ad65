package org.resonantlearner.app;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;
import org.resonantlearner.hal.serial.DeviceLink;
import org.resonantlearner.hal.serial.EmulatorFaults;
import org.resonantlearner.hal.serial.FrontEndEmulator;
import org.resonantlearner.hal.serial.PortLink;
import org.resonantlearner.hal.serial.SocatLink;
import org.resonantlearner.hal.serial.TruthLog;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emulate-frontend}: plays the microcontroller front-end, backed by the simulated rig of the
 * config, as a board on a USB cable behaves: it samples in real time from its start, streams only
 * inside a session (no backlog for a late host), survives the host going away and answers the next
 * HELLO. {@code --link PATH} makes the host's device node itself (a socat child it owns: unplug and
 * replug are real); {@code --port PATH} serves an existing terminal device (one end of a socat pair)
 * and reopens it when it comes back. Faults, counters and a truth log for tests and measurements.
 */
@Command(name = "emulate-frontend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Emulate the serial front-end (protocol v2) as a device: backed by the simulated rig of --config (its mode"
                    + " is ignored), sampling in real time from its start, streaming only after the host's HELLO"
                    + " (samples taken with no session up are discarded and counted), surviving the host going"
                    + " away and answering the next HELLO.",
            "--link PATH is the robust way: the emulator runs `socat pty,raw,echo=0,link=PATH STDIO` itself and"
                    + " owns the host's device node (an unplug ends that socat, the link vanishes and the host's"
                    + " port fails; a replug starts a new one at the same path). With --port PATH (one end of a"
                    + " socat pty pair) the emulator cannot see the host close its end (socat keeps the pair up"
                    + " and buffers some 50 kB for the next opener); it ends the session when a write has been"
                    + " blocked for 1 s, and when the pair goes away it waits until PATH exists again.",
            "Faults hit sample frames only (INFO, ACK and NAK are never damaged or dropped). A damaged frame has bits"
                    + " flipped, never in its two sync bytes, and any sync pattern inside it is broken, so a host's"
                    + " decoder counts it as exactly one corrupt and one dropped frame.",
            "At exit (also on Ctrl-C or SIGTERM, which end the socat child too) it prints its counters as one JSON"
                    + " line: frames sent, sample frames damaged and dropped, samples not delivered by cause"
                    + " (damaged, dropped, unplugged, stalled, overrun, beforeFirstHello, betweenSessions), unplugs,"
                    + " HELLOs answered."
        })
public final class EmulateFrontendCommand implements Callable<Integer> {
    /** Samples per sample frame the emulator sends. */
    private static final int SAMPLES_PER_FRAME = 64;

    /** The host side: exactly one of --port and --link. */
    static final class Where {
        @Option(names = "--port", paramLabel = "PATH", required = true,
                description = "Serve an existing terminal device, e.g. one end of a socat pty pair; reopened when it"
                        + " comes back.")
        Path port;

        @Option(names = "--link", paramLabel = "PATH", required = true,
                description = "Make the host's device node at PATH (a socat child the emulator owns); the host's"
                        + " serial port is PATH.")
        Path link;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    @Mixin
    private ConfigOption configOption;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed of the simulated rig.")
    private Long seed;

    @Option(names = "--boot-id", paramLabel = "N", description = "Boot id the emulated device reports (default 1).")
    private long bootId = 1;

    @Option(names = "--corrupt-rate", paramLabel = "P", description = "Probability per byte of a sample frame (sync"
            + " bytes excepted) that one of its bits is flipped, in [0, 1] (default 0).")
    private double corruptRate;

    @Option(names = "--drop-rate", paramLabel = "P", description = "Probability per sample frame that it is not sent"
            + " (it still takes a sequence number), in [0, 1] (default 0).")
    private double dropRate;

    @Option(names = "--latency-ms", paramLabel = "T", description = "Every frame leaves T ms after it was ready, in"
            + " [0, 10000] (default 0).")
    private double latencyMs;

    @Option(names = "--unplug-every", paramLabel = "S", description = "With --link: unplug every S seconds of the"
            + " device's clock, in [0.2, 86400] (default 0: never).")
    private double unplugEverySeconds;

    @Option(names = "--unplug-for", paramLabel = "S", description = "Each unplug lasts S seconds, in [0.05, 3600] and"
            + " less than --unplug-every.")
    private double unplugForSeconds;

    @Option(names = "--stall-every", paramLabel = "S", description = "Stop sending every S seconds, in [0.01, 86400]"
            + " (default 0: never); the samples taken meanwhile are lost, command answers wait.")
    private double stallEverySeconds;

    @Option(names = "--stall-for", paramLabel = "S", description = "Each stall lasts S seconds, in (0, 3600] and less"
            + " than --stall-every.")
    private double stallForSeconds;

    @Option(names = "--fault-seed", paramLabel = "N", description = "Seed of the fault draws, so faults repeat"
            + " (default 1).")
    private long faultSeed = 1;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the counters' JSON line to FILE.")
    private Path report;

    @Option(names = "--truth-log", paramLabel = "FILE", description = "CSV, one line per sample frame taken: "
            + TruthLog.HEADER + " (fate: sent, damaged, dropped, unplugged, stalled, overrun, no-session; true_power_w"
            + " is the noiseless mean load power of the rig's physics; codes_crc32 is CRC-32 of the codes as u16 LE).")
    private Path truthLogFile;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RunLogs.configureConsoleOnly();
        EmulatorFaults faults;
        try {
            faults = new EmulatorFaults(corruptRate, dropRate, latencyMs / 1000.0, unplugEverySeconds,
                    unplugForSeconds, stallEverySeconds, stallForSeconds, faultSeed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (faults.unplugEverySeconds() > 0 && where.link == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--unplug-every needs --link (the emulator can pull the cable only of a device node it owns)");
        }
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, null, null)).withMode(RunMode.SIM);
        DeviceLink link;
        String serving;
        if (this.where.link != null) {
            if (!SocatLink.socatPresent()) {
                throw new ConfigException("--link " + this.where.link + ": socat is not installed (apt-get install"
                        + " socat)");
            }
            if (Files.exists(this.where.link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigException("--link " + this.where.link + ": the path exists already (another"
                        + " emulator?); remove it or choose another");
            }
            link = new SocatLink(this.where.link);
            serving = this.where.link + " (its own device node)";
        } else {
            if (!Files.exists(this.where.port)) {
                throw new ConfigException("--port " + this.where.port + ": no such device");
            }
            link = new PortLink(this.where.port);
            serving = this.where.port.toString();
        }
        // Unpaced: the emulator keeps the device's time itself.
        Adapters.Opened rig = Adapters.open(config, false);
        TruthLog truthLog = truthLogFile == null ? null : new TruthLog(new FileOutputStream(truthLogFile.toFile()));
        FrontEndEmulator emulator = new FrontEndEmulator(rig.source(), rig.actuator(), config.sensor().adcBits(),
                config.sensor().fullScaleVolts(), SAMPLES_PER_FRAME, bootId).withFaults(faults)
                .withTrueEnergy(rig.simulatedRig()::trueEnergyJoules).withTruthLog(truthLog);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.stop();
            try {
                if (done.await(10, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(0); // the counters are out and the socat child is gone
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "emulate-frontend-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("Emulating the front-end on %s: %s rig, %.0f S/s, %d-bit ADC, boot id %d%s; Ctrl-C to stop%n",
                serving, config.rig().kind(), config.sensor().sampleRateHz(), config.sensor().adcBits(), bootId,
                faults.any() ? ", faults " + faults : "");
        try {
            emulator.run(link);
        } finally {
            try {
                link.close();
                rig.close();
                if (truthLog != null) {
                    truthLog.close();
                }
                String counters = emulator.counters().toJson();
                System.out.println(counters);
                System.out.flush();
                if (report != null) {
                    Files.writeString(report, counters + "\n", StandardCharsets.UTF_8);
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it ends the process now.
                }
            }
        }
        return 0;
    }
}
