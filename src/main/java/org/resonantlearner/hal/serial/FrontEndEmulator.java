package org.resonantlearner.hal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;

/**
 * The device side of the front-end protocol (version 2), for tests and demos: speaks the protocol
 * over a {@link DeviceLink} (a pseudo-terminal, a pipe) on behalf of a {@link SampleSource} and a
 * {@link TuningActuator} — normally the ports of the simulated rig, so it streams simulated samples
 * and executes MOVE on the simulated actuator — and behaves as a board on a USB cable does.
 *
 * <p>Sampling: from the moment {@link #run} starts ("power-up") the device takes samples at the
 * source's rate in real time, one frame of {@code samplesPerFrame} at a time, whether a host is there
 * or not; its sample counter runs from power-up and is never reset. A frame is sent only inside a
 * session, so a host never gets a backlog: samples taken before the first HELLO, between sessions,
 * while unplugged or stalled, or that found the output full (the host not reading) are discarded and
 * counted by cause ({@link #counters}). The source may be unpaced (the emulator keeps the time) or
 * paced to the wall clock itself.
 *
 * <p>Protocol: silent until HELLO; HELLO with version 2 restarts the frame numbering at 0, answers
 * INFO whose next sample index is the first one it will send, and starts (or, while streaming,
 * continues) the stream from the current counter; queued sample frames older than the HELLO are
 * discarded. A HELLO with another version gets NAK(UNSUPPORTED_VERSION). MOVE outside the range gets
 * NAK(OUT_OF_RANGE), otherwise the actuator moves at once and the ACK carries the position reached
 * and the effective sample index: the counter when the move was done, i.e. the first sample taken at
 * the new position. MOVE outside a session gets NAK(NO_SESSION).
 *
 * <p>The link: when its connection fails (a read or write error, the end of input) the session ends
 * and the emulator asks the link for the next connection while it keeps sampling; a link that
 * reconnects ({@link PortLink}, {@link SocatLink}) gets the next HELLO answered. A host that stops
 * reading (socat keeps a pseudo-terminal open when the host closes it, so writes only block) ends
 * the session once a write has not completed for {@value #HOST_GONE_SECONDS} s.
 *
 * <p>Faults ({@link EmulatorFaults}): bit flips in sample frames, never in the two sync bytes, and
 * with any sync pattern that would appear inside a damaged frame broken by one more flip, so that the
 * host's decoder counts each damaged frame as exactly one corrupt frame and (by its sequence number)
 * one dropped frame; dropped sample frames (they take a sequence number); a latency for every frame;
 * periodic unplugs through the link; stalls (no frame leaves; sample frames taken meanwhile are lost,
 * command answers wait for the stall's end). A {@link TruthLog} gets one line per sample frame.
 *
 * <p>Threads: the caller of {@link #run} is the device: it owns the source, the actuator, the
 * encoder and the sampling; a connection thread writes the queued frames and a reader thread per
 * connection decodes commands into a queue, so the ports are never used concurrently and a blocked
 * write never holds up the sampling. Volts become codes with the inverse of the nominal law,
 * mid-scale at 0 V.
 */
public final class FrontEndEmulator {
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_MAJOR = 1;
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_MINOR = 0;
    /** Firmware version the emulator reports. */
    public static final int FIRMWARE_PATCH = 0;
    /** A write that has not completed for this long means the host is gone: the session ends (s). */
    public static final double HOST_GONE_SECONDS = 1.0;

    private static final int CMD_HELLO = FrontEndProtocol.TYPE_HELLO;
    private static final int CMD_MOVE = FrontEndProtocol.TYPE_MOVE;
    private static final int CMD_DISCONNECTED = -2;
    private static final int CMD_END = -1;
    private static final long IDLE_POLL_NANOS = 50_000_000L;
    private static final long RECONNECT_PAUSE_MILLIS = 200;

    private record Command(int type, int connection, int commandId, int value) {}

    /** A frame waiting to leave, and for a sample frame what the truth log says of it. */
    private record Outgoing(byte[] bytes, int connection, long dueNanos, boolean sampleFrame, boolean damaged,
            long firstIndex, int count, int positionSteps, double truePowerWatts, long codesCrc32) {}

