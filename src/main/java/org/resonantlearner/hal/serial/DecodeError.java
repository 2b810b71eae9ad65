package org.resonantlearner.hal.serial;

/**
 * Why the decoder rejected a candidate frame (bytes that started with the sync pattern). Every
 * rejection is counted per kind ({@link FrameDecoder#errors}); none is thrown. After any of them
 * the decoder resumes its search one byte after the rejected sync, so a valid frame that starts
 * inside the rejected bytes is still found.
 */
public enum DecodeError {
    /** The version byte is not {@link FrontEndProtocol#VERSION}. */
    UNSUPPORTED_VERSION,
    /** The type byte names no frame type of this version. */
    UNKNOWN_TYPE,
    /** The payload length is impossible for the frame's type. */
    BAD_LENGTH,
    /** The CRC-32 over the frame does not match. */
    BAD_CRC
}
