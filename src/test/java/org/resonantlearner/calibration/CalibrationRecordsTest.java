package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.AdcCalibration;

/**
 * The records of a calibration file check their own ranges (calibration/FORMAT.md): the edges of
 * each range are accepted, the first value beyond them is refused with the field, value and unit.
 */
class CalibrationRecordsTest {
    /** A step beyond a range edge: far above rounding at 100, small enough to test the edge itself. */
    private static final double JUST_BEYOND = 1e-9;

    private static String refusal(Runnable construction) {
        return assertThrows(InvalidValueException.class, construction::run).getMessage();
    }

    @Test
    void anOffsetOfUpToOneHundredVoltsEitherWayIsAccepted() {
        assertEquals(100.0, new AdcChannel(0, 100.0, 0.0).offsetVolts(), 0.0);
        assertEquals(-100.0, new AdcChannel(0, -100.0, 0.0).offsetVolts(), 0.0);
    }

    @Test
    void anOffsetBeyondOneHundredVoltsIsRefusedNamingFieldValueAndUnit() {
        assertEquals("offsetVolts = 100.000000001 V is invalid: allowed [-100.0, 100.0] V",
                refusal(() -> new AdcChannel(0, 100 + JUST_BEYOND, 0.0)));
        assertEquals("offsetVolts = -100.000000001 V is invalid: allowed [-100.0, 100.0] V",
                refusal(() -> new AdcChannel(0, -100 - JUST_BEYOND, 0.0)));
        assertEquals("offsetVolts = NaN V is invalid: allowed [-100.0, 100.0] V",
                refusal(() -> new AdcChannel(0, Double.NaN, 0.0)));
    }

    @Test
    void channelAndGainErrorHaveTheirOwnRanges() {
        assertEquals(63, new AdcChannel(AdcChannel.MAX_CHANNEL, 0, 0.5).channel());
        assertEquals(-0.5, new AdcChannel(0, 0, -0.5).gainErrorFraction(), 0.0);
        assertEquals("channel = 64 is invalid: allowed [0, 63]", refusal(() -> new AdcChannel(64, 0, 0)));
        assertEquals("channel = -1 is invalid: allowed [0, 63]", refusal(() -> new AdcChannel(-1, 0, 0)));
        assertEquals("gainErrorFraction = 0.500000001 is invalid: allowed [-0.5, 0.5]",
                refusal(() -> new AdcChannel(0, 0, 0.5 + JUST_BEYOND)));
    }

    @Test
    void theAdaptersCorrectionCarriesOffsetAndGain() {
        assertEquals(new AdcCalibration(0.013, -0.02), new AdcChannel(0, 0.013, -0.02).adcCalibration());
    }

    private static CalibrationRow row(OptionalDouble fitResidualRmsFraction) {
        return new CalibrationRow(1000, 2.45e-6, 1016.804, 15.97191, fitResidualRmsFraction, OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    @Test
    void aFitResidualFromZeroToOneIsAccepted() {
        assertEquals(0.0, row(OptionalDouble.of(0)).fitResidualRmsFraction().getAsDouble(), 0.0);
        assertEquals(1.0, row(OptionalDouble.of(1)).fitResidualRmsFraction().getAsDouble(), 0.0);
        assertEquals(OptionalDouble.empty(), row(OptionalDouble.empty()).fitResidualRmsFraction());
    }

    @Test
    void aFitResidualOutsideZeroToOneIsRefusedNamingFieldAndValue() {
        // A fraction: dimensionless, so the message carries no unit.
        assertEquals("fitResidualRmsFraction = 1.000000001 is invalid: allowed [0.0, 1.0]",
                refusal(() -> row(OptionalDouble.of(1 + JUST_BEYOND))));
        assertEquals("fitResidualRmsFraction = -1.0E-9 is invalid: allowed [0.0, 1.0]",
                refusal(() -> row(OptionalDouble.of(-JUST_BEYOND))));
        assertEquals("fitResidualRmsFraction = Infinity is invalid: allowed [0.0, 1.0]",
                refusal(() -> row(OptionalDouble.of(Double.POSITIVE_INFINITY))));
        assertEquals("fitResidualRmsFraction = null is invalid: allowed a value", refusal(() -> row(null)));
    }

    @Test
    void ringdownFiguresMustBePositiveWhenGiven() {
        assertEquals("ringdownResonantFrequencyHz = 0.0 Hz is invalid: allowed a finite value > 0 Hz",
                refusal(() -> new CalibrationRow(0, 1e-6, 1000, 10, OptionalDouble.empty(), OptionalDouble.of(0),
                        OptionalDouble.empty())));
        assertEquals("ringdownLoadedQ = -3.0 is invalid: allowed a finite value > 0",
                refusal(() -> new CalibrationRow(0, 1e-6, 1000, 10, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.of(-3))));
        CalibrationRow measured = new CalibrationRow(0, 1e-6, 1000, 10, OptionalDouble.empty(),
                OptionalDouble.of(1001), OptionalDouble.of(9.9));
        assertEquals(1001, measured.ringdownResonantFrequencyHz().getAsDouble(), 0.0);
        assertEquals(9.9, measured.ringdownLoadedQ().getAsDouble(), 0.0);
    }
}
