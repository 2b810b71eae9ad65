package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.AdcCalibration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.rig.SensorModel;

class Mcp3x08SampleSourceTest {
    private static final double TOL_VOLTS = 1e-12;
    private static final double VREF_VOLTS = 3.3;
    private static final double LOAD_OHMS = 100.0;

    /** A mocked Spi that records every command and answers with the given response bytes, in turn. */
    private static Spi spiAnswering(List<byte[]> commands, byte[]... responses) {
        Spi spi = mock(Spi.class);
        int[] next = {0};
        doAnswer(call -> {
            byte[] write = call.getArgument(0);
            int writeOffset = call.getArgument(1);
            byte[] read = call.getArgument(2);
            int readOffset = call.getArgument(3);
            int length = call.getArgument(4);
            byte[] sent = new byte[length];
            System.arraycopy(write, writeOffset, sent, 0, length);
            commands.add(sent);
            System.arraycopy(responses[next[0]++ % responses.length], 0, read, readOffset, length);
            return length;
        }).when(spi).transfer(any(byte[].class), anyInt(), any(byte[].class), anyInt(), anyInt());
        return spi;
    }

    private static Mcp3x08Settings settings(Mcp3x08Model model, int channel, boolean differential) {
        return new Mcp3x08Settings(model, channel, differential, 1_000_000.0, VREF_VOLTS, 1000.0);
    }

