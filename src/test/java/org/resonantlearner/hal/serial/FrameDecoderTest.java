package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing, resynchronisation and counters of {@link FrameDecoder}, with {@link FrameEncoder} as the sender. */
class FrameDecoderTest {
    /** The example SAMPLES12 frame of hardware/serial-protocol.md (checked against Python zlib.crc32). */
    static final String DOCUMENTED_SAMPLES12_HEX = "a55a0285070000000a0001000000563412fedcab913c5473";
    /** The example MOVE frame of hardware/serial-protocol.md. */
    static final String DOCUMENTED_MOVE_HEX = "a55a020203000000060005002c0100005438935a";
    /** The example ACK frame of hardware/serial-protocol.md. */
    static final String DOCUMENTED_ACK_HEX = "a55a0283090000000a0005002c01000040e2010046087b7a";

    /** A frame the test decoded: its type, sequence and payload bytes. */
    record Decoded(int type, long sequence, byte[] payload) {}

    private static List<Decoded> decode(FrameDecoder decoder, byte[] bytes, int chunk) {
        List<Decoded> frames = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunk) {
            decoder.accept(bytes, at, Math.min(chunk, bytes.length - at), frame -> {
                byte[] payload = new byte[frame.payloadBytes()];
                frame.copyPayload(payload, 0);
                frames.add(new Decoded(frame.type(), frame.sequence(), payload));
            });
        }
        return frames;
    }

    private static byte[] frameBytes(FrameEncoder encoder, int length) {
        return java.util.Arrays.copyOf(encoder.buffer(), length);
    }

    @Test
    void theDocumentedExampleFramesAreWhatTheEncoderWrites() {
        FrameEncoder encoder = new FrameEncoder();
        for (int i = 0; i < 7; i++) {
            encoder.hello(1); // advance the sequence to 7
        }
        int length = encoder.samples12(1, new int[] {0x456, 0x123, 0xCFE, 0xABD}, 0, 4);
        assertEquals(DOCUMENTED_SAMPLES12_HEX, HexFormat.of().formatHex(encoder.buffer(), 0, length));

        FrameEncoder host = new FrameEncoder();
        for (int i = 0; i < 3; i++) {
            host.hello(1);
        }
        length = host.move(5, 300);
        assertEquals(DOCUMENTED_MOVE_HEX, HexFormat.of().formatHex(host.buffer(), 0, length));

        FrameEncoder device = new FrameEncoder();
        for (int i = 0; i < 9; i++) {
            device.nak(0, 0);
        }
        length = device.ack(5, 300, 123_456);
        assertEquals(DOCUMENTED_ACK_HEX, HexFormat.of().formatHex(device.buffer(), 0, length));
        byte[] ack = HexFormat.of().parseHex(DOCUMENTED_ACK_HEX);
        new FrameDecoder().accept(ack, 0, ack.length, frame -> {
            assertEquals(List.of(5, 300, 123_456L), List.of(frame.u16(0), frame.i32(2), frame.u32(6)));
        });

        FrameDecoder decoder = new FrameDecoder();
        int[] codes = new int[4];
        byte[] wire = HexFormat.of().parseHex(DOCUMENTED_SAMPLES12_HEX);
        decoder.accept(wire, 0, wire.length, frame -> {
            assertEquals(FrontEndProtocol.TYPE_SAMPLES12, frame.type());
            assertEquals(7, frame.sequence());
            assertEquals(1, frame.firstSampleIndex());
            assertEquals(4, frame.sampleCodes(codes, 0));
        });
        assertArrayEquals(new int[] {0x456, 0x123, 0xCFE, 0xABD}, codes);
        assertEquals(1, decoder.framesDecoded());
    }

    @Test
    void theDocumentedMoveFrameDecodesAndAnyFlippedBitIsRefused() {
        byte[] documented = HexFormat.of().parseHex(DOCUMENTED_MOVE_HEX);
        List<Decoded> frames = decode(new FrameDecoder(), documented, documented.length);
        assertEquals(1, frames.size());
        Decoded move = frames.get(0);
        assertEquals(FrontEndProtocol.TYPE_MOVE, move.type());
        assertEquals(3, move.sequence());
        // Command id 5, target 300 steps, little-endian.
        assertEquals("05002c010000", HexFormat.of().formatHex(move.payload()));

        // Every bit after the sync pattern is covered: version, type and length by the header checks,
        // everything (the CRC itself included) by the CRC. A flipped bit loses the frame, whole.
        for (int bit = 16; bit < documented.length * 8; bit++) {
            byte[] damaged = documented.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            FrameDecoder decoder = new FrameDecoder();
            assertEquals(List.of(), decode(decoder, damaged, damaged.length), "bit " + bit);
            assertEquals(1, decoder.corruptFrames(), "bit " + bit);
            if (bit >= 8 * (documented.length - FrontEndProtocol.CRC_BYTES)) {
                assertEquals(1, decoder.errors(DecodeError.BAD_CRC), "a wrong CRC, bit " + bit);
            }
            assertEquals(damaged.length, decoder.bytesSkipped(), "bit " + bit);
        }
    }

    @Test
    void theEncoderWritesEveryTypeAsTheDocumentLaysItOut() {
        FrameEncoder encoder = new FrameEncoder();
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_HELLO, 0, new byte[] {1})),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.hello(1)));
        // MOVE: id 65535 = ff ff, target −7 = f9 ff ff ff.
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_MOVE, 1, HexFormat.of().parseHex("fffff9ffffff"))),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.move(65535, -7)));
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_ACK, 2, ReferenceFrames.ackPayload(9, -123_456, 0xFFFF_FFFEL))),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.ack(9, -123_456, 0xFFFF_FFFEL)));
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_NAK, 3, ReferenceFrames.nakPayload(300, 4))),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.nak(300, 4)));
        FrontEndInfo info = new FrontEndInfo(2, 2, 3, 4, 12, FrontEndProtocol.TYPE_SAMPLES12, 256, 500_000, 3_300_000,
                -10, 10_000, 2_000, 0xDEADBEEFL, 0xFFFF_FFF0L);
        byte[] infoPayload = ReferenceFrames.infoPayload(12, FrontEndProtocol.TYPE_SAMPLES12, 256, 500_000,
                3_300_000, -10, 10_000, 2_000, 0xDEADBEEFL, 0xFFFF_FFF0L);
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_INFO, 4, infoPayload)),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.info(info)));
        int[] codes16 = {0, 1, 0x7FFF, 0xFFFF, 0xA55A};
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES16, 5,
                ReferenceFrames.samples16Payload(0xFFFF_FFFFL, codes16))),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.samples16(0xFFFF_FFFFL, codes16, 0, 5)));
        int[] codes12 = {0xFFF, 0, 0x801, 0x7FE, 0x123, 0xABC};
        assertEquals(hex(ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES12, 6,
                ReferenceFrames.samples12Payload(77, codes12))),
                HexFormat.of().formatHex(encoder.buffer(), 0, encoder.samples12(77, codes12, 0, 6)));
        assertEquals(7, encoder.nextSequence());
        encoder.restartSequence();
        assertEquals(0, encoder.nextSequence(), "a device restarts its numbering on HELLO");
    }

    @Test
    void theDecoderReadsEveryFieldOfIndependentlyBuiltFrames() {
        byte[] info = ReferenceFrames.infoPayload(16, FrontEndProtocol.TYPE_SAMPLES16, 1024, 4_000_000_000L,
                4_100_000_000L, -2_000_000_000, 2_000_000_000, -5, 0xFFFF_FFFFL, 0x8000_0000L);
        int[] codes16 = {0xFFFF, 0x8000, 0x00FF, 0};
        int[] codes12 = {0x456, 0x123, 0xFFF, 0x000};
        byte[] stream = ReferenceFrames.concat(ReferenceFrames.frame(FrontEndProtocol.TYPE_INFO, 0xFFFF_FFFFL, info),
                ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES16, 0, ReferenceFrames.samples16Payload(0x89AB_CDEFL,
                        codes16)),
                ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES12, 1, ReferenceFrames.samples12Payload(3, codes12)),
                ReferenceFrames.frame(FrontEndProtocol.TYPE_ACK, 2,
                        ReferenceFrames.ackPayload(65535, Integer.MIN_VALUE, 7)));
        List<String> seen = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        decoder.accept(stream, 0, stream.length, frame -> {
            switch (frame.type()) {
                case FrontEndProtocol.TYPE_INFO -> seen.add(FrontEndInfo.from(frame).toString());
                case FrontEndProtocol.TYPE_ACK -> seen.add("ACK " + frame.u16(0) + " " + frame.i32(2) + " "
                        + frame.u32(2) + " seq " + frame.sequence());
                default -> {
                    int[] codes = new int[frame.sampleCount()];
                    assertEquals(codes.length, frame.sampleCodes(codes, 0));
                    seen.add(FrontEndProtocol.typeName(frame.type()) + " " + frame.firstSampleIndex() + " "
                            + java.util.Arrays.toString(codes) + " " + frame.payloadBytes() + " B");
                }
            }
        });
        FrontEndInfo expectedInfo = new FrontEndInfo(2, 2, 3, 4, 16, FrontEndProtocol.TYPE_SAMPLES16, 1024,
                4_000_000_000L, 4_100_000_000L, -2_000_000_000, 2_000_000_000, -5, 0xFFFF_FFFFL, 0x8000_0000L);
        assertEquals(List.of(expectedInfo.toString(),
                "SAMPLES16 2309737967 " + java.util.Arrays.toString(codes16) + " 12 B",
                "SAMPLES12 3 " + java.util.Arrays.toString(codes12) + " 10 B",
                "ACK 65535 -2147483648 2147483648 seq 2"), seen);
        assertEquals(0, decoder.droppedFrames(), "2^32 − 1 is followed by 0");
    }

    @Test
    void everyFrameTypeRoundTrips() {
        FrameEncoder encoder = new FrameEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrontEndInfo info = new FrontEndInfo(1, 2, 3, 4, 12, FrontEndProtocol.TYPE_SAMPLES12, 64, 500_000, 3_300_000,
                -10, 10_000, 2_000, 0xDEADBEEFL, 0xFFFF_FFF0L);
        wire.write(encoder.buffer(), 0, encoder.hello(1));
        wire.write(encoder.buffer(), 0, encoder.move(65535, -7));
        wire.write(encoder.buffer(), 0, encoder.info(info));
        wire.write(encoder.buffer(), 0, encoder.ack(9, Integer.MIN_VALUE, 7));
        wire.write(encoder.buffer(), 0, encoder.nak(9, FrontEndProtocol.NAK_OUT_OF_RANGE));
        int[] codes16 = {0, 1, 0x7FFF, 0xFFFF, 0xA55A};
        wire.write(encoder.buffer(), 0, encoder.samples16(0xFFFF_FFFFL, codes16, 0, codes16.length));

        FrameDecoder decoder = new FrameDecoder();
        List<Object> seen = new ArrayList<>();
        byte[] bytes = wire.toByteArray();
        decoder.accept(bytes, 0, bytes.length, frame -> {
            switch (frame.type()) {
                case FrontEndProtocol.TYPE_HELLO -> seen.add("HELLO " + frame.u8(0));
                case FrontEndProtocol.TYPE_MOVE -> seen.add("MOVE " + frame.u16(0) + " " + frame.i32(2));
                case FrontEndProtocol.TYPE_INFO -> seen.add(FrontEndInfo.from(frame));
                case FrontEndProtocol.TYPE_ACK -> seen.add("ACK " + frame.u16(0) + " " + frame.i32(2));
                case FrontEndProtocol.TYPE_NAK -> seen.add("NAK " + frame.u16(0) + " " + frame.u8(2));
                case FrontEndProtocol.TYPE_SAMPLES16 -> {
                    int[] codes = new int[frame.sampleCount()];
                    frame.sampleCodes(codes, 0);
                    seen.add(frame.firstSampleIndex() + " " + java.util.Arrays.toString(codes));
                }
                default -> seen.add("?");
            }
        });
        assertEquals(List.of("HELLO 1", "MOVE 65535 -7", info, "ACK 9 " + Integer.MIN_VALUE, "NAK 9 1",
                "4294967295 " + java.util.Arrays.toString(codes16)), seen);
        assertEquals(0, decoder.corruptFrames());
        assertEquals(0, decoder.droppedFrames());
        assertEquals(0, decoder.bytesSkipped());
    }

    @Test
    void twelveBitPackingRoundTripsEveryCode() {
        FrameEncoder encoder = new FrameEncoder();
        FrameDecoder decoder = new FrameDecoder();
        int[] sent = new int[FrontEndProtocol.MAX_SAMPLES_PER_FRAME];
        int[] got = new int[FrontEndProtocol.MAX_SAMPLES_PER_FRAME];
        for (int base = 0; base < 4096; base += sent.length) {
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (base + i * 7) % 4096; // every code, in both halves of a pair
            }
            int length = encoder.samples12(base, sent, 0, sent.length);
            decoder.accept(encoder.buffer(), 0, length, frame -> frame.sampleCodes(got, 0));
            assertArrayEquals(sent, got);
        }
    }

    @Test
    void findsAFrameAfterGarbageAndInsideARejectedCandidate() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] valid = frameBytes(encoder, encoder.ack(1, 42, 0));
        // A false start: sync, version, a SAMPLES16 type and a long plausible length, then the real
        // frame begins inside the bytes the false candidate claims.
        byte[] falseStart = HexFormat.of().parseHex("00ffa55a0282000000000004");
        byte[] stream = ReferenceFrames.concat(falseStart, valid, HexFormat.of().parseHex("a5a55a"), new byte[2100],
                valid);
        // The second copy repeats sequence 0: a restart, not a gap.
        for (int chunk : new int[] {1, 3, 64, stream.length}) {
            FrameDecoder decoder = new FrameDecoder();
            List<Decoded> frames = decode(decoder, stream, chunk);
            assertEquals(2, frames.size(), "chunk " + chunk);
            assertEquals(FrontEndProtocol.TYPE_ACK, frames.get(0).type());
            assertEquals(1, decoder.errors(DecodeError.BAD_CRC), "chunk " + chunk);
            assertEquals(1, decoder.sequenceRestarts());
            assertEquals(stream.length, decoder.bytesInFrames() + decoder.bytesSkipped() + decoder.pendingBytes());
        }
    }

    @Test
    void headerErrorsAreCountedByKind() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] good = frameBytes(encoder, encoder.nak(3, 2));
        byte[] badVersion = good.clone();
        badVersion[2] = 3;
        byte[] badType = good.clone();
        badType[3] = 0x7F;
        byte[] badLength = good.clone();
        badLength[8] = 4;
        byte[] badCrc = good.clone();
        badCrc[good.length - 1] ^= 1;
        FrameDecoder decoder = new FrameDecoder();
        List<Decoded> frames = decode(decoder, ReferenceFrames.concat(badVersion, badType, badLength, badCrc, good), 5);
        assertEquals(1, frames.size());
        assertEquals(1, decoder.errors(DecodeError.UNSUPPORTED_VERSION));
        assertEquals(1, decoder.errors(DecodeError.UNKNOWN_TYPE));
        assertEquals(1, decoder.errors(DecodeError.BAD_LENGTH));
        assertEquals(1, decoder.errors(DecodeError.BAD_CRC));
        assertEquals(4, decoder.corruptFrames());
    }

    @Test
    void aWholeFrameOfAnotherVersionIsRefusedButItsVersionIsKept() {
        byte[] v2 = ReferenceFrames.frame(FrontEndProtocol.TYPE_NAK, 0, ReferenceFrames.nakPayload(0, 3));
        byte[] v1 = v2.clone();
        v1[2] = 1;
        long crc = ReferenceFrames.crc32(v1, 2, v1.length - 6);
        for (int k = 0; k < 4; k++) {
            v1[v1.length - 4 + k] = (byte) (crc >>> (8 * k));
        }
        byte[] damagedV3 = v1.clone();
        damagedV3[2] = 3; // its CRC no longer matches: noise, not a device speaking version 3
        FrameDecoder decoder = new FrameDecoder();
        // Split inside the frame of version 1: the decoder waits for it whole before it judges it.
        List<Decoded> frames = decode(decoder, ReferenceFrames.concat(v1, damagedV3, v2), 5);
        assertEquals(1, frames.size());
        assertEquals(1, decoder.otherVersionSeen());
        assertEquals(2, decoder.errors(DecodeError.UNSUPPORTED_VERSION));
        assertEquals(0, new FrameDecoder().otherVersionSeen());
    }

    @Test
    void sequenceGapsCountAsDroppedFramesAcrossTheWrap() {
        FrameEncoder encoder = new FrameEncoder();
        FrameDecoder decoder = new FrameDecoder();
        int[] codes = {1, 2};
        for (int i = 0; i < 10; i++) {
            int length = encoder.samples16(i, codes, 0, 2);
            if (i != 3 && i != 4 && i != 8) {
                decoder.accept(encoder.buffer(), 0, length, frame -> { });
            }
        }
        assertEquals(3, decoder.droppedFrames());
        assertEquals(7, decoder.framesDecoded());

        // Across the top of the sequence space: after 2^32 − 2 comes 2^32 − 1, then 0.
        FrameDecoder wrap = new FrameDecoder();
        FrameEncoder sender = new FrameEncoder();
        wrap.expectSequence(0xFFFF_FFFFL);
        int length = sender.ack(1, 1, 0); // sequence 0: frame 2^32 − 1 is missing
        wrap.accept(sender.buffer(), 0, length, frame -> { });
        assertEquals(1, wrap.droppedFrames());
        assertEquals(0, wrap.sequenceRestarts());
    }

    @Test
    void incompleteInputIsHeldOnlyWhileItCanStillBecomeAFrame() {
        byte[] move = HexFormat.of().parseHex(DOCUMENTED_MOVE_HEX);
        FrameDecoder decoder = new FrameDecoder();
        // 0xA5 then a byte that is not 0x5A: no frame starts here, both bytes go at once.
        decoder.accept(HexFormat.of().parseHex("a500"), 0, 2, frame -> fail("no frame"));
        assertEquals(0, decoder.pendingBytes());
        assertEquals(2, decoder.bytesSkipped());
        // Ten header bytes of version 1 with a length its type does not allow: refused as soon as the
        // header is complete.
        byte[] header = HexFormat.of().parseHex("a55a0182000000000500");
        decoder.accept(header, 0, header.length, frame -> fail("no frame"));
        assertEquals(1, decoder.errors(DecodeError.UNSUPPORTED_VERSION));
        assertEquals(0, decoder.pendingBytes());
        assertEquals(2 + header.length, decoder.bytesSkipped());
        // A valid header waits for the rest of its frame.
        List<Decoded> frames = decode(decoder, Arrays.copyOf(move, move.length - 1), move.length);
        assertEquals(List.of(), frames);
        assertEquals(move.length - 1, decoder.pendingBytes());
        // A new connection drops what is held, counted as skipped; the next frame decodes whole.
        decoder.discardPending();
        assertEquals(0, decoder.pendingBytes());
        assertEquals(2 + header.length + move.length - 1, decoder.bytesSkipped());
        assertEquals(1, decode(decoder, move, move.length).size());
        assertEquals(decoder.bytesAccepted(), decoder.bytesInFrames() + decoder.bytesSkipped());
    }

    @Test
    void aSequenceJumpOfHalfTheSpaceOrMoreIsARestartAndLessIsAGap() {
        FrameDecoder decoder = new FrameDecoder();
        decoder.expectSequence(0);
        byte[] ack = ReferenceFrames.ackPayload(1, 1, 0);
        byte[] halfWay = ReferenceFrames.frame(FrontEndProtocol.TYPE_ACK, 1L << 31, ack); // 2^31 ahead of 0
        decoder.accept(halfWay, 0, halfWay.length, frame -> { });
        assertEquals(1, decoder.sequenceRestarts());
        assertEquals(0, decoder.droppedFrames());
        // 2^31 + 1 is expected now; 0 (= 2^32) is 2^31 − 1 ahead of it: a gap.
        byte[] wrapped = ReferenceFrames.frame(FrontEndProtocol.TYPE_ACK, 0, ack);
        decoder.accept(wrapped, 0, wrapped.length, frame -> { });
        assertEquals(1, decoder.sequenceRestarts());
        assertEquals((1L << 31) - 1, decoder.droppedFrames());
    }

    @Test
    void sampleFramesOutsideTheDocumentedCountsAreRefusedByEncoderAndDecoder() {
        FrameEncoder encoder = new FrameEncoder();
        int[] codes = new int[FrontEndProtocol.MAX_SAMPLES_PER_FRAME + 2];
        // SAMPLES16: n = 1 … 1024; SAMPLES12: n = 2 … 1024, even. Frame = 14 + 4 + codes' bytes.
        assertThrows(IllegalArgumentException.class, () -> encoder.samples16(0, codes, 0, 0));
        assertEquals(14 + 4 + 2, encoder.samples16(0, codes, 0, 1));
        assertEquals(14 + 4 + 2048, encoder.samples16(0, codes, 0, 1024));
        assertThrows(IllegalArgumentException.class, () -> encoder.samples16(0, codes, 0, 1025));
        assertThrows(IllegalArgumentException.class, () -> encoder.samples12(0, codes, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> encoder.samples12(0, codes, 0, 1));
        assertEquals(14 + 4 + 3, encoder.samples12(0, codes, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> encoder.samples12(0, codes, 0, 3));
        assertEquals(14 + 4 + 1536, encoder.samples12(0, codes, 0, 1024));
        assertThrows(IllegalArgumentException.class, () -> encoder.samples12(0, codes, 0, 1026));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.samples16(0, codes, 1000, 100));

        int s16 = FrontEndProtocol.TYPE_SAMPLES16;
        int s12 = FrontEndProtocol.TYPE_SAMPLES12;
        assertEquals(List.of(false, true, false, true, false),
                List.of(FrontEndProtocol.validPayloadLength(s16, 4), FrontEndProtocol.validPayloadLength(s16, 6),
                        FrontEndProtocol.validPayloadLength(s16, 7), FrontEndProtocol.validPayloadLength(s16, 2052),
                        FrontEndProtocol.validPayloadLength(s16, 2054)));
        assertEquals(List.of(false, true, false, true, false),
                List.of(FrontEndProtocol.validPayloadLength(s12, 4), FrontEndProtocol.validPayloadLength(s12, 7),
                        FrontEndProtocol.validPayloadLength(s12, 8), FrontEndProtocol.validPayloadLength(s12, 1540),
                        FrontEndProtocol.validPayloadLength(s12, 1543)));
        assertEquals(List.of(true, false, true, true, true, true, false),
                List.of(FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_HELLO, 1),
                        FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_HELLO, 2),
                        FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_MOVE, 6),
                        FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_INFO, 36),
                        FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_ACK, 10),
                        FrontEndProtocol.validPayloadLength(FrontEndProtocol.TYPE_NAK, 3),
                        FrontEndProtocol.validPayloadLength(0x7F, 3)));
    }

    @Test
    void everyTypeHasItsDocumentedNameAndOnlySampleFramesCarrySamples() {
        assertEquals(List.of("HELLO", "MOVE", "INFO", "SAMPLES16", "ACK", "NAK", "SAMPLES12", "0x7f"),
                java.util.stream.IntStream.of(0x01, 0x02, 0x81, 0x82, 0x83, 0x84, 0x85, 0x7F)
                        .mapToObj(FrontEndProtocol::typeName).toList());
        byte[] ack = ReferenceFrames.frame(FrontEndProtocol.TYPE_ACK, 0, ReferenceFrames.ackPayload(1, 2, 3));
        List<String> seen = new ArrayList<>();
        new FrameDecoder().accept(ack, 0, ack.length, frame -> {
            assertEquals(0, frame.sampleCount());
            assertThrows(IllegalStateException.class, frame::firstSampleIndex);
            assertThrows(IllegalStateException.class, () -> frame.sampleCodes(new int[8], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> frame.u16(9), "past the payload");
            seen.add("ACK");
        });
        assertEquals(List.of("ACK"), seen);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
