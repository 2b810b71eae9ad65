package org.resonantlearner.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedTextFileTest {
    @TempDir
    Path directory;

    private static String refusal(Path file, long maxBytes) {
        return assertThrows(BoundedTextFile.UnreadableFileException.class, () -> BoundedTextFile.read(file, maxBytes))
                .getMessage();
    }

    @Test
    void readsARegularFileOfExactlyTheBound() throws IOException {
        Path file = directory.resolve("c.json");
        Files.writeString(file, "{\"µ\": 1}", StandardCharsets.UTF_8); // 10 bytes: µ is 2 in UTF-8
        assertEquals("{\"µ\": 1}", BoundedTextFile.read(file, 10));
    }

    @Test
    void refusesAFileOneByteOverTheBound() throws IOException {
        Path file = directory.resolve("c.json");
        Files.writeString(file, "12345678901");
        assertEquals("is larger than the allowed 10 bytes", refusal(file, 10));
    }

    @Test
    void refusesDevZeroWithoutReadingIt() {
        // /dev/zero is a character device of size 0 that never ends: read, it would fill the heap.
        assertEquals("is not a regular file (a FIFO, socket or device): allowed a regular file",
                refusal(Path.of("/dev/zero"), 1 << 20));
    }

    @Test
    void refusesAFifoWithoutOpeningIt() throws IOException, InterruptedException {
        Path fifo = directory.resolve("f");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo unavailable");
        // Opening a FIFO with no writer blocks for ever; the check comes before the open.
        assertEquals("is not a regular file (a FIFO, socket or device): allowed a regular file", refusal(fifo, 100));
    }

    @Test
    void refusesADirectoryAndAMissingFile() {
        assertEquals("is a directory: allowed a regular file", refusal(directory, 100));
        assertEquals("no such file", refusal(directory.resolve("absent"), 100));
    }

    @Test
    void refusesBytesThatAreNotUtf8() throws IOException {
        Path file = directory.resolve("c.json");
        Files.write(file, new byte[] {'{', (byte) 0xC3, '}'});
        assertEquals("is not UTF-8 text", refusal(file, 100));
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws IOException {
        Path file = directory.resolve("c.json");
        Files.writeString(file, "{}");
        assumeTrue(file.toFile().setReadable(false) && !Files.isReadable(file), "running as root: files stay readable");
        assertEquals("cannot read: permission denied", refusal(file, 100));
    }

    @Test
    void sizesAreInMebibytesWhenWhole() {
        assertEquals("1 MiB (1048576 bytes)", BoundedTextFile.size(1 << 20));
        assertEquals("4 MiB (4194304 bytes)", BoundedTextFile.size(4 << 20));
        assertEquals("1048577 bytes", BoundedTextFile.size((1 << 20) + 1));
        assertEquals("1000 bytes", BoundedTextFile.size(1000));
    }
}
