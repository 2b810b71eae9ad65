package org.resonantlearner.hal.serial;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The emulator's truth log: one CSV line per sample frame the device took, written once the frame's
 * fate is final (so lines can come out of index order by a few frames; sort by the first column).
 *
 * <p>Columns: {@code first_index} (the device's sample counter, not wrapped at 2^32),
 * {@code samples}, {@code fate} (sent, damaged, dropped, unplugged, stalled, overrun, no-session),
 * {@code position_steps} (the actuator position the samples were taken at), {@code true_power_w}
 * (the mean true load power over those samples from the simulated rig's physics, noiseless; empty
 * when the emulator has no physics behind it) and {@code codes_crc32} (CRC-32 IEEE, 8 hex digits,
 * over the frame's codes as they were before any damage, each as an unsigned 16-bit little-endian
 * number: what an undamaged frame carries, so a host can hash the codes it received and compare).
 *
 * <p>About 60 bytes per frame of 64 samples: 20 kS/s log some 19 kB/s through a buffer.
 */
public final class TruthLog implements AutoCloseable {
    /** The CSV header line. */
    public static final String HEADER = "first_index,samples,fate,position_steps,true_power_w,codes_crc32";

    private final BufferedWriter out;
    private final CRC32 crc = new CRC32();
    private final byte[] codeBytes = new byte[2 * FrontEndProtocol.MAX_SAMPLES_PER_FRAME];

    /** A log written to {@code stream} (closed with this log); writes the header line. */
    public TruthLog(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.US_ASCII), 1 << 16);
        line(HEADER);
    }

    /** CRC-32 of {@code count} codes as unsigned 16-bit little-endian numbers, the log's hash. */
    public static long codesCrc32(int[] codes, int offset, int count) {
        CRC32 crc = new CRC32();
        byte[] bytes = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            bytes[2 * i] = (byte) codes[offset + i];
            bytes[2 * i + 1] = (byte) (codes[offset + i] >>> 8);
        }
        crc.update(bytes);
        return crc.getValue();
    }

    /** The hash {@link #record} writes, computed here with this log's reused buffers. */
    long hash(int[] codes, int count) {
        for (int i = 0; i < count; i++) {
            codeBytes[2 * i] = (byte) codes[i];
            codeBytes[2 * i + 1] = (byte) (codes[i] >>> 8);
        }
        crc.reset();
        crc.update(codeBytes, 0, 2 * count);
        return crc.getValue();
    }

    /** Writes one frame's line. */
    synchronized void record(long firstIndex, int samples, String fate, int positionSteps, double truePowerWatts,
            long codesCrc32) {
        String power = Double.isNaN(truePowerWatts) ? "" : String.format(Locale.ROOT, "%.6e", truePowerWatts);
        line(firstIndex + "," + samples + "," + fate + "," + positionSteps + "," + power + ","
                + String.format(Locale.ROOT, "%08x", codesCrc32));
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("the truth log could not be written: " + e.getMessage(), e);
        }
    }

    /** Writes out what is buffered. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
