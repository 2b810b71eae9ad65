package org.resonantlearner.hal.serial;

import static org.resonantlearner.hal.serial.FrontEndProtocol.HEADER_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.SAMPLE_INDEX_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.TYPE_SAMPLES12;
import static org.resonantlearner.hal.serial.FrontEndProtocol.TYPE_SAMPLES16;

/**
 * A view of the frame the decoder has just validated (its CRC matched). Valid only inside
 * {@link FrameDecoder.Listener#onFrame}: the decoder reuses it and its bytes for the next frame.
 * Payload offsets count from the first payload byte.
 */
public final class DecodedFrame {
    private final byte[] buffer;
    private int frameStart;
    private int type;
    private long sequence;
    private int payloadBytes;

    DecodedFrame(byte[] buffer) {
        this.buffer = buffer;
    }

    void set(int frameStart, int type, long sequence, int payloadBytes) {
        this.frameStart = frameStart;
        this.type = type;
        this.sequence = sequence;
        this.payloadBytes = payloadBytes;
    }

    /** Frame type ({@code FrontEndProtocol.TYPE_*}). */
    public int type() {
        return type;
    }

    /** The sender's sequence number, 0 .. 2^32 − 1. */
    public long sequence() {
        return sequence;
    }

    /** Payload length in bytes. */
    public int payloadBytes() {
        return payloadBytes;
    }

    /** Unsigned byte at payload offset {@code at}. */
    public int u8(int at) {
        return buffer[payloadIndex(at, 1)] & 0xFF;
    }

    /** Unsigned little-endian 16-bit value at payload offset {@code at}. */
    public int u16(int at) {
        int i = payloadIndex(at, 2);
        return (buffer[i] & 0xFF) | (buffer[i + 1] & 0xFF) << 8;
    }

    /** Signed little-endian 32-bit value at payload offset {@code at}. */
    public int i32(int at) {
        int i = payloadIndex(at, 4);
        return (buffer[i] & 0xFF) | (buffer[i + 1] & 0xFF) << 8 | (buffer[i + 2] & 0xFF) << 16
                | (buffer[i + 3] & 0xFF) << 24;
    }

    /** Unsigned little-endian 32-bit value at payload offset {@code at}. */
    public long u32(int at) {
        return i32(at) & 0xFFFF_FFFFL;
    }

    /** Copies the payload to {@code destination[offset ..]}. */
    public void copyPayload(byte[] destination, int offset) {
        System.arraycopy(buffer, frameStart + HEADER_BYTES, destination, offset, payloadBytes);
    }

    /** Samples in this frame; 0 unless it is a sample frame. */
    public int sampleCount() {
        return FrontEndProtocol.sampleCount(type, payloadBytes);
    }

    /** Index of the frame's first sample in the device's sample counter, 0 .. 2^32 − 1 (sample frames only). */
    public long firstSampleIndex() {
        requireSampleFrame();
        return u32(0);
    }

    /**
     * Unpacks the frame's ADC codes into {@code codes[offset .. offset + sampleCount())}, unsigned.
     *
     * @return the number of codes written
     */
    public int sampleCodes(int[] codes, int offset) {
        requireSampleFrame();
        int count = sampleCount();
        java.util.Objects.checkFromIndexSize(offset, count, codes.length);
        int i = frameStart + HEADER_BYTES + SAMPLE_INDEX_BYTES;
        if (type == TYPE_SAMPLES16) {
            for (int k = 0; k < count; k++, i += 2) {
                codes[offset + k] = (buffer[i] & 0xFF) | (buffer[i + 1] & 0xFF) << 8;
            }
        } else {
            // Two 12-bit codes a, b in three bytes: a[7:0] | b[3:0]a[11:8] | b[11:4].
            for (int k = 0; k < count; k += 2, i += 3) {
                int b0 = buffer[i] & 0xFF;
                int b1 = buffer[i + 1] & 0xFF;
                int b2 = buffer[i + 2] & 0xFF;
                codes[offset + k] = b0 | (b1 & 0x0F) << 8;
                codes[offset + k + 1] = b1 >>> 4 | b2 << 4;
            }
        }
        return count;
    }

    private void requireSampleFrame() {
        if (type != TYPE_SAMPLES16 && type != TYPE_SAMPLES12) {
            throw new IllegalStateException("frame " + FrontEndProtocol.typeName(type) + " carries no samples");
        }
    }

    private int payloadIndex(int at, int size) {
        java.util.Objects.checkFromIndexSize(at, size, payloadBytes);
        return frameStart + HEADER_BYTES + at;
    }
}
