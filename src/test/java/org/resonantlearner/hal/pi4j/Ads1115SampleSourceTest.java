package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.AdcCalibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class Ads1115SampleSourceTest {
    private static final double TOL_VOLTS = 1e-12;
    private static final double LOAD_OHMS = 47.0;
    private static final AdcFrontEnd DIFFERENTIAL = new AdcFrontEnd(0.0, 1.0, LOAD_OHMS, AdcCalibration.NONE);

    /** A ready signal handing out queued pulse counts and logging every call. */
    private static final class QueuedReadySignal implements ReadySignal {
        final ArrayDeque<Integer> pulses = new ArrayDeque<>();
        final List<String> log;
        final List<Long> timeoutsNanos = new ArrayList<>();

        QueuedReadySignal(List<String> log, Integer... counts) {
            this.log = log;
            pulses.addAll(List.of(counts));
        }

        @Override
        public void discardPending() {
            log.add("discard pulses");
        }

        @Override
        public int awaitReady(long timeoutNanos) {
            timeoutsNanos.add(timeoutNanos);
            log.add("await ready");
            return pulses.isEmpty() ? 0 : pulses.poll();
        }
    }

    private static Ads1115Settings settings(int channel, boolean differential, double gain, int rate) {
        return new Ads1115Settings(channel, differential, gain, rate, 0.5 * rate, 100_000L);
    }

    @Test
    void configWordsForSeveralGainsRatesAndInputs() {
        // OS MUX PGA MODE DR COMP: 1 100 001 1 100 00011
        assertEquals(0xC383, Ads1115SampleSource.singleShotConfigWord(settings(0, false, 4.096, 128)));
        // 1 000 010 1 111 00011: AIN0-AIN1, ±2.048 V, 860 SPS
        assertEquals(0x85E3, Ads1115SampleSource.singleShotConfigWord(settings(0, true, 2.048, 860)));
        // 1 010 100 1 001 00011: AIN1-AIN3, ±0.512 V, 16 SPS
        assertEquals(0xA923, Ads1115SampleSource.singleShotConfigWord(settings(2, true, 0.512, 16)));
        // 0 111 101 0 000 00000: AIN3-GND, ±0.256 V, 8 SPS, continuous, ready pulses
        assertEquals(0x7A00, Ads1115SampleSource.continuousConfigWord(settings(3, false, 0.256, 8)));
        // 0 011 000 0 110 00000: AIN2-AIN3, ±6.144 V, 475 SPS
        assertEquals(0x30C0, Ads1115SampleSource.continuousConfigWord(settings(3, true, 6.144, 475)));
        // 0 101 011 0 101 00000: AIN1-GND, ±1.024 V, 250 SPS
        assertEquals(0x56A0, Ads1115SampleSource.continuousConfigWord(settings(1, false, 1.024, 250)));
    }

    @Test
    void singleShotPollingWritesConfigPollsTheOsBitAndReadsTheConversion() {
        List<String> log = new ArrayList<>();
        I2cRegisterLog bus = new I2cRegisterLog(log)
                .answer(Ads1115SampleSource.REG_CONFIG, 0x4383, 0xC383, 0xC383)
                .answer(Ads1115SampleSource.REG_CONVERSION, 0x4000, 0xFFFF);
        FakeTimer timer = new FakeTimer(1_000L, log);
        Ads1115Settings settings = new Ads1115Settings(0, false, 4.096, 128, 50.0, 100_000L);
        Ads1115SampleSource source = Ads1115SampleSource.singleShotPolling(bus.i2c, settings, DIFFERENTIAL,
                timer, timer, timer);
        double[] volts = new double[2];

        assertEquals(2, source.read(volts, 0, 2));

        assertEquals(List.of(
                "W 0x01 C3 83", "wait 7031250", "R 0x01 -> 43 83", "wait 100000", "R 0x01 -> C3 83", "R 0x00 -> 40 00",
                "W 0x01 C3 83", "wait 7031250", "R 0x01 -> C3 83", "R 0x00 -> FF FF"), log);
        assertEquals(2.048, volts[0], TOL_VOLTS);
        assertEquals(-4.096 / 32768, volts[1], TOL_VOLTS);
        assertEquals(List.of(1_000L, 20_001_000L), timer.deadlinesNanos);
        assertEquals(50.0, source.sampleRateHz());
    }

    @Test
    void singleShotPollingGivesUpAfterTwoConversionTimes() {
        List<String> log = new ArrayList<>();
        I2cRegisterLog bus = new I2cRegisterLog(log).answer(Ads1115SampleSource.REG_CONFIG, 0x4383);
        FakeTimer timer = new FakeTimer(0L);
        Ads1115SampleSource source = Ads1115SampleSource.singleShotPolling(bus.i2c,
                new Ads1115Settings(0, false, 4.096, 128, 50.0, 100_000L), DIFFERENTIAL, timer, timer, timer);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.read(new double[1], 0, 1));

        // 7.03 ms first wait, then (15.625 − 7.03) ms / 0.1 ms = 85 more polls: 86 reads in all.
        assertEquals(86, log.stream().filter(line -> line.startsWith("R 0x01")).count());
        assertTrue(e.getMessage().contains("86 polls"), e.getMessage());
        long waitedNanos = timer.delaysNanos.stream().mapToLong(Long::longValue).sum();
        assertTrue(waitedNanos <= 2 * 7_812_500L, "polling waited " + waitedNanos + " ns");
    }

    @Test
    void continuousReadyModeSetsThresholdsThenConfigAndReadsOncePerPulse() {
        List<String> log = new ArrayList<>();
        I2cRegisterLog bus = new I2cRegisterLog(log)
                .answer(Ads1115SampleSource.REG_CONVERSION, 0x7FFF, 0x8000, 0x0000);
        QueuedReadySignal ready = new QueuedReadySignal(log, 1, 1, 1);
        Ads1115SampleSource source = Ads1115SampleSource.continuousWithReadyPin(bus.i2c,
                settings(3, false, 0.256, 8), DIFFERENTIAL, ready);
        double[] volts = new double[3];

        assertEquals(3, source.read(volts, 0, 3));
        source.close();

        assertEquals(List.of("W 0x02 00 00", "W 0x03 80 00", "discard pulses", "W 0x01 7A 00",
                "await ready", "R 0x00 -> 7F FF", "await ready", "R 0x00 -> 80 00", "await ready", "R 0x00 -> 00 00",
                "W 0x01 7B 03"), log);
        assertEquals(0.256 * 32767 / 32768, volts[0], TOL_VOLTS);
        assertEquals(-0.256, volts[1], TOL_VOLTS);
        assertEquals(0.0, volts[2], TOL_VOLTS);
        assertEquals(8.0, source.sampleRateHz());
        assertEquals(List.of(425_000_000L, 425_000_000L, 425_000_000L), ready.timeoutsNanos);
        assertEquals(-1, source.read(volts, 0, 1));
    }

    @Test
    void continuousReadyModeReportsLostConversionsAndAMissingPin() {
        List<String> log = new ArrayList<>();
        I2cRegisterLog bus = new I2cRegisterLog(log).answer(Ads1115SampleSource.REG_CONVERSION, 0x0100);
        Ads1115SampleSource lossy = Ads1115SampleSource.continuousWithReadyPin(bus.i2c,
                settings(0, true, 2.048, 860), DIFFERENTIAL, new QueuedReadySignal(log, 1, 3));
        assertEquals(1, lossy.read(new double[2], 0, 2), "the read ends before the gap");
        assertEquals(0, lossy.samplesSkipped());
        double[] after = new double[1];
        assertEquals(1, lossy.read(after, 0, 1), "the sample after the gap, held from the read before");
        assertEquals(2, lossy.samplesSkipped(), "three pulses for one read: two conversions lost");
        assertEquals(4, lossy.sampleIndex(), "sample 0, conversions 1 and 2 lost, sample 3");
        assertEquals(0x0100 * 2.048 / 32768, after[0], TOL_VOLTS);

        Ads1115SampleSource silent = Ads1115SampleSource.continuousWithReadyPin(bus.i2c,
                settings(0, true, 2.048, 860), DIFFERENTIAL, new QueuedReadySignal(log));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> silent.read(new double[1], 0, 1));
        assertTrue(none.getMessage().contains("no ALERT/RDY pulse"), none.getMessage());
    }

    @Test
    void settingsNameTheKeyOfABadValue() {
        assertEquals("gain", assertThrows(InvalidValueException.class,
                () -> new Ads1115Settings(0, false, 5.0, 128, 50.0, 0L)).key());
        assertEquals("dataRateSamplesPerSecond", assertThrows(InvalidValueException.class,
                () -> new Ads1115Settings(0, false, 4.096, 100, 50.0, 0L)).key());
        assertEquals("sampleRateHz", assertThrows(InvalidValueException.class,
                () -> new Ads1115Settings(0, false, 4.096, 128, 110.0, 0L)).key());
        assertEquals("channel", assertThrows(InvalidValueException.class,
                () -> new Ads1115Settings(4, true, 4.096, 128, 50.0, 0L)).key());
    }
}
