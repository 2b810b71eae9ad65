package org.resonantlearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.RunConfig;

/**
 * The directory of one run's record, claimed before anything opens: created if absent (or taken if
 * empty) and marked by creating its {@code summary.json} exclusively, so that of two runs started
 * into one directory at once exactly one records and the other gets one line. Default names carry
 * the start time, the rig, the tuner and the seed, and a counter when that name is taken.
 */
final class RunDirectory {
    /** The summary file, also the claim on the directory. */
    static final String SUMMARY_FILE = "summary.json";
    /** How many "-N" suffixes a default name tries before giving up (runs started in one second). */
    private static final int MAX_SUFFIX = 1000;

    private RunDirectory() {}

    /**
     * Claims {@code out} (the {@code --out} option), or a new directory under {@code output.directory}
     * when it is null, writing {@code startingStatus} as its summary.
     *
     * @throws ConfigException naming the option or key and the OS's reason when it cannot be claimed
     */
    static Path claim(Path out, RunConfig config, Map<String, Object> startingStatus) {
        byte[] starting;
        try {
            starting = new ObjectMapper().writeValueAsBytes(startingStatus);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (out != null) {
            claimExisting(out, "--out " + out, starting);
            return out;
        }
        Path parent;
        String name;
        try {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            name = stamp + "-" + config.rig().kind() + "-" + config.tunerName() + "-seed" + config.seed();
            parent = Path.of(config.output().directory());
        } catch (InvalidPathException e) {
            throw new ConfigException("output.directory = \"" + config.output().directory().replace("\0", "\\0")
                    + "\" is invalid: allowed a directory path (" + e.getReason() + ")");
        }
        String culprit = "output.directory " + parent;
        createParents(parent, culprit);
        for (int suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
            Path candidate = parent.resolve(suffix == 1 ? name : name + "-" + suffix);
            try {
                Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                continue; // another run started in the same second: the next suffix
            } catch (IOException e) {
                throw new ConfigException(culprit + ": cannot create " + candidate.getFileName() + ": " + reason(e));
            }
            claimExisting(candidate, culprit, starting);
            return candidate;
        }
        throw new ConfigException(culprit + ": " + MAX_SUFFIX + " runs named " + name + " already exist");
    }

    private static void claimExisting(Path directory, String culprit, byte[] starting) {
        createParents(directory, culprit);
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(culprit + ": already exists and is not a directory; a run never overwrites a record");
        }
        try {
            if (hasEntries(directory)) {
                throw new ConfigException(culprit
                        + ": already exists and is not an empty directory; a run never overwrites a record");
            }
            Files.write(directory.resolve(SUMMARY_FILE), starting, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(culprit + ": another run is recording there; a run never overwrites a record");
        } catch (IOException e) {
            throw new ConfigException(culprit + ": cannot write there: " + reason(e));
        }
    }

    private static void createParents(Path directory, String culprit) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            // A file of that name: refused by the caller's directory check.
        } catch (IOException e) {
            throw new ConfigException(culprit + ": cannot create: " + reason(e));
        }
    }

    private static boolean hasEntries(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }

    /** The OS's reason in words ("Permission denied", "Read-only file system"), without the path repeated. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
