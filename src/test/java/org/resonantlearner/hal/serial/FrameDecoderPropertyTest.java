package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link FrameDecoder} over seeded random streams: whatever the bytes, the decoder
 * throws nothing, counts what it rejects, and yields exactly the intact frames that were sent — never
 * a frame (so never a sample) that was not sent, never one twice, never one lost when it arrived whole.
 */
class FrameDecoderPropertyTest {
    private static final int[] TYPES = {FrontEndProtocol.TYPE_HELLO, FrontEndProtocol.TYPE_MOVE,
        FrontEndProtocol.TYPE_INFO, FrontEndProtocol.TYPE_SAMPLES16, FrontEndProtocol.TYPE_ACK,
        FrontEndProtocol.TYPE_NAK, FrontEndProtocol.TYPE_SAMPLES12};
    /** Bytes the parser reacts to, so that random streams reach its every state. */
    private static final byte[] NASTY = {FrontEndProtocol.SYNC_0, FrontEndProtocol.SYNC_1, 1, 2, 0, (byte) 0xFF,
        (byte) 0x81, (byte) 0x82, (byte) 0x85, 4, 6, 8};

    /** A frame as sent: its type, sequence and payload. */
    private record Frame(int type, long sequence, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.type == type && f.sequence == sequence && Arrays.equals(f.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence) * 31 + type;
        }

