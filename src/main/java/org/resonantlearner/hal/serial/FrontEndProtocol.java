package org.resonantlearner.hal.serial;

/**
 * Constants of the front-end wire protocol, version 1 ({@code hardware/serial-protocol.md}).
 *
 * <pre>
 *   offset  size  field
 *   0       2     sync 0xA5 0x5A
 *   2       1     protocol version (1)
 *   3       1     frame type
 *   4       4     sequence number, u32 little-endian, per sender, +1 per frame
 *   8       2     payload length in bytes, u16 little-endian
 *   10      n     payload
 *   10+n    4     CRC-32 (IEEE 802.3, as zlib) over bytes 2 .. 10+n−1, u32 little-endian
 * </pre>
 *
 * All multi-byte fields are little-endian (the RP2040 and the host are both little-endian).
 */
public final class FrontEndProtocol {
    private FrontEndProtocol() {}

    /** First sync byte. */
    public static final byte SYNC_0 = (byte) 0xA5;
    /** Second sync byte. */
    public static final byte SYNC_1 = (byte) 0x5A;
    /** The protocol version this code speaks, in every frame header. */
    public static final int VERSION = 2;

    /** Bytes before the payload: sync, version, type, sequence, length. */
    public static final int HEADER_BYTES = 10;
    /** Bytes after the payload: the CRC-32. */
    public static final int CRC_BYTES = 4;
    /** Most samples one sample frame may carry. */
    public static final int MAX_SAMPLES_PER_FRAME = 1024;
    /** Bytes of a sample frame's payload before its codes: the u32 index of its first sample. */
    public static final int SAMPLE_INDEX_BYTES = 4;
    /** Largest payload of any frame (a full 16-bit sample frame). */
    public static final int MAX_PAYLOAD_BYTES = SAMPLE_INDEX_BYTES + 2 * MAX_SAMPLES_PER_FRAME;
    /** Largest frame on the wire. */
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + CRC_BYTES;

    // Host → device.
    /** HELLO (host → device): u8 host protocol version. Starts (or restarts) a session. */
    public static final int TYPE_HELLO = 0x01;
    /** MOVE (host → device): u16 command id, i32 target position (steps). */
    public static final int TYPE_MOVE = 0x02;

    // Device → host.
    /** INFO (device → host): the answer to HELLO, {@link #INFO_PAYLOAD_BYTES} bytes. */
    public static final int TYPE_INFO = 0x81;
    /** SAMPLES16 (device → host): u32 first sample index, then u16 codes. */
    public static final int TYPE_SAMPLES16 = 0x82;
    /**
     * ACK (device → host): u16 command id, i32 position reached (steps), u32 effective sample index
     * (the device's sample counter when the move was complete: the first sample at the new position).
     */
    public static final int TYPE_ACK = 0x83;
    /** NAK (device → host): u16 command id (0 for HELLO), u8 reason. */
    public static final int TYPE_NAK = 0x84;
    /** SAMPLES12 (device → host): u32 first sample index, then pairs of 12-bit codes in 3 bytes. */
    public static final int TYPE_SAMPLES12 = 0x85;

    /** HELLO payload bytes. */
    public static final int HELLO_PAYLOAD_BYTES = 1;
    /** MOVE payload bytes. */
    public static final int MOVE_PAYLOAD_BYTES = 6;
    /** INFO payload bytes. */
    public static final int INFO_PAYLOAD_BYTES = 36;
    /** ACK payload bytes. */
    public static final int ACK_PAYLOAD_BYTES = 10;
    /** NAK payload bytes. */
    public static final int NAK_PAYLOAD_BYTES = 3;

    /** NAK reason: the MOVE target is outside the actuator's range. */
    public static final int NAK_OUT_OF_RANGE = 1;
    /** NAK reason: the actuator is faulted (driver error, home switch lost). */
    public static final int NAK_ACTUATOR_FAULT = 2;
    /** NAK reason: HELLO asked for a protocol version the device does not speak. */
    public static final int NAK_UNSUPPORTED_VERSION = 3;
    /** NAK reason: a command arrived before HELLO. */
    public static final int NAK_NO_SESSION = 4;

    /**
     * Whether {@code payloadBytes} is a valid payload length for {@code type}; false for unknown
     * types. This is the decoder's header check, made before it waits for the payload.
     */
    public static boolean validPayloadLength(int type, int payloadBytes) {
        return switch (type) {
            case TYPE_HELLO -> payloadBytes == HELLO_PAYLOAD_BYTES;
            case TYPE_MOVE -> payloadBytes == MOVE_PAYLOAD_BYTES;
            case TYPE_INFO -> payloadBytes == INFO_PAYLOAD_BYTES;
            case TYPE_ACK -> payloadBytes == ACK_PAYLOAD_BYTES;
            case TYPE_NAK -> payloadBytes == NAK_PAYLOAD_BYTES;
            case TYPE_SAMPLES16 -> {
                int codeBytes = payloadBytes - SAMPLE_INDEX_BYTES;
                yield codeBytes >= 2 && codeBytes <= 2 * MAX_SAMPLES_PER_FRAME && codeBytes % 2 == 0;
            }
            case TYPE_SAMPLES12 -> {
                int codeBytes = payloadBytes - SAMPLE_INDEX_BYTES;
                yield codeBytes >= 3 && codeBytes <= 3 * (MAX_SAMPLES_PER_FRAME / 2) && codeBytes % 3 == 0;
            }
            default -> false;
        };
    }

    /** Whether {@code type} is one of the frame types of this version. */
    public static boolean knownType(int type) {
        return switch (type) {
            case TYPE_HELLO, TYPE_MOVE, TYPE_INFO, TYPE_SAMPLES16, TYPE_ACK, TYPE_NAK, TYPE_SAMPLES12 -> true;
            default -> false;
        };
    }

    /** Samples carried by a sample frame of {@code type} with {@code payloadBytes}; 0 for other types. */
    public static int sampleCount(int type, int payloadBytes) {
        return switch (type) {
            case TYPE_SAMPLES16 -> (payloadBytes - SAMPLE_INDEX_BYTES) / 2;
            case TYPE_SAMPLES12 -> (payloadBytes - SAMPLE_INDEX_BYTES) / 3 * 2;
            default -> 0;
        };
    }

    /** A short name of {@code type} for messages ("SAMPLES12", "0x7f"). */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_HELLO -> "HELLO";
            case TYPE_MOVE -> "MOVE";
            case TYPE_INFO -> "INFO";
            case TYPE_SAMPLES16 -> "SAMPLES16";
            case TYPE_ACK -> "ACK";
            case TYPE_NAK -> "NAK";
            case TYPE_SAMPLES12 -> "SAMPLES12";
            default -> String.format("0x%02x", type);
        };
    }
}
