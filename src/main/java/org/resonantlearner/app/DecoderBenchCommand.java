package org.resonantlearner.app;

import java.util.concurrent.Callable;
import org.resonantlearner.hal.serial.DecoderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code decoder-bench}: samples per second the serial front-end decoder handles on this machine. */
@Command(name = "decoder-bench", mixinStandardHelpOptions = true,
        description = "Measure the serial front-end decoder's throughput (samples/s) against the 500 kS/s it must keep up with.")
public final class DecoderBenchCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "S", description = "Seconds per sample format (default 3).")
    private double seconds = 3;

    @Override
    public Integer call() {
        DecoderBenchmark.main(new String[] {Double.toString(seconds)});
        return 0;
    }
}