        @Override
        public String toString() {
            return FrontEndProtocol.typeName(type) + "#" + sequence + "(" + payload.length + " B)";
        }
    }

    @Test
    void arbitraryBytesNeverThrowAndYieldNothing() {
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int stream = 0; stream < 3_000; stream++) {
            byte[] bytes = new byte[random.nextInt(6_000)];
            boolean nasty = random.nextBoolean();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = nasty ? NASTY[random.nextInt(NASTY.length)] : (byte) random.nextInt(256);
            }
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> decoded = feed(decoder, bytes, random);
            assertEquals(List.of(), decoded, "stream " + stream);
            assertAccounting(decoder, bytes.length);
        }
    }

    @Test
    void exactlyTheIntactFramesComeOutOfGarbageTruncationAndBitFlips() {
        SplittableRandom random = new SplittableRandom(7_777);
        long damagedTotal = 0;
        long corruptTotal = 0;
        for (int stream = 0; stream < 3_000; stream++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            List<Frame> intact = new ArrayList<>();
            List<Frame> truncated = new ArrayList<>();
            // The first intact frame sent after each frame cut short (see the chance completion below).
            java.util.Map<Frame, Frame> intactAfterTruncated = new java.util.HashMap<>();
            Frame truncatedWaiting = null;
            long sequence = random.nextLong(1L << 32);
            long firstSequence = sequence;
            int events = 1 + random.nextInt(60);
            for (int e = 0; e < events; e++) {
                int kind = random.nextInt(10);
                if (kind < 2) {
                    wire.writeBytes(garbage(random));
                    continue;
                }
                Frame frame = randomFrame(random, sequence);
                sequence = (sequence + 1) & 0xFFFF_FFFFL;
                byte[] encoded = encode(frame);
                byte[] bytes = encoded;
                if (kind < 6) {
                    intact.add(frame);
                    if (truncatedWaiting != null) {
                        intactAfterTruncated.put(truncatedWaiting, frame);
                        truncatedWaiting = null;
                    }
                } else if (kind < 8) {
                    // 1 to 3 bit flips anywhere in the frame: CRC-32 detects them all at these lengths.
                    // Distinct bits: flipping one bit twice would leave the frame intact.
                    int flips = 1 + random.nextInt(3);
                    random.ints(0, bytes.length * 8).distinct().limit(flips)
                            .forEach(bit -> encoded[bit / 8] ^= (byte) (1 << (bit % 8)));
                    damagedTotal++;
                } else {
                    bytes = Arrays.copyOf(encoded, random.nextInt(encoded.length)); // cut short
                    truncated.add(frame);
                    truncatedWaiting = frame;
                    damagedTotal++;
                }
                wire.writeBytes(bytes);
            }
            // A false candidate at the end may still claim up to a maximal frame of bytes, holding the
            // frames behind it back; a live stream always brings them. Idle bytes (0x00, never sync)
            // stand in for that traffic.
            wire.writeBytes(new byte[FrontEndProtocol.MAX_FRAME_BYTES]);
            byte[] bytes = wire.toByteArray();
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> decoded = feed(decoder, bytes, random);

            // A frame cut short may be completed by the bytes that follow when they happen to be its
            // missing tail (1 in 256 for one byte): then it was, byte for byte, sent. Every other
            // decoded frame must be an intact one, in order, and every intact one must come out.
            List<Frame> completedByChance = new ArrayList<>(decoded);
            completedByChance.removeAll(intact);
            assertTrue(truncated.containsAll(completedByChance), "stream " + stream + ": decoded frames never sent: "
                    + completedByChance);
            List<Frame> decodedIntact = new ArrayList<>(decoded);
            decodedIntact.removeAll(completedByChance);
            // A frame completed by chance took its last bytes from what followed it: when that was the
            // next intact frame's sync byte, that frame is gone with them.
            List<Frame> expectedIntact = new ArrayList<>(intact);
            for (Frame chance : completedByChance) {
                Frame next = intactAfterTruncated.get(chance);
                if (next != null && !decoded.contains(next)) {
                    expectedIntact.remove(next);
                }
            }
            assertEquals(expectedIntact, decodedIntact, "stream " + stream);
            assertEquals(expectedDrops(decoded), decoder.droppedFrames(), "stream " + stream);
            assertEquals(0, decoder.sequenceRestarts(), "stream " + stream + " (first " + firstSequence + ")");
            assertAccounting(decoder, bytes.length);
            corruptTotal += decoder.corruptFrames();
        }
        assertTrue(damagedTotal > 5_000, "the generator damaged enough frames: " + damagedTotal);
        assertTrue(corruptTotal > 5_000, "and the decoder rejected them: " + corruptTotal);
    }

    /** Feeds {@code bytes} in random chunks; fails on any exception; returns the frames decoded. */
    private static List<Frame> feed(FrameDecoder decoder, byte[] bytes, SplittableRandom random) {
        List<Frame> decoded = new ArrayList<>();
        FrameDecoder.Listener listener = frame -> {
            byte[] payload = new byte[frame.payloadBytes()];
            frame.copyPayload(payload, 0);
            if (frame.sampleCount() > 0) {
                // Unpacking must work on every frame that passes.
                frame.sampleCodes(new int[frame.sampleCount()], 0);
            }
            decoded.add(new Frame(frame.type(), frame.sequence(), payload));
        };
        try {
            int at = 0;
            while (at < bytes.length) {
                int chunk = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 5_000));
                decoder.accept(bytes, at, chunk, listener);
                at += chunk;
            }
        } catch (RuntimeException e) {
            fail("the decoder threw on arbitrary input", e);
        }
        return decoded;
    }

    private static void assertAccounting(FrameDecoder decoder, long streamBytes) {
        assertEquals(streamBytes, decoder.bytesAccepted());
        assertEquals(streamBytes, decoder.bytesInFrames() + decoder.bytesSkipped() + decoder.pendingBytes());
        long byKind = 0;
        for (DecodeError error : DecodeError.values()) {
            byKind += decoder.errors(error);
        }
        assertEquals(byKind, decoder.corruptFrames());
    }

    /** Frames missing between consecutive decoded frames: the gaps a sequence number can reveal. */
    private static long expectedDrops(List<Frame> decoded) {
        long drops = 0;
        for (int i = 1; i < decoded.size(); i++) {
            drops += ((decoded.get(i).sequence - decoded.get(i - 1).sequence) & 0xFFFF_FFFFL) - 1;
        }
        return drops;
    }

    private static Frame randomFrame(SplittableRandom random, long sequence) {
        int type = TYPES[random.nextInt(TYPES.length)];
        int length = switch (type) {
            case FrontEndProtocol.TYPE_HELLO -> FrontEndProtocol.HELLO_PAYLOAD_BYTES;
            case FrontEndProtocol.TYPE_MOVE -> FrontEndProtocol.MOVE_PAYLOAD_BYTES;
            case FrontEndProtocol.TYPE_INFO -> FrontEndProtocol.INFO_PAYLOAD_BYTES;
            case FrontEndProtocol.TYPE_ACK -> FrontEndProtocol.ACK_PAYLOAD_BYTES;
            case FrontEndProtocol.TYPE_NAK -> FrontEndProtocol.NAK_PAYLOAD_BYTES;
            case FrontEndProtocol.TYPE_SAMPLES16 -> FrontEndProtocol.SAMPLE_INDEX_BYTES
                    + 2 * (1 + random.nextInt(FrontEndProtocol.MAX_SAMPLES_PER_FRAME));
            default -> FrontEndProtocol.SAMPLE_INDEX_BYTES
                    + 3 * (1 + random.nextInt(FrontEndProtocol.MAX_SAMPLES_PER_FRAME / 2));
        };
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            // Sync bytes inside payloads too: the decoder must not be fooled by them.
            payload[i] = random.nextInt(8) == 0 ? NASTY[random.nextInt(NASTY.length)] : (byte) random.nextInt(256);
        }
        return new Frame(type, sequence, payload);
    }

    /** Wire bytes of {@code frame}, built independently of {@link FrameEncoder}. */
    private static byte[] encode(Frame frame) {
        return ReferenceFrames.frame(frame.type, frame.sequence, frame.payload);
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] junk = new byte[1 + random.nextInt(300)];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : (byte) random.nextInt(256);
        }
        if (junk.length >= 10 && random.nextBoolean()) {
            // A plausible header whose frame never comes: the decoder waits, then must rescan.
            junk[0] = FrontEndProtocol.SYNC_0;
            junk[1] = FrontEndProtocol.SYNC_1;
            junk[2] = (byte) FrontEndProtocol.VERSION;
            junk[3] = (byte) FrontEndProtocol.TYPE_SAMPLES16;
            ReferenceFrames.putLe(junk, 8, FrontEndProtocol.SAMPLE_INDEX_BYTES + 2 * (1 + random.nextInt(1024)), 2);
        }
        return junk;
    }
}
