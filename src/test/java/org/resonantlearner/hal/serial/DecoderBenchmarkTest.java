package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What {@code decoder-bench} reports besides its speed: that it decoded exactly what it encoded. A
 * run of 0 s makes one pass over the stream. Speeds are never asserted.
 */
class DecoderBenchmarkTest {
    /** Frames in the benchmark's stream, and samples in each. */
    private static final int FRAMES = 4096;
    private static final int SAMPLES_PER_FRAME = 256;
    /** Wire bytes of one frame of 256 samples (serial-protocol.md, Bandwidth): 14 + 4 + 384, 14 + 4 + 512. */
    private static final int SAMPLES12_FRAME_BYTES = 402;
    private static final int SAMPLES16_FRAME_BYTES = 530;
    /** One chunk of 1 … 64 garbage bytes before every 16th frame. */
    private static final int GARBAGE_CHUNKS = FRAMES / 16;
    private static final int MAX_GARBAGE_CHUNK_BYTES = 64;

    @Test
    void aCleanStreamDecodesEveryFrameItEncodedAndSkipsOnlyTheGarbage() {
        for (int type : new int[] {FrontEndProtocol.TYPE_SAMPLES12, FrontEndProtocol.TYPE_SAMPLES16}) {
            DecoderBenchmark.Result r = DecoderBenchmark.measure(type, 0);
            int frameBytes = type == FrontEndProtocol.TYPE_SAMPLES12 ? SAMPLES12_FRAME_BYTES : SAMPLES16_FRAME_BYTES;
            assertEquals(FrontEndProtocol.typeName(type), r.format());
            assertEquals(FRAMES, r.framesDecoded());
            assertEquals((long) FRAMES * SAMPLES_PER_FRAME, r.samples());
            assertEquals(0, r.corruptFrames());
            assertEquals(0, r.droppedFrames());
            assertEquals((long) FRAMES * frameBytes, r.bytes() - r.bytesSkipped(),
                    "every byte not skipped is a frame's");
            long skipped = r.bytesSkipped();
            assertTrue(skipped >= GARBAGE_CHUNKS && skipped <= GARBAGE_CHUNKS * MAX_GARBAGE_CHUNK_BYTES,
                    skipped + " garbage bytes");
            assertTrue(r.seconds() > 0);
        }
    }

    @Test
    void damagedFramesAreTheOnlyOnesLostAndAreCountedAsCorruptAndDropped() {
        int damageEvery = 10;
        int damaged = FRAMES / damageEvery; // frames 9, 19, … 4089
        DecoderBenchmark.Result clean = DecoderBenchmark.measure(FrontEndProtocol.TYPE_SAMPLES16, 0, 0);
        DecoderBenchmark.Result r = DecoderBenchmark.measure(FrontEndProtocol.TYPE_SAMPLES16, 0, damageEvery);
        assertEquals(FRAMES - damaged, r.framesDecoded());
        assertEquals((long) (FRAMES - damaged) * SAMPLES_PER_FRAME, r.samples());
        assertEquals(damaged, r.corruptFrames());
        assertEquals(damaged, r.droppedFrames(), "each damaged frame is a gap of one in the sequence");
        assertEquals(clean.bytes(), r.bytes(), "the damage flips a bit, it adds or removes none");
        assertEquals(clean.bytesSkipped() + (long) damaged * SAMPLES16_FRAME_BYTES, r.bytesSkipped());
    }

    @Test
    void ratesAreTheCountsOverTheTime() {
        DecoderBenchmark.Result r = new DecoderBenchmark.Result("SAMPLES12", 1_000, 3_000_000, 2.0, 0, 4, 0, 0);
        assertEquals(500.0, r.samplesPerSecond(), 0.0); // 1000 samples / 2 s
        assertEquals(1.5, r.megabytesPerSecond(), 0.0); // 3e6 B / 2 s / 1e6
    }

    @Test
    void theReportHasAHeaderAndOneLinePerFormatWithItsCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DecoderBenchmark.report(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("decoder throughput, 256 samples per frame"), lines[0]);
        assertTrue(lines[1].startsWith("SAMPLES12 "), lines[1]);
        assertTrue(lines[2].startsWith("SAMPLES16 "), lines[2]);
        String counts = String.format("%,d frames, 0 corrupt, ", FRAMES); // in the default locale, as printed
        for (int i = 1; i < 3; i++) {
            assertTrue(lines[i].contains(counts) && lines[i].endsWith(" garbage bytes skipped)"), lines[i]);
            assertTrue(lines[i].contains(String.format("the %,d samples/s front-end", 500_000)), lines[i]);
        }
    }
}
