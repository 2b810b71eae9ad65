package org.resonantlearner.hal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;

/**
 * The device side of the front-end protocol, for tests and demos: speaks the protocol over a byte
 * stream pair (a pseudo-terminal, a pipe) on behalf of a {@link SampleSource} and a
 * {@link TuningActuator} — normally the ports of the simulated rig, so it streams simulated samples
 * and executes MOVE on the simulated actuator.
 *
 * <p>Behaviour, as the firmware should: silent until HELLO; HELLO with version 1 restarts the frame
 * numbering at 0, answers INFO and starts streaming (a HELLO with another version gets
 * NAK(UNSUPPORTED_VERSION)); MOVE outside the range gets NAK(OUT_OF_RANGE), otherwise the actuator
 * moves and ACK reports the position reached; MOVE before HELLO gets NAK(NO_SESSION). Its sample
 * counter starts at 0 when it is built and runs on across sessions. Samples come at the pace of the
 * source: a source paced to the wall clock gives a device-like stream.
 *
 * <p>One device thread (the caller of {@link #run}) owns the source, the actuator and every write;
 * a second thread only decodes commands and queues them, so the ports are never used concurrently.
 * Volts become codes with the inverse of the nominal law, mid-scale at 0 V.
 */
public final class FrontEndEmulator {
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_MAJOR = 1;
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_MINOR = 0;
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_PATCH = 0;

    private record Command(int type, int commandId, int value) {}

    private static final Command END_OF_INPUT = new Command(-1, 0, 0);
    private static final long IDLE_POLL_MILLIS = 100;

    private final SampleSource source;
    private final TuningActuator actuator;
    private final FrontEndInfo baseInfo;
    private final double fullScaleVolts;
    private final int maxCode;
    private final FrameEncoder encoder = new FrameEncoder();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final double[] blockVolts;
    private final int[] blockCodes;

    private volatile boolean stopRequested;
    private volatile long framesSent;
    private volatile long movesExecuted;
    private volatile int positionSteps;
    private volatile long hostFramesCorrupt;
    private long nextSampleIndex;
    private boolean streaming;

