package org.resonantlearner.hal.serial;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The wire format of {@code hardware/serial-protocol.md} written from the document alone, for tests:
 * builds and parses frames and packs and unpacks codes without {@link FrameEncoder},
 * {@link FrameDecoder} or {@link DecodedFrame}, so that what the project's code writes or reads can be
 * checked against an independent reading of the same document. The CRC is the document's zlib
 * CRC-32, which is {@link CRC32}. Only the numeric constants (sync bytes, types) come from
 * {@link FrontEndProtocol}, and those are checked against the documented bytes in
 * {@code FrameDecoderTest}.
 */
final class ReferenceFrames {
    private ReferenceFrames() {}

    /** Bytes before the payload (sync 2, version 1, type 1, sequence 4, length 2). */
    static final int HEADER = 10;
    /** Bytes of the CRC after the payload. */
    static final int CRC = 4;
    /** The protocol version of the document: the third byte of every frame. */
    static final byte VERSION = 2;

    /** One parsed frame: its header fields and payload. */
    record Frame(int version, int type, long sequence, byte[] payload) {
        int u8(int at) {
            return payload[at] & 0xFF;
        }

        int u16(int at) {
            return u8(at) | u8(at + 1) << 8;
        }

        int i32(int at) {
            return u16(at) | u16(at + 2) << 16;
        }

        long u32(int at) {
            return i32(at) & 0xFFFF_FFFFL;
        }

        boolean isSampleFrame() {
            return type == 0x82 || type == 0x85;
        }

        /** The codes of a sample frame, unpacked as the document describes. */
        int[] codes() {
            return type == 0x82 ? unpack16(payload, 4) : unpack12(payload, 4);
        }
    }

    /** The whole frame: sync, version 2, type, sequence, length, payload, CRC-32 over version … payload. */
    static byte[] frame(int type, long sequence, byte[] payload) {
        return frame(VERSION, type, sequence, payload);
    }

    /** As {@link #frame(int, long, byte[])} with another version byte: what a device of that version sends. */
    static byte[] frame(int version, int type, long sequence, byte[] payload) {
        byte[] bytes = new byte[HEADER + payload.length + CRC];
        bytes[0] = (byte) 0xA5;
        bytes[1] = (byte) 0x5A;
        bytes[2] = (byte) version;
        bytes[3] = (byte) type;
        putLe(bytes, 4, sequence, 4);
        putLe(bytes, 8, payload.length, 2);
        System.arraycopy(payload, 0, bytes, HEADER, payload.length);
        putLe(bytes, HEADER + payload.length, crc32(bytes, 2, HEADER - 2 + payload.length), 4);
        return bytes;
    }

