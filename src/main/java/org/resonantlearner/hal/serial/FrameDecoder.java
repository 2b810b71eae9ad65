package org.resonantlearner.hal.serial;

import static org.resonantlearner.hal.serial.FrontEndProtocol.CRC_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.HEADER_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.MAX_FRAME_BYTES;
import static org.resonantlearner.hal.serial.FrontEndProtocol.SYNC_0;
import static org.resonantlearner.hal.serial.FrontEndProtocol.SYNC_1;
import static org.resonantlearner.hal.serial.FrontEndProtocol.VERSION;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Turns a byte stream into validated frames: push bytes in with {@link #accept}, frames come out
 * through a {@link Listener}. Allocation-free after construction.
 *
 * <p>Resynchronisation: the decoder hunts for the sync pattern, checks the header (version, type,
 * length for that type), waits for the whole frame and checks its CRC. When any check fails it
 * counts the {@link DecodeError}, skips only the first sync byte and searches again from the next
 * byte, inside the bytes it already holds — so a valid frame that starts within garbage or within a
 * damaged frame is never lost. Nothing is thrown for any input; only a frame whose CRC matched
 * reaches the listener.
 *
 * <p>Counters: {@link #framesDecoded}, {@link #corruptFrames} (rejected candidates, per kind in
 * {@link #errors}), {@link #droppedFrames} (gaps in the sender's sequence numbers, whatever their
 * cause — a frame lost to corruption is counted both as corrupt and as dropped), and
 * {@link #bytesSkipped} (bytes not part of any valid frame). Invariant: bytes accepted =
 * bytes in decoded frames + bytes skipped + {@link #pendingBytes}.
 *
 * <p>Not thread-safe: one thread feeds it and reads its counters.
 */
public final class FrameDecoder {
    /** Receives each valid frame; the frame view is only valid during the call. */
    public interface Listener {
        /** Called once per frame whose CRC matched, in stream order. */
        void onFrame(DecodedFrame frame);
    }

    private static final DecodeError[] ERRORS = DecodeError.values();
    private static final long HALF_SEQUENCE_SPACE = 1L << 31;
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;

    // Two maximal frames: after a parse at most one frame minus a byte is pending, so a compaction
    // always frees room for new bytes.
    private final byte[] buffer = new byte[2 * MAX_FRAME_BYTES];
    private final DecodedFrame frame = new DecodedFrame(buffer);
    private final CRC32 crc = new CRC32();
    private final long[] errorCounts = new long[ERRORS.length];
    private int start;
    private int end;

    private long bytesAccepted;
    private long bytesInFrames;
    private long bytesSkipped;
    private long framesDecoded;
    private long droppedFrames;
    private long sequenceRestarts;
    private boolean sequenceKnown;
    private long expectedSequence;
    private int otherVersionSeen;

    /** Creates a decoder with empty buffer and unknown sequence. */
    public FrameDecoder() {}

    /** Feeds {@code length} bytes of {@code bytes} from {@code offset}; calls {@code listener} per valid frame. */
    public void accept(byte[] bytes, int offset, int length, Listener listener) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            if (end == buffer.length) {
                compact();
            }
            int n = Math.min(length, buffer.length - end);
            System.arraycopy(bytes, offset, buffer, end, n);
            end += n;
            offset += n;
            length -= n;
            bytesAccepted += n;
            parse(listener);
        }
    }

    private void parse(Listener listener) {
        while (true) {
            int available = end - start;
            if (available == 0) {
                start = 0;
                end = 0;
                return;
            }
            if (buffer[start] != SYNC_0) {
                int i = start + 1;
                while (i < end && buffer[i] != SYNC_0) {
                    i++;
                }
                bytesSkipped += i - start;
                start = i;
                continue;
            }
            if (available < 2) {
                return;
            }
            if (buffer[start + 1] != SYNC_1) {
                skipOne();
                continue;
            }
            if (available < HEADER_BYTES) {
                return;
            }
            int version = buffer[start + 2] & 0xFF;
            int type = buffer[start + 3] & 0xFF;
            int payloadBytes = (buffer[start + 8] & 0xFF) | (buffer[start + 9] & 0xFF) << 8;
            if (version != VERSION) {
                // Still checked whole: a frame of another version with a matching CRC is a device
                // speaking that version, which the host names in its handshake failure.
                if (FrontEndProtocol.knownType(type) && FrontEndProtocol.validPayloadLength(type, payloadBytes)) {
                    if (available < HEADER_BYTES + payloadBytes + CRC_BYTES) {
                        return;
                    }
                    if (crcMatches(payloadBytes)) {
                        otherVersionSeen = version;
                    }
                }
                reject(DecodeError.UNSUPPORTED_VERSION);
                continue;
            }
            if (!FrontEndProtocol.knownType(type)) {
                reject(DecodeError.UNKNOWN_TYPE);
                continue;
            }
            if (!FrontEndProtocol.validPayloadLength(type, payloadBytes)) {
                reject(DecodeError.BAD_LENGTH);
                continue;
            }
            int frameBytes = HEADER_BYTES + payloadBytes + CRC_BYTES;
            if (available < frameBytes) {
                return;
            }
            if (!crcMatches(payloadBytes)) {
                reject(DecodeError.BAD_CRC);
                continue;
            }
            long sequence = readU32(start + 4);
            trackSequence(sequence);
            frame.set(start, type, sequence, payloadBytes);
            framesDecoded++;
            bytesInFrames += frameBytes;
            // Advance before the call so that a listener that throws leaves the decoder consistent.
            start += frameBytes;
            listener.onFrame(frame);
        }
    }

    /** Whether the candidate at {@code start}, whole in the buffer, carries a matching CRC. */
    private boolean crcMatches(int payloadBytes) {
        int crcAt = start + HEADER_BYTES + payloadBytes;
        crc.reset();
        crc.update(buffer, start + 2, crcAt - start - 2);
        return crc.getValue() == readU32(crcAt);
    }

    private void trackSequence(long sequence) {
        if (sequenceKnown) {
            long gap = (sequence - expectedSequence) & SEQUENCE_MASK;
            if (gap != 0) {
                if (gap < HALF_SEQUENCE_SPACE) {
                    droppedFrames += gap;
                } else {
                    // Went backwards: the sender restarted its numbering (a new session, a reset).
                    sequenceRestarts++;
                }
            }
        }
        sequenceKnown = true;
        expectedSequence = (sequence + 1) & SEQUENCE_MASK;
    }

    private void reject(DecodeError error) {
        errorCounts[error.ordinal()]++;
        skipOne();
    }

    private void skipOne() {
        start++;
        bytesSkipped++;
    }

    private long readU32(int at) {
        return ((buffer[at] & 0xFF) | (buffer[at + 1] & 0xFF) << 8 | (buffer[at + 2] & 0xFF) << 16
                | (long) (buffer[at + 3] & 0xFF) << 24);
    }

    private void compact() {
        int pending = end - start;
        System.arraycopy(buffer, start, buffer, 0, pending);
        start = 0;
        end = pending;
    }

    /**
     * Forgets the sender: its sequence (the next frame sets it without counting a gap) and the other
     * version it spoke. Call when a new connection starts.
     */
    public void forgetSequence() {
        sequenceKnown = false;
        otherVersionSeen = 0;
    }

    /** Sets the sequence number the next frame should carry (after a handshake frame with a known number). */
    public void expectSequence(long nextSequence) {
        sequenceKnown = true;
        expectedSequence = nextSequence & SEQUENCE_MASK;
    }

    /** Drops the bytes held for an incomplete frame (a new connection starts from nothing); counts them as skipped. */
    public void discardPending() {
        bytesSkipped += end - start;
        start = 0;
        end = 0;
    }

    /** Frames whose CRC matched. */
    public long framesDecoded() {
        return framesDecoded;
    }

    /** Candidate frames rejected, all kinds together. */
    public long corruptFrames() {
        long sum = 0;
        for (long count : errorCounts) {
            sum += count;
        }
        return sum;
    }

    /** Candidate frames rejected for {@code error}. */
    public long errors(DecodeError error) {
        return errorCounts[error.ordinal()];
    }

    /**
     * The version byte of the last whole frame (CRC matched) of another protocol version, or 0 when
     * none came: what an incompatible device speaks.
     */
    public int otherVersionSeen() {
        return otherVersionSeen;
    }

    /** Frames missing from the sender's sequence (gaps between consecutive valid frames). */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Times the sender's sequence went backwards (it restarted its numbering). */
    public long sequenceRestarts() {
        return sequenceRestarts;
    }

    /** Bytes discarded while hunting for frames: garbage and the remains of rejected candidates. */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    /** Bytes that were part of valid frames. */
    public long bytesInFrames() {
        return bytesInFrames;
    }

    /** Bytes accepted so far. */
    public long bytesAccepted() {
        return bytesAccepted;
    }

    /** Bytes held for a frame that is not complete yet. */
    public int pendingBytes() {
        return end - start;
    }
}