    private final SampleSource source;
    private final TuningActuator actuator;
    private final FrontEndInfo baseInfo;
    private final double fullScaleVolts;
    private final int maxCode;
    private final double sampleRateHz;
    private final FrameEncoder encoder = new FrameEncoder();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final double[] blockVolts;
    private final int[] blockCodes;

    private EmulatorFaults faults = EmulatorFaults.NONE;
    private DoubleSupplier trueEnergyJoules;
    private TruthLog truthLog;
    private SplittableRandom random;
    private long bytesUntilFlip;

    // The output queue and every counter: guarded by outLock.
    private final Object outLock = new Object();
    private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
    private int sampleFramesQueued;
    private int queueCapacityFrames;
    private long framesSent;
    private long sampleFramesSent;
    private long sampleFramesDamaged;
    private long sampleFramesDropped;
    private long samplesTaken;
    private long samplesDelivered;
    private long samplesDamaged;
    private long samplesDropped;
    private long samplesUnplugged;
    private long samplesStalled;
    private long samplesOverrun;
    private long samplesBeforeFirstHello;
    private long samplesBetweenSessions;
    private long unplugs;
    private long hellosAnswered;
    private long sessionsLost;

    private volatile boolean stopRequested;
    private volatile long movesExecuted;
    private volatile int positionSteps;
    private volatile long hostFramesCorrupt;
    private volatile long writeStartedNanos;
    private volatile boolean unplugged;
    private volatile long stallEndNanos;