    /** CRC-32 (zlib) of {@code length} bytes from {@code offset}. */
    static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    /**
     * Parses {@code bytes} as frames laid end to end (no garbage between them), checking sync,
     * length and CRC; throws {@link AssertionError} on anything else.
     */
    static List<Frame> parseAll(byte[] bytes) {
        List<Frame> frames = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            if ((bytes[at] & 0xFF) != 0xA5 || (bytes[at + 1] & 0xFF) != 0x5A) {
                throw new AssertionError("no sync pattern at byte " + at);
            }
            int length = (int) getLe(bytes, at + 8, 2);
            int crcAt = at + HEADER + length;
            long crc = getLe(bytes, crcAt, 4);
            if (crc != crc32(bytes, at + 2, HEADER - 2 + length)) {
                throw new AssertionError("bad CRC in the frame at byte " + at);
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, at + HEADER, crcAt);
            frames.add(new Frame(bytes[at + 2] & 0xFF, bytes[at + 3] & 0xFF, getLe(bytes, at + 4, 4), payload));
            at = crcAt + CRC;
        }
        return frames;
    }

    /** The single frame {@code bytes} hold. */
    static Frame parse(byte[] bytes) {
        List<Frame> frames = parseAll(bytes);
        if (frames.size() != 1) {
            throw new AssertionError(frames.size() + " frames where one was expected");
        }
        return frames.get(0);
    }

    /** A SAMPLES16 payload: u32 first sample index, then each code as u16. */
    static byte[] samples16Payload(long firstSampleIndex, int... codes) {
        byte[] payload = new byte[4 + 2 * codes.length];
        putLe(payload, 0, firstSampleIndex, 4);
        for (int k = 0; k < codes.length; k++) {
            putLe(payload, 4 + 2 * k, codes[k], 2);
        }
        return payload;
    }

    /** A SAMPLES12 payload: u32 first sample index, then pairs (a, b) as a[7:0], b[3:0]a[11:8], b[11:4]. */
    static byte[] samples12Payload(long firstSampleIndex, int... codes) {
        byte[] payload = new byte[4 + codes.length / 2 * 3];
        putLe(payload, 0, firstSampleIndex, 4);
        for (int k = 0, at = 4; k < codes.length; k += 2, at += 3) {
            int a = codes[k];
            int b = codes[k + 1];
            payload[at] = (byte) (a & 0xFF);
            payload[at + 1] = (byte) ((b & 0x0F) << 4 | a >> 8);
            payload[at + 2] = (byte) (b >> 4);
        }
        return payload;
    }

    private static int[] unpack16(byte[] payload, int from) {
        int[] codes = new int[(payload.length - from) / 2];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = (int) getLe(payload, from + 2 * k, 2);
        }
        return codes;
    }

    private static int[] unpack12(byte[] payload, int from) {
        int[] codes = new int[(payload.length - from) / 3 * 2];
        for (int k = 0, at = from; k < codes.length; k += 2, at += 3) {
            int b0 = payload[at] & 0xFF;
            int b1 = payload[at + 1] & 0xFF;
            int b2 = payload[at + 2] & 0xFF;
            codes[k] = b0 + 256 * (b1 % 16);
            codes[k + 1] = b1 / 16 + 16 * b2;
        }
        return codes;
    }

    /**
     * An INFO payload, field by field as the document's table lists them: version, firmware
     * major/minor/patch, ADC bits, sample frame type, samples per frame, sample rate (Hz), full scale
     * (µV), min, max and current position (steps), boot id, next sample index.
     */
    static byte[] infoPayload(int adcBits, int sampleFrameType, int samplesPerFrame, long sampleRateHz,
            long fullScaleMicrovolts, int minSteps, int maxSteps, int positionSteps, long bootId,
            long nextSampleIndex) {
        byte[] payload = new byte[36];
        payload[0] = VERSION;
        payload[1] = 2; // firmware 2.3.4: not compared by the host
        payload[2] = 3;
        payload[3] = 4;
        payload[4] = (byte) adcBits;
        payload[5] = (byte) sampleFrameType;
        putLe(payload, 6, samplesPerFrame, 2);
        putLe(payload, 8, sampleRateHz, 4);
        putLe(payload, 12, fullScaleMicrovolts, 4);
        putLe(payload, 16, minSteps, 4);
        putLe(payload, 20, maxSteps, 4);
        putLe(payload, 24, positionSteps, 4);
        putLe(payload, 28, bootId, 4);
        putLe(payload, 32, nextSampleIndex, 4);
        return payload;
    }

    /** An ACK payload: u16 command id, i32 position reached. */
    static byte[] ackPayload(int commandId, int positionSteps, long effectiveSampleIndex) {
        byte[] payload = new byte[10];
        putLe(payload, 0, commandId, 2);
        putLe(payload, 2, positionSteps, 4);
        putLe(payload, 6, effectiveSampleIndex, 4);
        return payload;
    }

    /** A NAK payload: u16 command id, u8 reason. */
    static byte[] nakPayload(int commandId, int reason) {
        byte[] payload = new byte[3];
        putLe(payload, 0, commandId, 2);
        payload[2] = (byte) reason;
        return payload;
    }

    /**
     * The load volts a code stands for (document, "Codes to volts"):
     * {@code volts = (code / (2^bits − 1) − 0.5) · fullScaleVolts}, then
     * {@code v = (volts − offsetVolts) / (1 + gainErrorFraction)}.
     */
    static double volts(int code, int adcBits, double fullScaleVolts, double offsetVolts, double gainErrorFraction) {
        double nominal = ((double) code / (Math.pow(2, adcBits) - 1) - 0.5) * fullScaleVolts;
        return (nominal - offsetVolts) / (1 + gainErrorFraction);
    }

    /** The frames laid end to end. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static void putLe(byte[] bytes, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }

    static long getLe(byte[] bytes, int at, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (bytes[at + i] & 0xFFL) << (8 * i);
        }
        return value;
    }
}
