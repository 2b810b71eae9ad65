package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the file appears whole or not at all, and no temporary file stays behind. */
class AtomicFilesTest {
    @TempDir
    Path directory;

    private List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeCreatesMissingDirectoriesAndLeavesOnlyTheFile() throws IOException {
        Path file = directory.resolve("a/b/summary.json");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of("summary.json"), namesIn(file.getParent()));
    }

    @Test
    void writeReplacesAnExistingFileWhole() throws IOException {
        Path file = directory.resolve("summary.json");
        Files.writeString(file, "{\"exitStatus\": \"running\", \"a long old text\": true}");
        AtomicFiles.writeString(file, "{\"exitStatus\": \"completed\"}");
        assertEquals("{\"exitStatus\": \"completed\"}", Files.readString(file));
        assertEquals(List.of("summary.json"), namesIn(directory));
    }

    @Test
    void textIsWrittenAsUtf8() throws IOException {
        Path file = directory.resolve("notes.txt");
        AtomicFiles.writeString(file, "2.0 Ω, 25 °C");
        assertArrayEquals("2.0 Ω, 25 °C".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    @Test
    void aFailedReplaceLeavesTheOldTargetAndNoTemporaryFile() throws IOException {
        // A non-empty directory where the file should go cannot be replaced.
        Path target = directory.resolve("summary.json");
        Files.createDirectories(target.resolve("inside"));
        assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "{}"));
        assertEquals(List.of("summary.json"), namesIn(directory));
        assertEquals(List.of("inside"), namesIn(target));
    }
}
