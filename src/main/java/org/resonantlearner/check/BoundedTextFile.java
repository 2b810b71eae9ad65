package org.resonantlearner.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a small text file the user named (a config, a calibration, a scenario file) so that no
 * file can hang or exhaust the process: only a regular file is opened (checked before opening, so a
 * FIFO never blocks and /dev/zero is never read), and at most {@code maxBytes} are read whatever the
 * file's size claims or becomes while it is read.
 */
public final class BoundedTextFile {
    private BoundedTextFile() {}

    /** A file that cannot be read as asked; the message says why in plain words, without the file name. */
    public static final class UnreadableFileException extends RuntimeException {
        /** Creates the exception with its reason ("no such file", "larger than 1 MiB ..."). */
        public UnreadableFileException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * The UTF-8 text of the regular file {@code file}, at most {@code maxBytes} long.
     *
     * @throws UnreadableFileException when the file is missing, not a regular file (a directory, a
     *     FIFO, a device), larger than {@code maxBytes}, unreadable or not UTF-8
     */
    public static String read(Path file, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException("no such file", e);
        } catch (IOException e) {
            throw new UnreadableFileException(reason(e), e);
        }
        if (attributes.isDirectory()) {
            throw new UnreadableFileException("is a directory: allowed a regular file", null);
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableFileException("is not a regular file (a FIFO, socket or device): allowed a regular file", null);
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than allowed tells a file that grew past the bound since its size was read.
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UnreadableFileException(reason(e), e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("is not UTF-8 text", e);
        }
    }

    /** "1 MiB (1048576 bytes)" for a bound in bytes. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    private static UnreadableFileException tooLarge(long maxBytes) {
        return new UnreadableFileException("is larger than the allowed " + size(maxBytes), null);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot read: permission denied";
        }
        String message = e.getMessage();
        return "cannot read: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
