package org.resonantlearner.hal.pisim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * An ADS1115 at one I2C address, as TI SBAS444 describes its registers and operating modes, with its
 * ALERT/RDY pin (open drain, pulled up) on a Pi input.
 *
 * <ul>
 * <li><b>Registers.</b> A write message sets the address pointer (P[1:0], first byte); with two more
 * bytes (MSB first) it writes the register pointed at, taking effect at the end of the message. A
 * read message returns the register pointed at, MSB first. Config resets to 0x8583 (power-down,
 * AIN0−AIN1, ±2.048 V, 128 S/s, comparator off), Lo_thresh to 0x8000, Hi_thresh to 0x7FFF, the
 * conversion register to 0. The conversion register is read-only.</li>
 * <li><b>Conversions.</b> A conversion takes 1/DR on the nominal internal oscillator (DR[2:0]: 8 …
 * 860 S/s), plus the ~25 µs power-up when it starts from power-down. Its code is that of the input at
 * the conversion's end instant in virtual time, {@code round(vIn / FS · 2^15)} clipped to
 * [−32768, 32767] (the PGA's full scale FS of PGA[2:0]: ±6.144 … ±0.256 V, the last three codes all
 * ±0.256 V). The MUX setting the wiring names (its channel and single-ended or differential pair)
 * carries the rig's load through its {@link AnalogPath}; every other setting reads 0 V.</li>
 * <li><b>Single-shot</b> (MODE = 1): writing OS = 1 in power-down starts one conversion, then the
 * chip powers down again; OS reads 0 while it converts, 1 otherwise; OS = 1 during a conversion has
 * no effect. <b>Continuous</b> (MODE = 0): conversions follow each other at 1/DR; a config write
 * lets the conversion in progress finish with the old settings (as the datasheet says), the next
 * ones use the new; OS reads 0. Writing MODE = 1 abandons the conversion in progress and powers
 * down.</li>
 * <li><b>ALERT/RDY.</b> COMP_QUE = 11 leaves the pin released (high through the pull-up). With
 * Hi_thresh MSB = 1 and Lo_thresh MSB = 0 (RDY mode) and COMP_QUE ≠ 11 it is a conversion-ready
 * output of polarity COMP_POL: in continuous mode one pulse (~8 µs on the chip; an assert and a
 * release at the same virtual instant here) at the end of each conversion; in single-shot mode it
 * follows the OS bit (asserted while no conversion runs). Fault {@code adsReadyStopsAfterConversions}:
 * the pin pulses for that many conversions, then never again, while conversions go on.</li>
 * </ul>
 *
 * <p><b>Virtual time.</b> The chip hears every move of the {@link VirtualTimer} and completes, in
 * order, each conversion that ends by then, on the thread that moved the clock: conversions that end
 * while the driver's thread is busy elsewhere (a stepper or capacitor bank move, its own bus
 * traffic) pulse on that thread, before it next waits, exactly as the pulses of a real chip would be
 * waiting in the driver's counter. A driver paced by the ready pin blocks its thread on a wall-clock
 * wait, though, which moves no virtual time; so the chip has a thread of its own that moves the clock
 * to the end of the next conversion (whose pulse then wakes the driver) only when
 * <ol>
 * <li>the stream is on (continuous, RDY mode, pin wired, pulses not stopped by the fault);</li>
 * <li>the driver has acknowledged every pulse so far: an I2C message to the chip after the pulse
 * (the driver reads the conversion register after each wake-up), so that the thread never moves the
 * clock before the driver has seen the previous pulse;</li>
 * <li>the thread that started the continuous stream is parked on a {@link Semaphore} (the ready
 * counter; not in the timer's own wall-clock pacing, which parks without a blocker).</li>
 * </ol>
 * Every pulse therefore reaches the driver before it can read, and the driver reads each conversion
 * register at the same virtual instant whatever the threads' timing: the stream's codes depend only
 * on the seed. When the pulses stop the thread moves nothing, and the driver's own wall-clock timeout
 * ends the stream with its message. The thread stops with the bench ({@link SimulatedPi#shutdown}).
 *
 * <p>Not modelled: the oscillator's ±10 % tolerance and drift, the delta-sigma modulator's averaging
 * over the conversion (the input is taken at one instant; no sinc response, no group delay), noise of
 * the converter itself (the rig's sensor noise is in the {@link AnalogPath}), offset and gain errors
 * of the PGA, the inputs' absolute range (GND − 0.3 V … VDD + 0.3 V: a single-ended input below 0 V
 * reads as a negative code), the traditional and window comparator (outside RDY mode the pin stays
 * deasserted), COMP_LAT, the SMBus alert response, the I2C general-call reset, reads past the second
 * byte (0xFF here) and a write of only one register byte (ignored).
 */
final class Ads1115Chip implements I2cChip {
    // From the datasheet, not from the driver's constants: a wrong one there would show here.
    static final int REG_CONVERSION = 0x00;
    static final int REG_CONFIG = 0x01;
    static final int REG_LO_THRESH = 0x02;
    static final int REG_HI_THRESH = 0x03;
    /** Config after power-on reset (SBAS444, config register). */
    static final int CONFIG_RESET = 0x8583;
    /** Power-up from power-down before a conversion starts (SBAS444, single-shot mode: ~25 µs). */
    static final long POWER_UP_NANOS = 25_000L;

    private static final int OS_BIT = 0x8000;
    private static final int MODE_SINGLE_SHOT = 0x0100;
    private static final int COMP_POL_ACTIVE_HIGH = 0x0008;
    private static final int COMP_QUE_DISABLE = 0x0003;
    private static final double[] FULL_SCALE_VOLTS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
    private static final int[] DATA_RATES = {8, 16, 32, 64, 128, 250, 475, 860};
    /** Pulser polls of a busy reader that only yield before it parks between polls. */
    private static final int YIELDING_POLLS = 200;
    private static final long POLL_PARK_NANOS = 20_000L;

    private final SimulatedPi bench;
    private final VirtualTimer timer;
    private final AnalogPath path;
    private final int wiredMux;
    private final InputLine readyLine;
    private final long pulseLimit;
    private final Thread pulser;

    private int pointer;
    private int config = CONFIG_RESET & ~OS_BIT; // OS is not stored: it reads the converter's state
    private int loThresh = 0x8000;
    private int hiThresh = 0x7FFF;
    private int conversion;
    private boolean continuous;
    private boolean converting;
    private int convertingConfig;
    private long conversionEndNanos;
    private Thread streamThread;
    private long pulsesAcknowledged;
    private boolean stopped;
    // Read by the bench's counters without this chip's lock (lock order: timer, chip, bench).
    private volatile long conversions;
    private volatile long pulses;

    /**
     * @param wiredMux the MUX[2:0] setting that carries the load (the wiring's channel and mode)
     * @param readyLine the Pi input ALERT/RDY is wired to, or null
     * @param pulseLimit pulses before ALERT/RDY stops ({@code adsReadyStopsAfterConversions}); −1 never stops
     */
    Ads1115Chip(SimulatedPi bench, AnalogPath path, int wiredMux, InputLine readyLine, long pulseLimit) {
        this.bench = bench;
        this.timer = bench.timer();
        this.path = path;
        this.wiredMux = wiredMux;
        this.readyLine = readyLine;
        this.pulseLimit = pulseLimit;
        this.pulser = readyLine == null ? null : new Thread(this::pulseWhileTheReaderWaits, "ads1115-ready-pulses");
    }

    /** Starts hearing the clock, and the pulser thread when ALERT/RDY is wired. */
    void start() {
        timer.onAdvance(this::timeMoved);
        if (pulser != null) {
            pulser.setDaemon(true);
            pulser.start();
        }
    }

    /** Stops the pulser thread; idempotent. */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        if (pulser != null) {
            pulser.interrupt();
            try {
                pulser.join(1_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Conversions completed. */
    long conversions() {
        return conversions;
    }

    /** Conversion-ready pulses given on ALERT/RDY. */
    long readyPulses() {
        return pulses;
    }

    @Override
    public synchronized void write(long nanos, byte[] data, int offset, int length) {
        acknowledge();
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0x03;
        if (length < 3) {
            return;
        }
        int value = ((data[offset + 1] & 0xFF) << 8) | (data[offset + 2] & 0xFF);
        long endNanos = nanos + SimulatedPiProviders.i2cNanos(1 + length);
        switch (pointer) {
            case REG_CONFIG -> writeConfig(endNanos, value);
            case REG_LO_THRESH -> loThresh = value;
            case REG_HI_THRESH -> hiThresh = value;
            default -> { } // the conversion register is read-only
        }
        updatePin();
    }

    @Override
    public synchronized void read(long nanos, byte[] data, int offset, int length) {
        acknowledge();
        int value = switch (pointer) {
            case REG_CONVERSION -> conversion & 0xFFFF;
            case REG_CONFIG -> converting ? config : config | OS_BIT;
            case REG_LO_THRESH -> loThresh;
            default -> hiThresh;
        };
        for (int i = 0; i < length; i++) {
            data[offset + i] = (byte) (i == 0 ? value >> 8 : i == 1 ? value : 0xFF);
        }
    }

    private void writeConfig(long atNanos, int value) {
        boolean poweredDown = !continuous && !converting;
        config = value & ~OS_BIT;
        if ((value & MODE_SINGLE_SHOT) == 0) {
            if (!continuous) {
                continuous = true;
                startConversion(atNanos + (poweredDown ? POWER_UP_NANOS : 0L));
                streamThread = Thread.currentThread();
                notifyAll();
            }
            // Already continuous: the conversion in progress finishes with its settings.
        } else {
            if (continuous) {
                continuous = false;
                converting = false;
            }
            if ((value & OS_BIT) != 0 && !converting) {
                startConversion(atNanos + POWER_UP_NANOS);
            }
        }
    }

    private void startConversion(long startNanos) {
        converting = true;
        convertingConfig = config;
        conversionEndNanos = startNanos + conversionNanos(convertingConfig);
    }

    private static long conversionNanos(int configWord) {
        return Math.round(1e9 / DATA_RATES[(configWord >> 5) & 0x07]);
    }

    /** The clock moved to {@code nowNanos}: completes, in order, every conversion ended by then. */
    private synchronized void timeMoved(long nowNanos) {
        while (converting && conversionEndNanos <= nowNanos) {
            long endNanos = conversionEndNanos;
            conversion = code(endNanos, convertingConfig);
            conversions++;
            if (continuous) {
                convertingConfig = config; // settings written meanwhile start with the next conversion
                conversionEndNanos = endNanos + conversionNanos(convertingConfig);
                if (pulsing()) {
                    boolean activeHigh = (config & COMP_POL_ACTIVE_HIGH) != 0;
                    readyLine.drive(activeHigh);
                    readyLine.drive(!activeHigh);
                    pulses++;
                }
            } else {
                converting = false;
                updatePin();
            }
        }
    }

    private int code(long sampleNanos, int configWord) {
        double loadVolts = bench.loadVoltsForConversion(sampleNanos);
        double inputVolts = ((configWord >> 12) & 0x07) == wiredMux ? path.adcInputVolts(loadVolts) : 0.0;
        double fullScaleVolts = FULL_SCALE_VOLTS[(configWord >> 9) & 0x07];
        double rounded = Math.floor(inputVolts / fullScaleVolts * 32768.0 + 0.5);
        return (int) Math.min(Math.max(rounded, -32768.0), 32767.0);
    }

    private boolean readyMode() {
        return (hiThresh & 0x8000) != 0 && (loThresh & 0x8000) == 0;
    }

    /** True while continuous conversions pulse ALERT/RDY (and the fault has not stopped it). */
    private boolean pulsing() {
        return readyLine != null && continuous && readyMode() && (config & COMP_QUE_DISABLE) != COMP_QUE_DISABLE
                && (pulseLimit < 0 || pulses < pulseLimit);
    }

    /** Drives ALERT/RDY to its steady level (pulses are transient, in {@link #timeMoved}). */
    private void updatePin() {
        if (readyLine == null) {
            return;
        }
        boolean level = true; // comparator off: released, pulled up
        if ((config & COMP_QUE_DISABLE) != COMP_QUE_DISABLE) {
            boolean asserted = readyMode() && !continuous && !converting;
            level = asserted == ((config & COMP_POL_ACTIVE_HIGH) != 0);
        }
        readyLine.drive(level);
    }

    private void acknowledge() {
        if (pulsesAcknowledged != pulses) {
            pulsesAcknowledged = pulses;
            notifyAll();
        }
    }

    // ---------------------------------------------------------------- the pulser thread

    /** True when this thread may move the clock to the next conversion's end (items 1 and 2 above). */
    private boolean mayAdvance() {
        return pulsing() && streamThread != null && pulsesAcknowledged == pulses;
    }

    private void pulseWhileTheReaderWaits() {
        int polls = 0;
        while (true) {
            Thread reader;
            synchronized (this) {
                while (!stopped && !mayAdvance()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                reader = streamThread;
            }
            if (!parkedOnSemaphore(reader)) {
                if (polls++ < YIELDING_POLLS) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(POLL_PARK_NANOS);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                continue;
            }
            polls = 0;
            long target;
            synchronized (this) {
                // The reader is parked and only a pulse wakes it: nothing changed since the check.
                if (stopped || !mayAdvance()) {
                    continue;
                }
                target = conversionEndNanos;
            }
            // timeMoved completes the conversion; its pulse wakes the reader. (The end is always ahead
            // of the clock, which completes every conversion it passes.)
            timer.awaitNanos(target);
        }
    }

    private static boolean parkedOnSemaphore(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        Object blocker = LockSupport.getBlocker(thread);
        return blocker != null && blocker.getClass().getEnclosingClass() == Semaphore.class;
    }
}
