package org.resonantlearner.hal.serial;

import java.io.PrintStream;
import java.util.SplittableRandom;
import org.resonantlearner.hal.AdcCalibration;

/**
 * Decoder throughput on this machine: decodes a large in-memory stream of valid sample frames (with
 * a little garbage between some of them) through {@link FrameDecoder}, unpacks the codes and
 * converts them to volts as {@link SerialFrontEnd} does, and prints samples per second and MB/s for
 * SAMPLES12 and SAMPLES16 next to the fastest front-end the host must keep up with.
 *
 * <p>Usage: {@code DecoderBenchmark [seconds per format, default 3]}. Not a test: timings depend on
 * the machine.
 */
public final class DecoderBenchmark {
    /** The fastest front-end the decoder must keep up with (samples/s). */
    public static final double REQUIRED_SAMPLES_PER_SECOND = 500_000;
    private static final int SAMPLES_PER_FRAME = 256;
    private static final int FRAMES = 4096;

    private DecoderBenchmark() {}

    /**
     * Result of one run: what was decoded (every pass over the stream together) and how long it took.
     *
     * @param format the sample frame type's name
     * @param samples samples decoded and converted to volts
     * @param bytes wire bytes fed to the decoder
     * @param seconds wall time of the passes (s)
     * @param bytesSkipped bytes the decoder skipped: the garbage, and damaged frames
     * @param framesDecoded frames whose CRC matched
     * @param corruptFrames candidates the decoder rejected: the damaged frames
     * @param droppedFrames gaps in the sequence numbers: the damaged frames again
     */
    public record Result(String format, long samples, long bytes, double seconds, long bytesSkipped,
            long framesDecoded, long corruptFrames, long droppedFrames) {
        /** Samples decoded per second. */
        public double samplesPerSecond() {
            return samples / seconds;
        }

        /** Megabytes (10^6 B) of wire bytes decoded per second. */
        public double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    /** Runs the benchmark for {@code args[0]} seconds per format (default 3) and prints the figures. */
    public static void main(String[] args) {
        report(System.out, args.length > 0 ? Double.parseDouble(args[0]) : 3.0);
    }

    /** Measures both formats for {@code seconds} each (after a warm-up); prints one line per format to {@code out}. */
    public static void report(PrintStream out, double seconds) {
        out.printf("decoder throughput, %d samples per frame, ~1 %% garbage, %.1f s per format%n",
                SAMPLES_PER_FRAME, seconds);
        for (int type : new int[] {FrontEndProtocol.TYPE_SAMPLES12, FrontEndProtocol.TYPE_SAMPLES16}) {
            measure(type, Math.min(1.0, seconds / 3)); // warm-up: let the JIT compile the hot loop
            Result r = measure(type, seconds);
            out.printf("%-9s %,14.0f samples/s  %8.1f MB/s  (%.0fx the %,.0f samples/s front-end;"
                    + " %,d frames, %,d corrupt, %,d garbage bytes skipped)%n", r.format(), r.samplesPerSecond(),
                    r.megabytesPerSecond(), r.samplesPerSecond() / REQUIRED_SAMPLES_PER_SECOND,
                    REQUIRED_SAMPLES_PER_SECOND, r.framesDecoded(), r.corruptFrames(), r.bytesSkipped());
        }
    }

    /** Decodes the stream of {@code frameType} repeatedly for at least {@code seconds}. */
    public static Result measure(int frameType, double seconds) {
        return measure(frameType, seconds, 0);
    }

    /**
     * As {@link #measure(int, double)} with every {@code damageEvery}-th frame's CRC damaged (0: none),
     * so that the decoder must reject exactly those frames and still find all the others.
     */
    static Result measure(int frameType, double seconds, int damageEvery) {
        byte[] stream = stream(frameType, new SplittableRandom(1), damageEvery);
        long intactFrames = damageEvery > 0 ? FRAMES - FRAMES / damageEvery : FRAMES;
        FrameDecoder decoder = new FrameDecoder();
        Sink sink = new Sink(12, 3.3);
        long deadline = System.nanoTime() + Math.round(seconds * 1e9);
        long start = System.nanoTime();
        long bytes = 0;
        long passes = 0;
        int chunk = 4096; // what one serial read returns at most
        do {
            for (int at = 0; at < stream.length; at += chunk) {
                decoder.accept(stream, at, Math.min(chunk, stream.length - at), sink);
            }
            bytes += stream.length;
            passes++;
        } while (System.nanoTime() < deadline);
        double elapsed = (System.nanoTime() - start) * 1e-9;
        long expectedFrames = passes * intactFrames;
        if (sink.samples != expectedFrames * SAMPLES_PER_FRAME || decoder.framesDecoded() != expectedFrames
                || Double.isNaN(sink.checksum)) {
            // Every intact frame of every pass must have been found: a benchmark that loses frames measures nothing.
            throw new IllegalStateException("decoded " + decoder.framesDecoded() + " frames, expected "
                    + expectedFrames);
        }
        return new Result(FrontEndProtocol.typeName(frameType), sink.samples, bytes, elapsed,
                decoder.bytesSkipped(), decoder.framesDecoded(), decoder.corruptFrames(), decoder.droppedFrames());
    }

    /** Unpacks and converts every sample, as the adapter's I/O thread does. */
    private static final class Sink implements FrameDecoder.Listener {
        private final int[] codes = new int[FrontEndProtocol.MAX_SAMPLES_PER_FRAME];
        private final double[] volts = new double[FrontEndProtocol.MAX_SAMPLES_PER_FRAME];
        private final double scale;
        private final double bias;
        long samples;
        double checksum;

        Sink(int adcBits, double fullScaleVolts) {
            scale = AdcCalibration.NONE.voltsPerCode(adcBits, fullScaleVolts);
            bias = AdcCalibration.NONE.voltsAtCodeZero(fullScaleVolts);
        }

        @Override
        public void onFrame(DecodedFrame frame) {
            int n = frame.sampleCodes(codes, 0);
            for (int i = 0; i < n; i++) {
                volts[i] = codes[i] * scale + bias;
            }
            checksum += volts[n - 1];
            samples += n;
        }
    }

    private static byte[] stream(int frameType, SplittableRandom random, int damageEvery) {
        FrameEncoder encoder = new FrameEncoder();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int[] codes = new int[SAMPLES_PER_FRAME];
        long index = 0;
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (int) (2048 + 1500 * Math.sin(2 * Math.PI * (index + i) / 20.0)) + random.nextInt(8);
            }
            int length = frameType == FrontEndProtocol.TYPE_SAMPLES12
                    ? encoder.samples12(index, codes, 0, codes.length)
                    : encoder.samples16(index, codes, 0, codes.length);
            if (damageEvery > 0 && f % damageEvery == damageEvery - 1) {
                encoder.buffer()[length - 1] ^= 1; // one CRC bit
            }
            out.write(encoder.buffer(), 0, length);
            index += codes.length;
            if (f % 16 == 0) {
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                junk[0] = FrontEndProtocol.SYNC_0;
                for (int i = 1; i < junk.length; i++) {
                    // Never the second sync byte: the garbage makes the decoder hunt, but holds no
                    // candidate frame, so that rejected candidates are the damaged frames alone.
                    if (junk[i] == FrontEndProtocol.SYNC_1) {
                        junk[i] = 0;
                    }
                }
                out.writeBytes(junk);
            }
        }
        return out.toByteArray();
    }
}
