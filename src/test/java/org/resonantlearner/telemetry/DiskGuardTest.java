package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk reserve: when the guard looks at the file store, and what it says when space is short. */
class DiskGuardTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path directory;

    /** Looks at the store on the first check, then after 1 MiB (1,048,576 bytes) or 1 s of wall time. */
    @Test
    void theStoreIsConsultedOnceAMebibyteOrOnceASecond() throws IOException {
        List<Path> looks = new ArrayList<>();
        long[] nanos = {5};
        DiskGuard guard = new DiskGuard(directory, 64 * MIB, store -> {
            looks.add(store);
            return 100 * MIB;
        }, () -> nanos[0]);
        assertNull(guard.check(0));
        assertEquals(List.of(directory.toAbsolutePath()), looks, "the first check looks");
        assertNull(guard.check(1_048_575));
        assertEquals(1, looks.size(), "a byte short of a MiB since the last look");
        assertNull(guard.check(1_048_576));
        assertEquals(2, looks.size(), "a MiB since the last look");
        nanos[0] = 5 + 999_999_999;
        assertNull(guard.check(1_048_577));
        assertEquals(2, looks.size(), "a nanosecond short of a second");
        nanos[0] = 5 + 1_000_000_000;
        assertNull(guard.check(1_048_578));
        assertEquals(3, looks.size(), "a second since the last look");
    }

    @Test
    void exactlyTheReserveIsEnoughAndAByteLessIsNot() throws IOException {
        assertNull(DiskGuard.shortfall(directory, 64 * MIB, store -> 64 * MIB));
        // 10.5 MiB = 11,010,048 bytes; a byte less still shows 10.4 (rounded down, never up to the reserve).
        assertEquals("disk space below reserve: 10.5 MiB free on " + directory.toAbsolutePath()
                + ", reserve 64.0 MiB", DiskGuard.shortfall(directory, 64 * MIB, store -> 11_010_048));
        assertEquals("disk space below reserve: 10.4 MiB free on " + directory.toAbsolutePath()
                + ", reserve 64.0 MiB", DiskGuard.shortfall(directory, 64 * MIB, store -> 11_010_047));
        assertTrue(DiskGuard.shortfall(directory, 64 * MIB, store -> 64 * MIB - 1).contains("63.9 MiB free"));
    }

    @Test
    void aReserveOfZeroNeverLooks() throws IOException {
        assertNull(DiskGuard.shortfall(directory, 0, store -> {
            throw new AssertionError("looked at " + store);
        }));
    }

    /** Before a run directory exists the check looks at its nearest existing parent. */
    @Test
    void aDirectoryNotYetCreatedIsJudgedByItsParentsStore() throws IOException {
        List<Path> looks = new ArrayList<>();
        String low = DiskGuard.shortfall(directory.resolve("runs/new-run"), 2 * MIB, store -> {
            looks.add(store);
            return MIB;
        });
        assertEquals(List.of(directory.toAbsolutePath()), looks);
        assertEquals("disk space below reserve: 1.0 MiB free on " + directory.toAbsolutePath()
                + ", reserve 2.0 MiB", low);
    }

    @Test
    void theRealStoreHasAByteButNotAnExbibyte() throws IOException {
        assertNull(DiskGuard.shortfall(directory, 1));
        String low = DiskGuard.shortfall(directory, Long.MAX_VALUE);
        assertTrue(low.startsWith("disk space below reserve: "), low);
    }
}
