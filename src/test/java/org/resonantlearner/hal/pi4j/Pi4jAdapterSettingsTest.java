package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiMode;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.AdcCalibration;

/**
 * Each Pi4J adapter reports the settings it runs with and the raw code it last read; the MCP3x08
 * accepts a Spi opened within 1 Hz of its clock setting and nothing further off.
 */
class Pi4jAdapterSettingsTest {
    private static final AdcFrontEnd MID_SCALE = AdcFrontEnd.midScale(3.3, 100.0, AdcCalibration.NONE);

    private static Spi spiAt(int baudHz) {
        SpiConfig config = mock(SpiConfig.class);
        when(config.baud()).thenReturn(baudHz);
        when(config.mode()).thenReturn(SpiMode.MODE_0);
        Spi spi = mock(Spi.class);
        when(spi.config()).thenReturn(config);
        return spi;
    }

    @Test
    void theMcp3x08AcceptsASpiClockWithinOneHertzOfItsSetting() {
        FakeTimer timer = new FakeTimer(0L);
        Mcp3x08Settings settings = new Mcp3x08Settings(Mcp3x08Model.MCP3208, 0, false, 1_000_000.5, 3.3, 1000.0);
        Mcp3x08SampleSource source = new Mcp3x08SampleSource(spiAt(1_000_000), settings, MID_SCALE, timer, timer);
        assertSame(settings, source.settings());
        Mcp3x08Settings oneHertzOff = new Mcp3x08Settings(Mcp3x08Model.MCP3208, 0, false, 1_000_001.0, 3.3, 1000.0);
        var e = assertThrows(InvalidValueException.class,
                () -> new Mcp3x08SampleSource(spiAt(1_000_000), oneHertzOff, MID_SCALE, timer, timer));
        assertEquals("spiClockHz = 1000001.0 Hz is invalid: allowed the baud the Spi was opened with (1000000 Hz)",
                e.getMessage());
    }

    @Test
    void theModelsHaveTheirDatasheetResolution() {
        assertEquals(10, Mcp3x08Model.MCP3008.bits());
        assertEquals(1023, Mcp3x08Model.MCP3008.maxCode());
        assertEquals(12, Mcp3x08Model.MCP3208.bits());
        assertEquals(4095, Mcp3x08Model.MCP3208.maxCode());
    }

    @Test
    void theAds1115ReportsItsSettingsAndTheSignedCodeItLastRead() {
        I2cRegisterLog bus = new I2cRegisterLog(new ArrayList<>())
                .answer(Ads1115SampleSource.REG_CONFIG, 0xC383)
                .answer(Ads1115SampleSource.REG_CONVERSION, 0x1234, 0xFFFE);
        FakeTimer timer = new FakeTimer(0L);
        Ads1115Settings settings = new Ads1115Settings(0, false, 4.096, 128, 50.0, 100_000L);
        Ads1115SampleSource source = Ads1115SampleSource.singleShotPolling(bus.i2c, settings,
                new AdcFrontEnd(0.0, 1.0, 47.0, AdcCalibration.NONE), timer, timer, timer);
        assertSame(settings, source.settings());
        assertEquals(0, source.lastCode(), "nothing read yet");
        source.read(new double[1], 0, 1);
        assertEquals(0x1234, source.lastCode());
        source.read(new double[1], 0, 1);
        assertEquals(-2, source.lastCode(), "0xFFFE in two's complement");
    }

    @Test
    void thePwmActuatorReportsItsSettings() {
        PwmActuatorSettings settings = new PwmActuatorSettings(20_000, 0.1, 0.9, 40);
        assertSame(settings, new PwmDutyCycleActuator(mock(Pwm.class), settings).settings());
    }
}
