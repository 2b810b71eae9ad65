package org.resonantlearner.hal.serial;

import static org.resonantlearner.hal.serial.FrontEndProtocol.HEADER_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.MAX_FRAME_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.MAX_SAMPLES_PER_FRAME;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Builds frames of the front-end protocol into one reused buffer: each method writes a whole frame
 * at the start of {@link #buffer()} and returns its length. Numbers frames 0, 1, 2, … (mod 2^32)
 * from its own sequence counter. Allocation-free; not thread-safe (one writer, or a lock around
 * encode-and-write).
 */
public final class FrameEncoder {
    private final byte[] buffer = new byte[MAX_FRAME_BYTES];
    private final CRC32 crc = new CRC32();
    private long nextSequence;

    /** Creates an encoder whose first frame carries sequence number 0. */
    public FrameEncoder() {}

    /** The buffer the last frame was written to, from index 0. */
    public byte[] buffer() {
        return buffer;
    }

    /** The sequence number the next frame will carry. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Makes the next frame carry sequence number 0 again (a device does this on HELLO). */
    public void restartSequence() {
        nextSequence = 0;
    }

    /** HELLO carrying the host's protocol version. */
    public int hello(int protocolVersion) {
        int at = begin(FrontEndProtocol.TYPE_HELLO);
        buffer[at] = (byte) protocolVersion;
        return finish(FrontEndProtocol.HELLO_PAYLOAD_BYTES);
    }

    /** MOVE to {@code targetPositionSteps} under {@code commandId} (0 .. 65535). */
    public int move(int commandId, int targetPositionSteps) {
        int at = begin(FrontEndProtocol.TYPE_MOVE);
        putU16(at, commandId);
        putI32(at + 2, targetPositionSteps);
        return finish(FrontEndProtocol.MOVE_PAYLOAD_BYTES);
    }

    /**
     * ACK of {@code commandId}, reporting the position reached and the index of the first sample
     * taken after the move took effect (mod 2^32).
     */
    public int ack(int commandId, int positionSteps, long effectiveSampleIndex) {
        int at = begin(FrontEndProtocol.TYPE_ACK);
        putU16(at, commandId);
        putI32(at + 2, positionSteps);
        putI32(at + 6, (int) effectiveSampleIndex);
        return finish(FrontEndProtocol.ACK_PAYLOAD_BYTES);
    }

    /** NAK of {@code commandId} (0 for HELLO) with a {@code FrontEndProtocol.NAK_*} reason. */
    public int nak(int commandId, int reason) {
        int at = begin(FrontEndProtocol.TYPE_NAK);
        putU16(at, commandId);
        buffer[at + 2] = (byte) reason;
        return finish(FrontEndProtocol.NAK_PAYLOAD_BYTES);
    }

    /** INFO describing the device. */
    public int info(FrontEndInfo info) {
        int at = begin(FrontEndProtocol.TYPE_INFO);
        buffer[at] = (byte) info.protocolVersion();
        buffer[at + 1] = (byte) info.firmwareMajor();
        buffer[at + 2] = (byte) info.firmwareMinor();
        buffer[at + 3] = (byte) info.firmwarePatch();
        buffer[at + 4] = (byte) info.adcBits();
        buffer[at + 5] = (byte) info.sampleFrameType();
        putU16(at + 6, info.samplesPerFrame());
        putI32(at + 8, (int) info.sampleRateHz());
        putI32(at + 12, (int) info.fullScaleMicrovolts());
        putI32(at + 16, info.minPositionSteps());
        putI32(at + 20, info.maxPositionSteps());
        putI32(at + 24, info.positionSteps());
        putI32(at + 28, (int) info.bootId());
        putI32(at + 32, (int) info.nextSampleIndex());
        return finish(FrontEndProtocol.INFO_PAYLOAD_BYTES);
    }

    /**
     * SAMPLES16 with {@code count} codes (each 0 .. 65535) from {@code codes[offset ..]}, the first
     * being sample {@code firstSampleIndex} (mod 2^32) of the device's counter.
     */
    public int samples16(long firstSampleIndex, int[] codes, int offset, int count) {
        checkCount(codes, offset, count, 1);
        int at = begin(FrontEndProtocol.TYPE_SAMPLES16);
        putI32(at, (int) firstSampleIndex);
        at += FrontEndProtocol.SAMPLE_INDEX_BYTES;
        for (int k = 0; k < count; k++, at += 2) {
            putU16(at, codes[offset + k]);
        }
        return finish(FrontEndProtocol.SAMPLE_INDEX_BYTES + 2 * count);
    }

    /** SAMPLES12: as {@link #samples16} with codes 0 .. 4095 packed two in three bytes; {@code count} even. */
    public int samples12(long firstSampleIndex, int[] codes, int offset, int count) {
        checkCount(codes, offset, count, 2);
        int at = begin(FrontEndProtocol.TYPE_SAMPLES12);
        putI32(at, (int) firstSampleIndex);
        at += FrontEndProtocol.SAMPLE_INDEX_BYTES;
        for (int k = 0; k < count; k += 2, at += 3) {
            int a = codes[offset + k] & 0xFFF;
            int b = codes[offset + k + 1] & 0xFFF;
            buffer[at] = (byte) a;
            buffer[at + 1] = (byte) (a >>> 8 | (b & 0x0F) << 4);
            buffer[at + 2] = (byte) (b >>> 4);
        }
        return finish(FrontEndProtocol.SAMPLE_INDEX_BYTES + count / 2 * 3);
    }

    private static void checkCount(int[] codes, int offset, int count, int multiple) {
        Objects.checkFromIndexSize(offset, count, codes.length);
        if (count < multiple || count > MAX_SAMPLES_PER_FRAME || count % multiple != 0) {
            throw new IllegalArgumentException("count = " + count + " samples is invalid: allowed a multiple of "
                    + multiple + " in [" + multiple + ", " + MAX_SAMPLES_PER_FRAME + "]");
        }
    }

    private int begin(int type) {
        buffer[0] = FrontEndProtocol.SYNC_0;
        buffer[1] = FrontEndProtocol.SYNC_1;
        buffer[2] = (byte) FrontEndProtocol.VERSION;
        buffer[3] = (byte) type;
        putI32(4, (int) nextSequence);
        nextSequence = (nextSequence + 1) & 0xFFFF_FFFFL;
        return HEADER_BYTES;
    }

    private int finish(int payloadBytes) {
        putU16(8, payloadBytes);
        int crcAt = HEADER_BYTES + payloadBytes;
        crc.reset();
        crc.update(buffer, 2, crcAt - 2);
        putI32(crcAt, (int) crc.getValue());
        return crcAt + FrontEndProtocol.CRC_BYTES;
    }

    private void putU16(int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
    }

    private void putI32(int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
        buffer[at + 2] = (byte) (value >>> 16);
        buffer[at + 3] = (byte) (value >>> 24);
    }
}