    // Device thread only.
    private long startNanos;
    private long nextSampleIndex;
    private int sessionConnection; // 0: no session
    private boolean hadSession;
    private final ArrayDeque<Command> deferredMoves = new ArrayDeque<>();

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
        this.sampleRateHz = rateHz;
        this.blockVolts = new double[samplesPerFrame];
        this.blockCodes = new int[samplesPerFrame];
        this.positionSteps = actuator.positionSteps();
        withFaults(EmulatorFaults.NONE);
    }

    /** Injects {@code faults} (call before {@link #run}). */
    public FrontEndEmulator withFaults(EmulatorFaults emulatorFaults) {
        this.faults = Check.present("faults", emulatorFaults);
        this.random = new SplittableRandom(emulatorFaults.seed());
        this.bytesUntilFlip = drawBytesUntilFlip();
        double framesPerSecond = sampleRateHz / blockVolts.length;
        // The device's output buffer: the frames of the latency plus half a second.
        this.queueCapacityFrames = (int) Math.min(1 << 20,
                Math.max(8, Math.ceil(framesPerSecond * (emulatorFaults.latencySeconds() + 0.5))));
        return this;
    }

    /**
     * Takes each sample frame's true mean load power from {@code cumulativeEnergyJoules}, the
     * physics' true load energy so far (J), read before and after the frame's samples (call before
     * {@link #run}).
     */
    public FrontEndEmulator withTrueEnergy(DoubleSupplier cumulativeEnergyJoules) {
        this.trueEnergyJoules = cumulativeEnergyJoules;
        return this;
    }

    /** Writes one line per sample frame to {@code log} (call before {@link #run}; the caller closes it). */
    public FrontEndEmulator withTruthLog(TruthLog log) {
        this.truthLog = log;
        return this;
    }

    /** The INFO this emulator answers with (position and sample index as at construction). */
    public FrontEndInfo info() {
        return baseInfo;
    }

    /**
     * Serves one connection over {@code fromHost}/{@code toHost}: returns when the input ends or
     * fails, the source ends, or {@link #stop} is called.
     */
    public void run(InputStream fromHost, OutputStream toHost) {
        run(DeviceLink.once(fromHost, toHost));
    }

    /**
     * Samples from now on and serves {@code link}'s connections one after the other, on the calling
     * thread, until the link ends ({@link DeviceLink#open} returns null), the source ends, or
     * {@link #stop} is called.
     */
    public void run(DeviceLink link) {
        startNanos = System.nanoTime();
        Thread connections = Thread.ofPlatform().daemon().name("front-end-emulator-link")
                .start(() -> serveConnections(link));
        try {
            sample(link);
        } finally {
            stopRequested = true;
            synchronized (outLock) {
                outLock.notifyAll();
            }
            try {
                connections.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connections.interrupt();
            // Powered down: what was still queued never leaves.
            discardQueuedSamples("unplugged");
            if (truthLog != null) {
                try {
                    truthLog.flush();
                } catch (IOException e) {
                    System.err.println("front-end emulator: the truth log could not be written: " + e.getMessage());
                }
            }
        }
    }

    /** Asks {@link #run} to return; it does within one frame or about 50 ms. */
    public void stop() {
        stopRequested = true;
    }

    /** Frames written to the host. */
    public long framesSent() {
        synchronized (outLock) {
            return framesSent;
        }
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

    /** The counters so far, consistent with each other. */
    public EmulatorCounters counters() {
        synchronized (outLock) {
            return new EmulatorCounters(framesSent, sampleFramesSent, sampleFramesDamaged, sampleFramesDropped,
                    samplesTaken, samplesDelivered, samplesDamaged, samplesDropped, samplesUnplugged, samplesStalled,
                    samplesOverrun, samplesBeforeFirstHello, samplesBetweenSessions, unplugs, hellosAnswered,
                    sessionsLost, movesExecuted, hostFramesCorrupt);
        }
    }

    // ---------------------------------------------------------------- the device thread

    private void sample(DeviceLink link) {
        int count = blockVolts.length;
        while (!stopRequested) {
            long dueNanos = startNanos + (long) ((nextSampleIndex + count) * 1e9 / sampleRateHz);
            // Answer commands while the frame's samples are being taken.
            while (true) {
                long wait = dueNanos - System.nanoTime();
                Command command = deferredMoves.poll();
                try {
                    if (command == null) {
                        command = wait > 0 ? commands.poll(Math.min(wait, IDLE_POLL_NANOS), TimeUnit.NANOSECONDS)
                                : commands.poll();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (command != null) {
                    if (command.type() == CMD_END) {
                        return;
                    }
                    execute(command);
                } else if (wait <= 0 || stopRequested) {
                    break;
                }
            }
            if (stopRequested) {
                return;
            }
            double energyBefore = trueEnergyJoules == null ? Double.NaN : trueEnergyJoules.getAsDouble();
            int position = actuator.positionSteps();
            // A source may return fewer samples than asked (its read timed out): a frame goes out whole.
            for (int filled = 0; filled < count; ) {
                int n = source.read(blockVolts, filled, count - filled);
                if (n < 0) {
                    drainOutput();
                    return;
                }
                if (stopRequested) {
                    return;
                }
                if (n == 0 && !answerWhileTheSourceWaits()) {
                    return;
                }
                filled += n;
            }
            double truePower = trueEnergyJoules == null ? Double.NaN
                    : (trueEnergyJoules.getAsDouble() - energyBefore) * sampleRateHz / count;
            for (int i = 0; i < count; i++) {
                blockCodes[i] = code(blockVolts[i]);
            }
            long first = nextSampleIndex;
            nextSampleIndex += count;
            scheduleUnplug(link, first);
            frameTaken(first, count, position, truePower);
        }
    }

    /**
     * The source returned nothing (its read timed out) in the middle of a frame: answers HELLO now,
     * keeps a MOVE for the frame's end (so that a frame is taken at one position). False on the end.
     */
    private boolean answerWhileTheSourceWaits() {
        Command command;
        while ((command = commands.poll()) != null) {
            if (command.type() == CMD_END) {
                return false;
            }
            if (command.type() == CMD_MOVE) {
                deferredMoves.add(command);
            } else {
                execute(command);
            }
        }
        return true;
    }

    private void scheduleUnplug(DeviceLink link, long first) {
        double every = faults.unplugEverySeconds();
        if (every <= 0) {
            return;
        }
        boolean inWindow = inWindow(first, every, faults.unplugForSeconds());
        if (inWindow && !unplugged) {
            unplugged = true;
            synchronized (outLock) {
                unplugs++;
            }
            endSession(false);
            link.unplug();
        } else if (!inWindow && unplugged) {
            unplugged = false;
            link.replug();
        }
    }

    /** Whether sample {@code index}'s time falls in [k·every, k·every + length) for some k ≥ 1. */
    private boolean inWindow(long index, double every, double length) {
        double t = index / sampleRateHz;
        double k = Math.floor(t / every);
        return k >= 1 && t - k * every < length;
    }

    private void frameTaken(long first, int count, int position, double truePower) {
        long hash = truthLog == null ? 0 : truthLog.hash(blockCodes, count);
        boolean stalled = faults.stallEverySeconds() > 0
                && inWindow(first, faults.stallEverySeconds(), faults.stallForSeconds());
        if (stalled) {
            double t = first / sampleRateHz;
            double end = (Math.floor(t / faults.stallEverySeconds()) * faults.stallEverySeconds()
                    + faults.stallForSeconds());
            stallEndNanos = startNanos + (long) (end * 1e9);
        }
        if (sessionConnection != 0 && hostGone()) {
            synchronized (outLock) {
                sessionsLost++;
            }
            endSession(false);
        }
        String fate;
        synchronized (outLock) {
            samplesTaken += count;
            if (unplugged) {
                fate = "unplugged";
                samplesUnplugged += count;
            } else if (sessionConnection == 0) {
                fate = "no-session";
                if (hadSession) {
                    samplesBetweenSessions += count;
                } else {
                    samplesBeforeFirstHello += count;
                }
            } else if (stalled) {
                fate = "stalled";
                samplesStalled += count;
            } else if (sampleFramesQueued >= queueCapacityFrames) {
                fate = "overrun";
                samplesOverrun += count;
            } else {
                fate = null;
            }
        }
        if (fate == null) {
            int length = baseInfo.sampleFrameType() == FrontEndProtocol.TYPE_SAMPLES12
                    ? encoder.samples12(first & 0xFFFF_FFFFL, blockCodes, 0, count)
                    : encoder.samples16(first & 0xFFFF_FFFFL, blockCodes, 0, count);
            if (faults.dropRate() > 0 && random.nextDouble() < faults.dropRate()) {
                synchronized (outLock) {
                    sampleFramesDropped++;
                    samplesDropped += count;
                }
                fate = "dropped";
            } else {
                byte[] bytes = Arrays.copyOf(encoder.buffer(), length);
                boolean damaged = faults.corruptRate() > 0 && damage(bytes);
                enqueue(new Outgoing(bytes, sessionConnection, dueNanos(), true, damaged, first, count, position,
                        truePower, hash));
                return; // logged when its fate is final
            }
        }
        if (truthLog != null) {
            truthLog.record(first, count, fate, position, truePower, hash);
        }
    }

    /** Whether a write to the host has been blocked for {@link #HOST_GONE_SECONDS}. */
    private boolean hostGone() {
        long started = writeStartedNanos;
        return started != 0 && System.nanoTime() - started > HOST_GONE_SECONDS * 1e9;
    }

    private long dueNanos() {
        long due = System.nanoTime() + (long) (faults.latencySeconds() * 1e9);
        return Math.max(due, stallEndNanos);
    }

    private void execute(Command command) {
        switch (command.type()) {
            case CMD_HELLO -> {
                if (command.value() != FrontEndProtocol.VERSION) {
                    reply(command, encoder.nak(0, FrontEndProtocol.NAK_UNSUPPORTED_VERSION));
                    return;
                }
                if (unplugged) {
                    return; // a HELLO that arrived just before the cable was pulled
                }
                discardQueuedSamples("overrun");
                sessionConnection = command.connection();
                hadSession = true;
                encoder.restartSequence();
                reply(command, encoder.info(baseInfo.at(actuator.positionSteps(), nextSampleIndex & 0xFFFF_FFFFL)));
                synchronized (outLock) {
                    hellosAnswered++;
                }
            }
            case CMD_MOVE -> {
                int target = command.value();
                if (sessionConnection == 0 || sessionConnection != command.connection()) {
                    reply(command, encoder.nak(command.commandId(), FrontEndProtocol.NAK_NO_SESSION));
                } else if (target < actuator.minPositionSteps() || target > actuator.maxPositionSteps()) {
                    reply(command, encoder.nak(command.commandId(), FrontEndProtocol.NAK_OUT_OF_RANGE));
                } else {
                    actuator.moveTo(target);
                    positionSteps = actuator.positionSteps();
                    movesExecuted++;
                    // The next sample the device takes is the first at the new position.
                    reply(command, encoder.ack(command.commandId(), positionSteps, nextSampleIndex & 0xFFFF_FFFFL));
                }
            }
            case CMD_DISCONNECTED -> {
                if (sessionConnection == command.connection()) {
                    if (!unplugged) {
                        synchronized (outLock) {
                            sessionsLost++;
                        }
                    }
                    endSession(true);
                }
            }
            default -> throw new IllegalStateException("unknown command " + command);
        }
    }

    private void reply(Command command, int length) {
        enqueue(new Outgoing(Arrays.copyOf(encoder.buffer(), length), command.connection(), dueNanos(), false, false,
                0, 0, 0, Double.NaN, 0));
    }

    private void endSession(boolean linkDown) {
        sessionConnection = 0;
        discardQueuedSamples(linkDown || unplugged ? "unplugged" : "overrun");
    }

    private void enqueue(Outgoing frame) {
        synchronized (outLock) {
            out.add(frame);
            if (frame.sampleFrame()) {
                sampleFramesQueued++;
            }
            outLock.notifyAll();
        }
    }

    private void discardQueuedSamples(String fate) {
        synchronized (outLock) {
            for (Iterator<Outgoing> it = out.iterator(); it.hasNext(); ) {
                Outgoing frame = it.next();
                if (frame.sampleFrame()) {
                    it.remove();
                    sampleFramesQueued--;
                    notDelivered(frame, fate);
                }
            }
        }
    }

    /** Counts and logs a queued sample frame that will not be sent (outLock held). */
    private void notDelivered(Outgoing frame, String fate) {
        if (fate.equals("unplugged")) {
            samplesUnplugged += frame.count();
        } else {
            samplesOverrun += frame.count();
        }
        if (truthLog != null) {
            truthLog.record(frame.firstIndex(), frame.count(), fate, frame.positionSteps(), frame.truePowerWatts(),
                    frame.codesCrc32());
        }
    }

    /** After the source ended: lets the queued frames leave (up to two seconds). */
    private void drainOutput() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (outLock) {
            while (!out.isEmpty() && !stopRequested && System.nanoTime() < deadline) {
                try {
                    outLock.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Flips bits of a sample frame: every byte but the two sync bytes is hit with probability
     * {@code corruptRate}, one random bit each; then every sync pattern inside the frame is broken by
     * flipping the lowest bit of its second byte, so the host's decoder finds no false start inside
     * the damaged frame. Returns whether the frame was damaged.
     */
    private boolean damage(byte[] frame) {
        int eligible = frame.length - 2;
        boolean damaged = false;
        int at = 0;
        while (bytesUntilFlip < eligible - at) {
            at += (int) bytesUntilFlip;
            frame[2 + at] ^= (byte) (1 << random.nextInt(8));
            damaged = true;
            at++;
            bytesUntilFlip = drawBytesUntilFlip();
        }
        bytesUntilFlip -= eligible - at;
        if (damaged) {
            for (int i = 1; i + 1 < frame.length; i++) {
                if (frame[i] == FrontEndProtocol.SYNC_0 && frame[i + 1] == FrontEndProtocol.SYNC_1) {
                    frame[i + 1] ^= 1;
                    i++;
                }
            }
        }
        return damaged;
    }

    /** Clean bytes before the next damaged one: geometric with the per-byte rate. */
    private long drawBytesUntilFlip() {
        double rate = faults.corruptRate();
        if (rate <= 0) {
            return Long.MAX_VALUE;
        }
        if (rate >= 1) {
            return 0;
        }
        double u = 1.0 - random.nextDouble(); // (0, 1]
        return (long) Math.min(Long.MAX_VALUE / 2, Math.floor(Math.log(u) / Math.log1p(-rate)));
    }

    private int code(double volts) {
        double rounded = Math.floor((volts / fullScaleVolts + 0.5) * maxCode + 0.5);
        // Clamped to [0, maxCode]; NaN becomes 0, as (int) NaN is 0.
        return (int) Math.max(0, Math.min(maxCode, rounded));
    }

    // ---------------------------------------------------------------- the link's threads

    private int connectionCounter;

    private void serveConnections(DeviceLink link) {
        try {
            while (!stopRequested) {
                DeviceLink.Connection connection;
                try {
                    connection = link.open();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    System.err.println("front-end emulator: " + link + ": " + e.getMessage() + "; retrying");
                    try {
                        Thread.sleep(RECONNECT_PAUSE_MILLIS);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                }
                if (connection == null) {
                    return;
                }
                int id = ++connectionCounter;
                serve(connection, id);
                commands.add(new Command(CMD_DISCONNECTED, id, 0, 0));
            }
        } finally {
            commands.add(new Command(CMD_END, 0, 0, 0));
        }
    }

    /** Writes the queued frames of connection {@code id} until it fails or the emulator stops. */
    private void serve(DeviceLink.Connection connection, int id) {
        java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().daemon().name("front-end-emulator-commands")
                .start(() -> readCommands(connection.fromHost(), id, alive));
        try {
            OutputStream toHost = connection.toHost();
            while (alive.get() && !stopRequested) {
                Outgoing frame = nextFrame(alive);
                if (frame == null) {
                    continue;
                }
                if (frame.connection() != id) {
                    // Queued for a connection that is gone (or before its HELLO): never to this host.
                    if (frame.sampleFrame()) {
                        synchronized (outLock) {
                            notDelivered(frame, "unplugged");
                        }
                    }
                    continue;
                }
                long wait;
                while ((wait = frame.dueNanos() - System.nanoTime()) > 0 && alive.get() && !stopRequested) {
                    LockSupport.parkNanos(Math.min(wait, IDLE_POLL_NANOS));
                }
                writeStartedNanos = System.nanoTime();
                try {
                    // One write per frame, so a byte-level test tap sees whole frames.
                    toHost.write(frame.bytes());
                    toHost.flush();
                } catch (IOException e) {
                    if (frame.sampleFrame()) {
                        synchronized (outLock) {
                            notDelivered(frame, "unplugged");
                        }
                    }
                    return;
                } finally {
                    writeStartedNanos = 0;
                }
                sent(frame);
            }
        } finally {
            alive.set(false);
            try {
                connection.close();
            } catch (IOException e) {
                // The port is gone already.
            }
            if (stopRequested) {
                reader.interrupt();
            }
        }
    }

    private Outgoing nextFrame(java.util.concurrent.atomic.AtomicBoolean alive) {
        synchronized (outLock) {
            Outgoing frame = out.poll();
            if (frame == null) {
                try {
                    outLock.wait(IDLE_POLL_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    alive.set(false);
                }
                return null;
            }
            if (frame.sampleFrame()) {
                sampleFramesQueued--;
            }
            outLock.notifyAll(); // drainOutput waits for an empty queue
            return frame;
        }
    }

    private void sent(Outgoing frame) {
        synchronized (outLock) {
            framesSent++;
            if (frame.sampleFrame()) {
                if (frame.damaged()) {
                    sampleFramesDamaged++;
                    samplesDamaged += frame.count();
                } else {
                    sampleFramesSent++;
                    samplesDelivered += frame.count();
                }
                if (truthLog != null) {
                    truthLog.record(frame.firstIndex(), frame.count(), frame.damaged() ? "damaged" : "sent",
                            frame.positionSteps(), frame.truePowerWatts(), frame.codesCrc32());
                }
            }
            outLock.notifyAll();
        }
    }

    private void readCommands(InputStream fromHost, int id, java.util.concurrent.atomic.AtomicBoolean alive) {
        FrameDecoder decoder = new FrameDecoder();
        byte[] chunk = new byte[256];
        long corruptBefore = hostFramesCorrupt;
        FrameDecoder.Listener listener = frame -> {
            // Before the command is queued: its answer must not overtake the count of what came before.
            hostFramesCorrupt = corruptBefore + decoder.corruptFrames();
            switch (frame.type()) {
                case FrontEndProtocol.TYPE_HELLO -> commands.add(new Command(CMD_HELLO, id, 0, frame.u8(0)));
                case FrontEndProtocol.TYPE_MOVE -> commands.add(new Command(CMD_MOVE, id, frame.u16(0), frame.i32(2)));
                default -> { } // Device-to-host types arriving here are an echo or noise: ignore.
            }
        };
        try {
            int n;
            while (alive.get() && !stopRequested && (n = fromHost.read(chunk)) != -1) {
                decoder.accept(chunk, 0, n, listener);
                hostFramesCorrupt = corruptBefore + decoder.corruptFrames();
            }
        } catch (IOException e) {
            // The port went away (EIO on a pseudo-terminal whose other end closed): end of input.
        } finally {
            alive.set(false);
            synchronized (outLock) {
                outLock.notifyAll();
            }
        }
    }
}
