package org.resonantlearner.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A real file whose disk is full after {@code capacityBytes}: the write that crosses the limit stores
 * the bytes that fit (a torn line, as a real short write leaves) and the next write fails with the
 * kernel's ENOSPC text. Truncation works, as it does on a full disk, unless told otherwise.
 */
final class FailingChannel implements SeekableByteChannel {
    private final SeekableByteChannel file;
    private final long capacityBytes;
    private final boolean truncateFails;

    private FailingChannel(SeekableByteChannel file, long capacityBytes, boolean truncateFails) {
        this.file = file;
        this.capacityBytes = capacityBytes;
        this.truncateFails = truncateFails;
    }

    /** An opener whose files hold {@code capacityBytes} each. */
    static RecordWriter.ChannelOpener opener(long capacityBytes, boolean truncateFails) {
        return path -> new FailingChannel(
                Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), capacityBytes,
                truncateFails);
    }

    /** An opener whose first {@code goodFiles} files work and whose next one cannot be created. */
    static RecordWriter.ChannelOpener failingAfterFiles(int goodFiles) {
        int[] opened = {0};
        return path -> {
            if (opened[0]++ >= goodFiles) {
                throw new IOException("No space left on device");
            }
            return RecordWriter.CREATE_NEW.open(path);
        };
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        long room = capacityBytes - file.position();
        if (room <= 0) {
            throw new IOException("No space left on device");
        }
        if (source.remaining() <= room) {
            return file.write(source);
        }
        ByteBuffer fits = source.slice(source.position(), (int) room);
        int written = file.write(fits);
        source.position(source.position() + written);
        return written;
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (truncateFails) {
            throw new IOException("Input/output error");
        }
        file.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return file.read(destination);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
