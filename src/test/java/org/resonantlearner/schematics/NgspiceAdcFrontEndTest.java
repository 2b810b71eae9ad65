package org.resonantlearner.schematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;

/**
 * Runs {@code schematics/adc-frontend.cir} in ngspice and checks it implements the sensor law the
 * simulation assumes: 0 V at the load reads mid-scale (fullScaleVolts/2 at the ADC input) and the
 * load voltage reaches the ADC with unity gain at the drive frequency. Skips without ngspice unless
 * the environment variable {@code CI} is set.
 */
class NgspiceAdcFrontEndTest {
    private static final Path NETLIST = Path.of("schematics", "adc-frontend.cir");
    private static final double TOL_BIAS_VOLTS = 1e-6;
    private static final double TOL_GAIN = 1e-3;

    @TempDir
    Path tempDir;

    @Test
    void zeroLoadVoltsReadsMidScaleAndTheDriveFrequencyPassesAtUnityGain() throws IOException, InterruptedException {
        Ngspice.requireInstalled();
        RunConfig config = ConfigLoader.load(null, ConfigLoader.Overrides.none());
        double driveHz = config.drive().frequencyHz(0);
        Path result = tempDir.resolve("result.txt");
        String deck = String.join("\n",
                "* NgspiceAdcFrontEndTest",
                ".include " + NETLIST.toAbsolutePath(),
                ".control",
                "op",
                "let biasvolts = v(adc)",
                "ac lin 1 " + driveHz + " " + driveHz,
                "let gain = vm(adc)",
                "echo \"$&op1.biasvolts $&gain\" > " + result,
                // Batch mode exits 1 for a deck without analysis lines of its own; the result file tells.
                "quit 0",
                ".endc",
                ".end",
                "");
        Ngspice.runBatch(tempDir, deck);
        Path log = Ngspice.log(tempDir);
        if (!Files.exists(result)) {
            fail("ngspice wrote no result; log:\n" + Files.readString(log));
        }
        String[] fields = Files.readString(result).trim().split("\\s+");
        double biasVolts = Double.parseDouble(fields[0]);
        double gain = Double.parseDouble(fields[1]);
        System.out.printf("ngspice ADC front end: bias %.6f V (mid-scale %.6f V), gain at %.0f Hz %.6f%n",
                biasVolts, config.sensor().fullScaleVolts() / 2, driveHz, gain);
        assertEquals(config.sensor().fullScaleVolts() / 2, biasVolts, TOL_BIAS_VOLTS, "ADC input (V) at 0 V load");
        assertEquals(1.0, gain, TOL_GAIN, "load-to-ADC gain at the drive frequency");
    }
}
