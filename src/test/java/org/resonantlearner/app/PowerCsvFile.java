package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code power.csv} read back as a user's script would read it (DESIGN §6): the {@code #} header,
 * the column line, and rows that must be whole (as many fields as columns, each a number).
 *
 * @param headerLines the comment lines without their "# "
 * @param columns the column names in file order
 * @param rows one array per row, in column order
 */
record PowerCsvFile(List<String> headerLines, List<String> columns, List<double[]> rows) {

    /** Reads and checks {@code file}: every row whole and numeric, nothing after the rows but a final newline. */
    static PowerCsvFile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the file ends on a whole line");
        List<String> lines = text.lines().toList();
        List<String> header = new ArrayList<>();
        int index = 0;
        while (index < lines.size() && lines.get(index).startsWith("# ")) {
            header.add(lines.get(index).substring(2));
            index++;
        }
        assertTrue(index < lines.size(), "a column line follows the header");
        List<String> columns = List.of(lines.get(index).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(index + 1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(columns.size(), fields.length, "every row is whole: " + line);
            double[] values = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = Double.parseDouble(fields[i]);
            }
            rows.add(values);
        }
        return new PowerCsvFile(List.copyOf(header), columns, List.copyOf(rows));
    }

    /** The index of the column named {@code name}. */
    int column(String name) {
        int index = columns.indexOf(name);
        assertTrue(index >= 0, "power.csv has a column \"" + name + "\": " + columns);
        return index;
    }

    /** The lock time of DESIGN §3 from this file's rows alone; see {@link #lockTimeSeconds(List, int, int, int, double)}. */
    double lockTimeSeconds(double fraction) {
        return lockTimeSeconds(rows, column("Time (s)"), column("True load power (W)"), column("Oracle power (W)"),
                fraction);
    }

    /**
     * The lock time of DESIGN §3 computed from rows alone: the time of the first window of the streak
     * of windows with true load power ≥ {@code fraction} · oracle power that lasts to the last row;
     * NaN when the last row is below. The arguments name the columns of the three values.
     */
    static double lockTimeSeconds(List<double[]> rows, int timeColumn, int truePowerColumn, int oraclePowerColumn,
            double fraction) {
        double streakStartSeconds = Double.NaN;
        for (double[] row : rows) {
            if (row[truePowerColumn] >= fraction * row[oraclePowerColumn]) {
                if (Double.isNaN(streakStartSeconds)) {
                    streakStartSeconds = row[timeColumn];
                }
            } else {
                streakStartSeconds = Double.NaN;
            }
        }
        return streakStartSeconds;
    }

    /** The value of column {@code name} in the last row. */
    double last(String name) {
        return rows.get(rows.size() - 1)[column(name)];
    }
}
