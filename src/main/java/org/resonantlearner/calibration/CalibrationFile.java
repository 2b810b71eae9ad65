package org.resonantlearner.calibration;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.rig.TabulatedTuningMap;

/**
 * One rig's calibration, fully validated (calibration/FORMAT.md): who it is for, the ADC channels'
 * offset and gain, the load resistance, and the measured table actuator position → tuned
 * parameter, resonant frequency and loaded Q. Read by {@link CalibrationFiles#load}.
 *
 * @param source the file it was read from, as given (for errors and run records)
 * @param rigId the rig it was measured on: letters, digits, '.', '_' or '-', 1 to 64 characters
 * @param rigKind one of {@link #RIG_KINDS}
 * @param date day of the measurement (ISO-8601 calendar date)
 * @param comment free text, empty when absent
 * @param adcChannels one entry per channel, distinct channel numbers, channel 0 (the load voltage) among them
 * @param loadResistanceOhms the load resistor the ADC reads across (Ω), finite, &gt; 0
 * @param tunedParameter "capacitance" (rlc), "stiffness" (mechanical) or "mass" (mechanical-base)
 * @param tunedUnit the unit of {@code tunedValue}: "F", "N/m" or "kg", as fixed by tunedParameter
 * @param table at least two rows, positions strictly increasing
 */
public record CalibrationFile(String source, String rigId, String rigKind, LocalDate date, String comment,
        List<AdcChannel> adcChannels, double loadResistanceOhms, String tunedParameter, String tunedUnit,
        List<CalibrationRow> table) {

    /** Rig kinds a file may name (the config's rig.kind). */
    public static final List<String> RIG_KINDS = List.of("rlc", "mechanical-force", "mechanical-base");

    /** The tuned parameters each rig kind allows. */
    public static final Map<String, List<String>> TUNED_PARAMETERS = Map.of(
            "rlc", List.of("capacitance"),
            "mechanical-force", List.of("stiffness"),
            "mechanical-base", List.of("stiffness", "mass"));

    /** The unit of each tuned parameter. */
    public static final Map<String, String> TUNED_UNITS = Map.of("capacitance", "F", "stiffness", "N/m", "mass", "kg");

    /** What a rig id may look like: it is typed into configs and shell commands. */
    public static final Pattern RIG_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Validates every field and the relations between them; keys in errors are the file's field paths. */
    public CalibrationFile {
        Check.present("source", source);
        Check.present("rigId", rigId);
        if (!RIG_ID.matcher(rigId).matches()) {
            throw new InvalidValueException("rigId", "\"" + rigId + "\"", "",
                    "1 to 64 letters, digits, '.', '_' or '-'");
        }
        Check.present("rigKind", rigKind);
        if (!RIG_KINDS.contains(rigKind)) {
            throw new InvalidValueException("rigKind", "\"" + rigKind + "\"", "", "one of " + RIG_KINDS);
        }
        Check.present("date", date);
        comment = comment == null ? "" : comment;
        adcChannels = List.copyOf(Check.present("adcChannels", adcChannels));
        boolean hasLoadChannel = false;
        for (int i = 0; i < adcChannels.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (adcChannels.get(j).channel() == adcChannels.get(i).channel()) {
                    throw new InvalidValueException("adcChannels[" + i + "].channel",
                            Integer.toString(adcChannels.get(i).channel()), "",
                            "a channel not already given (adcChannels[" + j + "])");
                }
            }
            hasLoadChannel |= adcChannels.get(i).channel() == 0;
        }
        if (!hasLoadChannel) {
            throw new InvalidValueException("adcChannels", adcChannels.size() + " channels without channel 0", "",
                    "an entry for channel 0 (the load voltage)");
        }
        Check.positive("loadResistanceOhms", loadResistanceOhms, "Ω");
        Check.present("tunedParameter", tunedParameter);
        List<String> allowedParameters = TUNED_PARAMETERS.get(rigKind);
        if (!allowedParameters.contains(tunedParameter)) {
            throw new InvalidValueException("tunedParameter", "\"" + tunedParameter + "\"", "",
                    "one of " + allowedParameters + " for rigKind \"" + rigKind + "\"");
        }
        String expectedUnit = TUNED_UNITS.get(tunedParameter);
        if (!expectedUnit.equals(tunedUnit)) {
            throw new InvalidValueException("tunedUnit", "\"" + tunedUnit + "\"", "",
                    "\"" + expectedUnit + "\" for tunedParameter \"" + tunedParameter + "\"");
        }
        table = List.copyOf(Check.present("table", table));
        if (table.size() < 2) {
            throw new InvalidValueException("table", table.size() + " rows", "", "at least 2 rows");
        }
        for (int i = 1; i < table.size(); i++) {
            Check.ordered("table[" + (i - 1) + "].positionSteps", table.get(i - 1).positionSteps(),
                    "table[" + i + "].positionSteps", table.get(i).positionSteps(), "steps");
        }
    }

    /** The channel's offset and gain; {@code null} when the file has no such channel. */
    public AdcChannel adcChannel(int channel) {
        for (AdcChannel entry : adcChannels) {
            if (entry.channel() == channel) {
                return entry;
            }
        }
        return null;
    }

    /** The tuning map the table measures: position → tunedValue, interpolated linearly between rows. */
    public TabulatedTuningMap tuningMap() {
        double[] positionsSteps = new double[table.size()];
        double[] values = new double[table.size()];
        for (int i = 0; i < positionsSteps.length; i++) {
            positionsSteps[i] = table.get(i).positionSteps();
            values[i] = table.get(i).tunedValue();
        }
        return new TabulatedTuningMap(positionsSteps, values);
    }

    /** One line for run records: "calibration/rlc-reference.json (rig rlc-reference, 2026-11-23)". */
    public String description() {
        return source + " (rig " + rigId + ", " + date + ")";
    }
}
