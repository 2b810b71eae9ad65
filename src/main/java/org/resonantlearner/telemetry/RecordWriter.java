package org.resonantlearner.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Writes a run's window rows to its record: the single {@code power.csv}, or for a service run
 * numbered segments ({@link RecordFiles}) with a {@code segments.json} manifest. Used by one thread
 * (the telemetry thread).
 *
 * <p>Rows are buffered and written by {@link #flush} in one piece; when a write fails midway the file
 * is truncated back to its last whole line, so what is on disk always parses. Before each write the
 * {@link DiskGuard} may stop the record while the disk still has its reserve.
 *
 * <p>Segments: a segment is closed after the row that brings it to {@code segmentMaxBytes}, or before
 * the first row that would make it span more than {@code segmentMaxSeconds} of stream time since the
 * previous segment's last row. So every segment is smaller than {@code segmentMaxBytes} plus its own
 * last line (its header excepted if that alone is larger), and no row is split or lost at a boundary:
 * the last row of segment k and the first of k+1 are consecutive windows. After each rotation the
 * oldest closed segments are deleted while the closed ones that remain add up to more than
 * {@code keepTotalBytes}: on disk there is at most {@code keepTotalBytes} plus the open segment.
 * The manifest keeps every segment ever written, with its rows, times and the cumulative energies at
 * its last row, so a deleted segment's energy is still accounted for.
 *
 * <p>Decimation ({@code recordEveryNthWindow} N): a segment's first row, every Nth after it and its
 * last row are written, so the cumulative columns at every segment end stay exact.
 */
public final class RecordWriter {
    /** Opens a record file for writing; injectable, so a test can make writes fail. */
    @FunctionalInterface
    public interface ChannelOpener {
        /** Opens {@code file}, which must not exist yet. */
        SeekableByteChannel open(Path file) throws IOException;
    }

    /** Creates the file (never over an existing one) and writes it unbuffered. */
    public static final ChannelOpener CREATE_NEW =
            file -> Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** Recording stopped: a write, a deletion or the disk guard failed; the message is the one-line reason. */
    public static final class RecordFailure extends IOException {
        private static final long serialVersionUID = 1L;

        RecordFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private enum State { OPEN, KEPT, DELETED }

    /** One file of the record: its numbers as committed to disk (buffered rows not counted). */
    private static final class Segment {
        final int number;
        final String file;
        final double startsAfterSeconds;
        State state = State.OPEN;
        long bytes;
        long rows;
        double firstTimeSeconds = Double.NaN;
        double lastTimeSeconds = Double.NaN;
        double harvestedJoules = Double.NaN;
        double measuredJoules = Double.NaN;
        double tuningJoules = Double.NaN;

        Segment(int number, String file, double startsAfterSeconds) {
            this.number = number;
            this.file = file;
            this.startsAfterSeconds = startsAfterSeconds;
        }
    }

    private final Path directory;
    private final PowerCsv csv;
    private final List<String> headerLines;
    private final RecordSettings settings;
    private final ChannelOpener opener;
    private final DiskGuard guard;
    private final Clock clock;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private final List<Segment> segments = new ArrayList<>();
    private final double[] pending = new double[WindowRow.COLUMNS];
    private boolean hasPending;
    private long windowsSinceWritten;
    private boolean rotateBeforeNextRow;
    private SeekableByteChannel channel;
    private Segment current;
    private long bytesWritten;
    private long rowsWritten;
    private double segmentFirstSeconds;
    // The rows in the buffer, committed to the current segment once written.
    private long bufferedRows;
    private double bufferedLastSeconds;
    private double bufferedHarvestedJoules;
    private double bufferedMeasuredJoules;
    private double bufferedTuningJoules;

    private RecordWriter(Path directory, PowerCsv csv, List<String> headerLines, RecordSettings settings,
            ChannelOpener opener, DiskGuard guard, Clock clock) {
        this.directory = directory;
        this.csv = csv;
        this.headerLines = List.copyOf(headerLines);
        this.settings = settings;
        this.opener = opener;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Creates the record's first file in {@code runDirectory} (it must not exist) with its header.
     *
     * @throws UncheckedIOException naming the file when it cannot be created
     */
    public static RecordWriter open(Path runDirectory, PowerCsv csv, List<String> headerLines, RecordSettings settings) {
        return open(runDirectory, csv, headerLines, settings, CREATE_NEW, DiskGuard.FILE_STORE, System::nanoTime,
                Clock.systemUTC());
    }

    /** {@link #open(Path, PowerCsv, List, RecordSettings)} with the file system, disk and clocks injected. */
    static RecordWriter open(Path runDirectory, PowerCsv csv, List<String> headerLines, RecordSettings settings,
            ChannelOpener opener, DiskGuard.UsableSpace space, LongSupplier nanoClock, Clock clock) {
        RecordWriter writer = new RecordWriter(runDirectory, csv, headerLines, settings, opener,
                new DiskGuard(runDirectory, settings.diskReserveBytes(), space, nanoClock), clock);
        Path first = runDirectory.resolve(writer.fileName(1));
        try {
            writer.openSegment(1, 0);
        } catch (RecordFailure e) {
            throw new UncheckedIOException("cannot create " + first + ": " + reason((IOException) e.getCause()), e);
        }
        return writer;
    }

    private String fileName(int number) {
        return settings.segmented() ? RecordFiles.segment(number) : RecordFiles.SINGLE_CSV;
    }

    /** Takes the next window row; it is written (or not, by decimation) at the next {@link #flush}. */
    public void append(double[] row) throws IOException {
        double timeSeconds = row[WindowRow.TIME_SECONDS];
        if (settings.segmented() && rowsInSegment() > 0
                && timeSeconds > current.startsAfterSeconds + settings.segmentMaxSeconds()) {
            if (hasPending) {
                writeRow(pending); // the segment's last row, so its cumulative energies are exact
            }
            rotateBeforeNextRow = true;
        }
        if (rotateBeforeNextRow) {
            rotate();
        }
        windowsSinceWritten++;
        boolean afterGap = row[WindowRow.SAMPLES_LOST_BEFORE] > 0;
        if (afterGap && hasPending) {
            writeRow(pending); // the last window before the gap: the time column's jump shows in the file
        }
        if (rowsInSegment() == 0 || afterGap || windowsSinceWritten >= settings.recordEveryNthWindow()) {
            writeRow(row);
            rotateBeforeNextRow = settings.segmented()
                    && current.bytes + buffer.length() >= settings.segmentMaxBytes();
        } else {
            System.arraycopy(row, 0, pending, 0, WindowRow.COLUMNS);
            hasPending = true;
        }
    }

    private long rowsInSegment() {
        return current.rows + bufferedRows;
    }

    private void writeRow(double[] row) {
        csv.appendRow(row, buffer); // rows are ASCII: buffer.length() counts their bytes
        if (rowsInSegment() == 0) {
            segmentFirstSeconds = row[WindowRow.TIME_SECONDS];
        }
        bufferedRows++;
        bufferedLastSeconds = row[WindowRow.TIME_SECONDS];
        bufferedHarvestedJoules = row[WindowRow.HARVESTED_ENERGY_JOULES];
        bufferedMeasuredJoules = row[WindowRow.MEASURED_ENERGY_JOULES];
        bufferedTuningJoules = row[WindowRow.TUNING_ENERGY_JOULES];
        windowsSinceWritten = 0;
        hasPending = false;
    }

    /** Writes the buffered rows whole, after asking the disk guard. */
    public void flush() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        String low;
        try {
            low = guard.check(bytesWritten);
        } catch (IOException e) {
            throw new RecordFailure("cannot read the free space on " + directory + ": " + reason(e), e);
        }
        if (low != null) {
            throw new RecordFailure(low + "; recording stopped", null);
        }
        writeBuffer();
    }

    private void writeBuffer() throws RecordFailure {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer remaining = ByteBuffer.wrap(bytes);
        try {
            while (remaining.hasRemaining()) {
                channel.write(remaining);
            }
        } catch (IOException e) {
            String torn = "";
            try {
                channel.truncate(current.bytes); // back to the last whole line; frees blocks, so works on ENOSPC
            } catch (IOException | RuntimeException truncateFailed) {
                torn = " (its last line may be torn)";
            }
            throw new RecordFailure(current.file + ": " + reason(e) + torn, e);
        }
        buffer.setLength(0);
        bytesWritten += bytes.length;
        current.bytes += bytes.length;
        if (bufferedRows > 0) {
            current.firstTimeSeconds = segmentFirstSeconds;
            current.rows += bufferedRows;
            current.lastTimeSeconds = bufferedLastSeconds;
            current.harvestedJoules = bufferedHarvestedJoules;
            current.measuredJoules = bufferedMeasuredJoules;
            current.tuningJoules = bufferedTuningJoules;
            rowsWritten += bufferedRows;
            bufferedRows = 0;
        }
    }

    /** The OS's reason, as a lower-case phrase: "no space left on device". */
    private static String reason(IOException e) {
        String text = e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                ? fileSystem.getReason() : e.getMessage();
        if (text == null || text.isBlank()) {
            return e.getClass().getSimpleName();
        }
        boolean capitalisedWord = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalisedWord ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    private void rotate() throws IOException {
        rotateBeforeNextRow = false;
        flush();
        closeChannel();
        current.state = State.KEPT;
        deleteOldest();
        openSegment(current.number + 1, current.lastTimeSeconds);
    }

    private void deleteOldest() throws IOException {
        long keptBytes = 0;
        for (Segment segment : segments) {
            keptBytes += segment.state == State.KEPT ? segment.bytes : 0;
        }
        for (Segment segment : segments) {
            if (keptBytes <= settings.keepTotalBytes()) {
                return;
            }
            if (segment.state == State.KEPT) {
                try {
                    Files.deleteIfExists(directory.resolve(segment.file));
                } catch (IOException e) {
                    throw new RecordFailure(segment.file + ": cannot delete: " + reason(e), e);
                }
                segment.state = State.DELETED;
                keptBytes -= segment.bytes;
            }
        }
    }

    private void openSegment(int number, double startsAfterSeconds) throws RecordFailure {
        String file = fileName(number);
        try {
            channel = opener.open(directory.resolve(file));
        } catch (IOException e) {
            throw new RecordFailure(file + ": cannot create: " + reason(e), e);
        }
        current = new Segment(number, file, startsAfterSeconds);
        segments.add(current);
        List<String> lines = headerLines;
        if (settings.segmented()) {
            lines = new ArrayList<>(headerLines);
            int at = Math.min(1, lines.size()); // after the title line, before the settings
            lines.add(at, "segment: " + number);
            lines.add(at + 1, "segment started: " + clock.instant() + ", after stream time " + startsAfterSeconds + " s");
        }
        buffer.append(csv.header(lines));
        writeBuffer(); // not guarded: a header is small, and a file of a header alone still parses
        if (settings.segmented()) {
            writeManifest(false, null);
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            SeekableByteChannel closing = channel;
            channel = null;
            closing.close();
        }
    }

    /** Writes the last row (decimation never drops it) and what is buffered, closes the file and the manifest. */
    public void close() throws IOException {
        if (hasPending) {
            writeRow(pending);
        }
        flush();
        closeChannel();
        current.state = State.KEPT;
        if (settings.segmented()) {
            writeManifest(true, null);
        }
    }

    /**
     * After a failure: leaves what is buffered unwritten, closes the file as it is on disk (whole lines) and, for
     * segments, writes the manifest with {@code reason} if the disk lets it. Never throws.
     */
    public void abandon(String reason) {
        try {
            closeChannel();
        } catch (IOException | RuntimeException e) {
            // The file keeps what was written before; nothing else to save.
        }
        if (current.state == State.OPEN) {
            current.state = State.KEPT;
        }
        if (settings.segmented()) {
            try {
                writeManifest(false, reason);
            } catch (IOException | RuntimeException e) {
                // The manifest of the last rotation stays; the recorder already reports the failure.
            }
        }
    }

    /** Rows written to disk so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    private void writeManifest(boolean complete, String failure) throws RecordFailure {
        StringBuilder json = new StringBuilder(256 + 400 * segments.size());
        json.append("{\n  \"record\": \"Resonant Learner power record segments\",\n");
        json.append("  \"complete\": ").append(complete).append(",\n");
        if (failure != null) {
            json.append("  \"failure\": ").append(jsonString(failure)).append(",\n");
        }
        json.append("  \"segmentMaxBytes\": ").append(settings.segmentMaxBytes()).append(",\n");
        json.append("  \"segmentMaxSeconds\": ").append(jsonNumber(settings.segmentMaxSeconds())).append(",\n");
        json.append("  \"keepTotalBytes\": ").append(settings.keepTotalBytes()).append(",\n");
        json.append("  \"recordEveryNthWindow\": ").append(settings.recordEveryNthWindow()).append(",\n");
        json.append("  \"segments\": [");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            json.append(i == 0 ? "\n" : ",\n");
            json.append("    {\"file\": ").append(jsonString(s.file))
                    .append(", \"segment\": ").append(s.number)
                    .append(", \"state\": \"").append(s.state.name().toLowerCase(Locale.ROOT)).append('"')
                    .append(", \"startsAfterSeconds\": ").append(jsonNumber(s.startsAfterSeconds))
                    .append(", \"firstTimeSeconds\": ").append(jsonNumber(s.firstTimeSeconds))
                    .append(", \"lastTimeSeconds\": ").append(jsonNumber(s.lastTimeSeconds))
                    .append(", \"rows\": ").append(s.rows)
                    .append(", \"bytes\": ").append(s.bytes)
                    .append(", \"harvestedEnergyAtEndJoules\": ").append(jsonNumber(s.harvestedJoules))
                    .append(", \"measuredEnergyAtEndJoules\": ").append(jsonNumber(s.measuredJoules))
                    .append(", \"tuningEnergyAtEndJoules\": ").append(jsonNumber(s.tuningJoules))
                    .append('}');
        }
        json.append("\n  ]\n}\n");
        try {
            AtomicFiles.writeString(directory.resolve(RecordFiles.MANIFEST), json.toString());
        } catch (IOException e) {
            throw new RecordFailure(RecordFiles.MANIFEST + ": " + reason(e), e);
        }
    }

    private static String jsonNumber(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(' '); // a reason is one line; a control character in it is noise
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
