package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firmware's own checks, run from the suite so that CI runs them: its native unit tests (protocol,
 * CRC check value, ring, limits, session), the native build against a scripted physics, the AVR binary
 * in bare simavr, and its size on the ATmega328P (32 KiB flash, 2 KiB RAM).
 */
class AvrFirmwareMakeTargetsTest {
    private static final Pattern SIZE = Pattern.compile("Program:\\s+(\\d+) bytes.*?Data:\\s+(\\d+) bytes", Pattern.DOTALL);

    @Test
    void theNativeUnitTestsPass() throws IOException, InterruptedException {
        AvrBuilds.requireTools("gcc make", "make", "cc");
        AvrBuilds.make(AvrBuilds.frontEndDirectory(), "test", "build/unit-tests");
    }

    @Test
    void theNativeBuildPassesItsEndToEndCheck() throws IOException, InterruptedException {
        AvrBuilds.requireTools("gcc make python3", "make", "cc", "python3");
        AvrBuilds.make(AvrBuilds.frontEndDirectory(), "native-check", "build/frontend-native");
    }

    @Test
    void theAvrBinaryStreamsAndMovesInSimavr() throws IOException, InterruptedException {
        AvrBuilds.requireSimavr();
        AvrBuilds.make(AvrBuilds.frontEndDirectory(), "sim-smoke", "build/simavr-smoke");
    }

    @Test
    void theAvrBinaryFitsTheAtmega328p() throws IOException, InterruptedException {
        AvrBuilds.requireTools("gcc-avr avr-libc binutils-avr", "make", "avr-gcc", "avr-size");
        Path directory = AvrBuilds.frontEndDirectory();
        Process make = new ProcessBuilder("make", "-C", directory.toString(), "size").redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, make.exitValue(), output);
        Matcher size = SIZE.matcher(output);
        assertTrue(size.find(), "avr-size's report:\n" + output);
        long flashBytes = Long.parseLong(size.group(1));
        long ramBytes = Long.parseLong(size.group(2));
        System.out.println("frontend.elf: " + flashBytes + " bytes of flash, " + ramBytes + " bytes of RAM (avr-size)");
        // 32 KiB of flash less the 0.5 KiB Optiboot keeps; the stack needs room above the static RAM.
        assertTrue(flashBytes > 1000 && flashBytes <= 32 * 1024 - 512, flashBytes + " bytes of flash");
        assertTrue(ramBytes > 0 && ramBytes <= 2048 - 256, ramBytes + " bytes of static RAM");
    }
}