    /**
     * Creates an emulator for {@code source} and {@code actuator}.
     *
     * @param adcBits the emulated ADC's resolution, 1 .. 16 bits; 12 or fewer stream SAMPLES12
     *     (when {@code samplesPerFrame} is even), more stream SAMPLES16
     * @param fullScaleVolts the ADC's input span (V), biased so 0 V reads mid-scale
     * @param samplesPerFrame samples per sample frame, 1 .. {@code MAX_SAMPLES_PER_FRAME}
     * @param bootId the number reported in INFO (0 .. 2^32 − 1); a restarted emulator should use a new one
     */
    public FrontEndEmulator(SampleSource source, TuningActuator actuator, int adcBits, double fullScaleVolts,
            int samplesPerFrame, long bootId) {
        this.source = Check.present("source", source);
        this.actuator = Check.present("actuator", actuator);
        double rateHz = source.sampleRateHz();
        if (rateHz != Math.rint(rateHz) || rateHz < 1 || rateHz > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sampleRateHz = " + rateHz
                    + " Hz is invalid: the protocol carries a whole number of Hz in [1, 4294967295]");
        }
        Check.inRange("fullScaleVolts", fullScaleVolts, "V", 1e-6, 4294.0);
        int frameType = adcBits <= 12 && samplesPerFrame % 2 == 0
                ? FrontEndProtocol.TYPE_SAMPLES12 : FrontEndProtocol.TYPE_SAMPLES16;
        this.baseInfo = new FrontEndInfo(FrontEndProtocol.VERSION, FIRMWARE_MAJOR, FIRMWARE_MINOR, FIRMWARE_PATCH,
                adcBits, frameType, samplesPerFrame, (long) rateHz, Math.round(fullScaleVolts * 1e6),
                actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.positionSteps(), bootId, 0);
        // Volts → codes uses the span the host will read back from INFO, so the round trip is exact.
        this.fullScaleVolts = baseInfo.fullScaleVolts();
        this.maxCode = baseInfo.maxCode();
        this.blockVolts = new double[samplesPerFrame];
        this.blockCodes = new int[samplesPerFrame];
        this.positionSteps = actuator.positionSteps();
    }

    /** The INFO this emulator answers with (position and sample index as at construction). */
    public FrontEndInfo info() {
        return baseInfo;
    }

    /**
     * Serves one connection on the calling thread until {@code fromHost} ends, a read or write fails
     * (the port vanished), the source ends, or {@link #stop} is called.
     *
     * @throws IOException when writing to the host fails
     */
    public void run(InputStream fromHost, OutputStream toHost) throws IOException {
        Thread reader = Thread.ofPlatform().daemon().name("front-end-emulator-commands")
                .start(() -> readCommands(fromHost));
        try {
            serve(toHost);
        } finally {
            stopRequested = true;
            reader.interrupt();
        }
    }

    /** Asks {@link #run} to return; it does within one frame or {@value #IDLE_POLL_MILLIS} ms. */
    public void stop() {
        stopRequested = true;
    }

    /** Frames written to the host. */
    public long framesSent() {
        return framesSent;
    }

    /** MOVE commands executed (acknowledged). */
    public long movesExecuted() {
        return movesExecuted;
    }

    /** The actuator position after the last MOVE executed (steps). */
    public int positionSteps() {
        return positionSteps;
    }

    /** Candidate frames from the host that the emulator's decoder rejected. */
    public long hostFramesCorrupt() {
        return hostFramesCorrupt;
    }

    private void readCommands(InputStream fromHost) {
        FrameDecoder decoder = new FrameDecoder();
        byte[] chunk = new byte[256];
        FrameDecoder.Listener listener = frame -> {
            // Before the command is queued: its answer must not overtake the count of what came before.
            hostFramesCorrupt = decoder.corruptFrames();
            switch (frame.type()) {
                case FrontEndProtocol.TYPE_HELLO -> commands.add(new Command(frame.type(), 0, frame.u8(0)));
                case FrontEndProtocol.TYPE_MOVE -> commands.add(new Command(frame.type(), frame.u16(0), frame.i32(2)));
                default -> { } // Device-to-host types arriving here are an echo or noise: ignore.
            }
        };
        try {
            int n;
            while (!stopRequested && (n = fromHost.read(chunk)) != -1) {
                decoder.accept(chunk, 0, n, listener);
                hostFramesCorrupt = decoder.corruptFrames();
            }
        } catch (IOException e) {
            // The port went away (EIO on a pseudo-terminal whose other end closed): end of input.
        } finally {
            commands.add(END_OF_INPUT);
        }
    }

    private void serve(OutputStream toHost) throws IOException {
        while (!stopRequested) {
            Command command;
            try {
                command = streaming ? commands.poll() : commands.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (command != null) {
                if (command == END_OF_INPUT) {
                    return;
                }
                execute(command, toHost);
                command = commands.poll();
            }
            if (streaming && !streamOneFrame(toHost)) {
                return;
            }
        }
    }

    private void execute(Command command, OutputStream toHost) throws IOException {
        if (command.type() == FrontEndProtocol.TYPE_HELLO) {
            if (command.value() != FrontEndProtocol.VERSION) {
                send(toHost, encoder.nak(0, FrontEndProtocol.NAK_UNSUPPORTED_VERSION));
                return;
            }
            encoder.restartSequence();
            send(toHost, encoder.info(baseInfo.at(actuator.positionSteps(), nextSampleIndex & 0xFFFF_FFFFL)));
            streaming = true;
        } else if (command.type() == FrontEndProtocol.TYPE_MOVE) {
            int target = command.value();
            if (!streaming) {
                send(toHost, encoder.nak(command.commandId(), FrontEndProtocol.NAK_NO_SESSION));
            } else if (target < actuator.minPositionSteps() || target > actuator.maxPositionSteps()) {
                send(toHost, encoder.nak(command.commandId(), FrontEndProtocol.NAK_OUT_OF_RANGE));
            } else {
                actuator.moveTo(target);
                positionSteps = actuator.positionSteps();
                movesExecuted++;
                send(toHost, encoder.ack(command.commandId(), positionSteps, nextSampleIndex & 0xFFFF_FFFFL));
            }
        }
    }

    private boolean streamOneFrame(OutputStream toHost) throws IOException {
        int count = blockVolts.length;
        // A source may return fewer samples than asked (its read timed out): a frame goes out whole.
        for (int filled = 0; filled < count; ) {
            int n = source.read(blockVolts, filled, count - filled);
            if (n < 0 || stopRequested) {
                return false;
            }
            filled += n;
        }
        for (int i = 0; i < count; i++) {
            blockCodes[i] = code(blockVolts[i]);
        }
        long first = nextSampleIndex & 0xFFFF_FFFFL;
        int length = baseInfo.sampleFrameType() == FrontEndProtocol.TYPE_SAMPLES12
                ? encoder.samples12(first, blockCodes, 0, count)
                : encoder.samples16(first, blockCodes, 0, count);
        nextSampleIndex += count;
        send(toHost, length);
        return true;
    }

    private int code(double volts) {
        double rounded = Math.floor((volts / fullScaleVolts + 0.5) * maxCode + 0.5);
        // Clamped to [0, maxCode]; NaN becomes 0, as (int) NaN is 0.
        return (int) Math.max(0, Math.min(maxCode, rounded));
    }

    private void send(OutputStream toHost, int length) throws IOException {
        // One write per frame, so a byte-level test tap sees whole frames.
        toHost.write(encoder.buffer(), 0, length);
        toHost.flush();
        framesSent++;
    }
}