    @Test
    void mcp3008CommandBytesForEverySingleEndedAndDifferentialChannel() {
        byte[] out = new byte[3];
        for (int channel = 0; channel < 8; channel++) {
            Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3008, channel, false), out);
            assertArrayEquals(Bytes.of(0x01, 0x80 | channel << 4, 0x00), out, "single-ended CH" + channel);
            Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3008, channel, true), out);
            assertArrayEquals(Bytes.of(0x01, channel << 4, 0x00), out, "differential " + channel);
        }
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3008, 5, false), out);
        assertArrayEquals(Bytes.of(0x01, 0xD0, 0x00), out);
    }

    @Test
    void mcp3208CommandBytesForEverySingleEndedAndDifferentialChannel() {
        byte[] out = new byte[3];
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 0, false), out);
        assertArrayEquals(Bytes.of(0x06, 0x00, 0x00), out);
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 3, false), out);
        assertArrayEquals(Bytes.of(0x06, 0xC0, 0x00), out);
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 4, false), out);
        assertArrayEquals(Bytes.of(0x07, 0x00, 0x00), out);
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 7, false), out);
        assertArrayEquals(Bytes.of(0x07, 0xC0, 0x00), out);
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 0, true), out);
        assertArrayEquals(Bytes.of(0x04, 0x00, 0x00), out);
        Mcp3x08SampleSource.encodeCommand(settings(Mcp3x08Model.MCP3208, 6, true), out);
        assertArrayEquals(Bytes.of(0x05, 0x80, 0x00), out);
    }

    @Test
    void decodesOnlyTheResultBitsOfTheResponse() {
        // Bits above the result (undefined on the wire, null bit) are set to 1 to prove they are masked.
        assertEquals(0x3FF, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3008, Bytes.of(0xFF, 0xFB, 0xFF)));
        assertEquals(0x200, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3008, Bytes.of(0xFF, 0xFE, 0x00)));
        assertEquals(0xABC, Mcp3x08SampleSource.decodeCode(Mcp3x08Model.MCP3208, Bytes.of(0xFF, 0xEA, 0xBC)));
    }

    @Test
    void readSendsTheExactCommandPerSampleAndConvertsThroughTheMidScaleBias() {
        List<byte[]> commands = new ArrayList<>();
        // Codes 0, 1023 and 512 (MCP3008).
        Spi spi = spiAnswering(commands, Bytes.of(0, 0x00, 0x00), Bytes.of(0, 0x03, 0xFF), Bytes.of(0, 0x02, 0x00));
        FakeTimer timer = new FakeTimer(5_000L);
        AdcFrontEnd frontEnd = AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE);
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi, settings(Mcp3x08Model.MCP3008, 2, false),
                frontEnd, timer, timer);
        double[] volts = new double[5];

        assertEquals(3, source.read(volts, 1, 3));

        for (byte[] command : commands) {
            assertArrayEquals(Bytes.of(0x01, 0xA0, 0x00), command);
        }
        assertEquals(3, commands.size());
        assertEquals(-VREF_VOLTS / 2, volts[1], TOL_VOLTS);
        assertEquals(VREF_VOLTS / 2, volts[2], TOL_VOLTS);
        assertEquals((512.0 / 1023 - 0.5) * VREF_VOLTS, volts[3], TOL_VOLTS);
        assertEquals(0.0, volts[0]);
        assertEquals(0.0, volts[4]);
        assertEquals(List.of(5_000L, 1_005_000L, 2_005_000L), timer.deadlinesNanos);
        verify(spi).config();
        verify(spi, times(3)).transfer(any(byte[].class), eq(0), any(byte[].class), eq(0), eq(3));
        verifyNoMoreInteractions(spi);
    }

    @Test
    void invertsTheSimulatedSensorLawIncludingItsCalibrationErrors() {
        double offsetVolts = 0.02;
        double gainErrorFraction = 0.03;
        SensorModel sensor = new SensorModel(12, VREF_VOLTS, 0.0, offsetVolts, gainErrorFraction, 1L);
        double trueLoadVolts = 0.8;
        int code = sensor.code(trueLoadVolts);
        List<byte[]> commands = new ArrayList<>();
        Spi spi = spiAnswering(commands, Bytes.of(0, code >> 8, code & 0xFF));
        FakeTimer timer = new FakeTimer(0L);
        AdcFrontEnd frontEnd = AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS,
                new AdcCalibration(offsetVolts, gainErrorFraction));
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi, settings(Mcp3x08Model.MCP3208, 0, true),
                frontEnd, timer, timer);
        double[] volts = new double[1];

        source.read(volts, 0, 1);

        double halfLsbVolts = VREF_VOLTS / 4095 / 2 / (1 + gainErrorFraction);
        assertEquals(trueLoadVolts, volts[0], halfLsbVolts);
        assertEquals(code, source.lastCode());
        assertEquals(volts[0] / LOAD_OHMS, frontEnd.loadCurrentAmps(volts[0]), TOL_VOLTS);
        assertEquals(volts[0] * volts[0] / LOAD_OHMS, frontEnd.loadPowerWatts(volts[0]), TOL_VOLTS);
        assertEquals(LOAD_OHMS, source.loadResistanceOhms());
    }

    @Test
    void aSampleLateByMoreThanOnePeriodIsAGapInTheStream() {
        Spi spi = spiAnswering(new ArrayList<>(), Bytes.of(0, 0, 0));
        FakeTimer timer = new FakeTimer(0L) {
            @Override
            public void awaitNanos(long deadlineNanos) {
                super.awaitNanos(deadlineNanos);
                if (deadlinesNanos.size() == 2) {
                    nowNanos += 2_500_000L; // the control thread was away: slot 1 (1 ms) is 2.5 ms late
                }
            }
        };
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi, settings(Mcp3x08Model.MCP3008, 0, false),
                AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE), timer, timer);
        assertEquals(1, source.read(new double[4], 0, 4), "the read ends at the gap");
        assertEquals(0, source.samplesSkipped());
        assertEquals(4, source.read(new double[4], 0, 4));
        assertEquals(3, source.samplesSkipped(), "slots 1, 2 and 3 passed while the thread was away (now 3.5 ms)");
        assertEquals(8, source.sampleIndex());
    }

    @Test
    void closedSourceReturnsMinusOneWithoutBusTraffic() {
        Spi spi = mock(Spi.class);
        FakeTimer timer = new FakeTimer(0L);
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi, settings(Mcp3x08Model.MCP3008, 0, false),
                AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE), timer, timer);
        source.close();
        assertEquals(-1, source.read(new double[2], 0, 2));
        verify(spi).config();
        verifyNoMoreInteractions(spi);
    }

    @Test
    void settingsRefuseClocksAndRatesBeyondTheDatasheet() {
        InvalidValueException clock = assertThrows(InvalidValueException.class,
                () -> new Mcp3x08Settings(Mcp3x08Model.MCP3208, 0, false, 3_600_000.0, VREF_VOLTS, 1000.0));
        assertEquals("spiClockHz", clock.key());
        InvalidValueException rate = assertThrows(InvalidValueException.class,
                () -> new Mcp3x08Settings(Mcp3x08Model.MCP3008, 0, false, 240_000.0, VREF_VOLTS, 10_001.0));
        assertEquals("sampleRateHz", rate.key());
        assertEquals("channel", assertThrows(InvalidValueException.class,
                () -> new Mcp3x08Settings(Mcp3x08Model.MCP3008, 8, false, 1e6, VREF_VOLTS, 1000.0)).key());
    }

    @Test
    void refusesASpiOpenedAtAnotherClockOrMode() {
        SpiConfig config = mock(SpiConfig.class);
        when(config.baud()).thenReturn(500_000);
        when(config.mode()).thenReturn(SpiMode.MODE_0);
        Spi spi = mock(Spi.class);
        when(spi.config()).thenReturn(config);
        FakeTimer timer = new FakeTimer(0L);
        AdcFrontEnd frontEnd = AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE);
        assertEquals("spiClockHz", assertThrows(InvalidValueException.class, () -> new Mcp3x08SampleSource(spi,
                settings(Mcp3x08Model.MCP3008, 0, false), frontEnd, timer, timer)).key());
        when(config.baud()).thenReturn(1_000_000);
        when(config.mode()).thenReturn(SpiMode.MODE_1);
        assertEquals("spiMode", assertThrows(InvalidValueException.class, () -> new Mcp3x08SampleSource(spi,
                settings(Mcp3x08Model.MCP3008, 0, false), frontEnd, timer, timer)).key());
    }

    @Test
    void interruptedReaderGetsMinusOneAndKeepsTheFlag() {
        Spi spi = spiAnswering(new ArrayList<>(), Bytes.of(0, 0, 0));
        FakeTimer timer = new FakeTimer(0L);
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spi, settings(Mcp3x08Model.MCP3008, 0, false),
                AdcFrontEnd.midScale(VREF_VOLTS, LOAD_OHMS, AdcCalibration.NONE), timer, timer);
        Thread.currentThread().interrupt();
        try {
            assertEquals(-1, source.read(new double[2], 0, 2));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        verify(spi, times(0)).transfer(any(byte[].class), anyInt(), any(byte[].class), anyInt(), anyInt());
    }
}
