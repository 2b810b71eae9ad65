package org.resonantlearner.hal.serial;

import org.resonantlearner.hal.AdcCalibration;
import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;
import org.tinylog.Logger;

/**
 * The microcontroller front-end over USB serial (jSerialComm): a {@link SampleSource} of load volts
 * and a {@link TuningActuator}, speaking the protocol of {@code hardware/serial-protocol.md}.
 *
 * <p>Threads. One I/O thread owns the port: it connects (HELLO → INFO), decodes the byte stream,
 * converts each sample frame's codes to volts (through the {@link AdcCalibration}) into a
 * preallocated ring, and routes ACK/NAK to {@link #moveTo}. {@link #read} runs on the caller's
 * thread and blocks until the ring holds the samples asked for, or until {@value #READ_TIMEOUT_NANOS}
 * ns pass (then it returns what it has, possibly nothing, so that the service loop's watchdog sees a
 * silent device). Nothing on the sample path allocates once running.
 *
 * <p>Disconnects. When the device goes away — {@code readBytes} returns −1, jSerialComm reports
 * {@code LISTENING_EVENT_PORT_DISCONNECTED} (the listener only raises a flag: the port is never
 * reopened inside the callback), no frame arrives for {@code stallTimeoutSeconds}, or the port path
 * has vanished — the I/O thread closes the port, counts a disconnect and tries again with
 * exponential back-off ({@code reconnectInitialDelaySeconds} doubling to
 * {@code reconnectMaxDelaySeconds}), re-handshakes and resumes. The service never restarts;
 * {@link #read} keeps returning 0 after its timeout while the device is away.
 *
 * <p>Gaps. {@link #read} never joins the two sides of a gap: one call returns samples from one side
 * only, and {@link #samplesSkipped} then counts the stream samples missing before them, so the stream
 * index (and the time) of every sample returned is known and the loop can end a window at the gap.
 * Every sample that should have been there and is not is counted in {@link #samplesLost}: inside a session from the sample index each frame carries (exact: frames
 * lost to corruption or overflow); across a reconnection exactly when the device was not reset
 * (same boot id: the index gap in its INFO), otherwise estimated from the host's clock (time from
 * the last sample before the disconnect to the new INFO, times the sample rate); and the samples
 * the ring had no room for ({@link #ringOverrunSamples}).
 *
 * <p>Moves. The device samples while it moves and the host reads behind it, so an ACK names the
 * device's index of the first sample taken at the new position; {@link #lastMoveEffectiveSampleIndex}
 * gives it in the stream's numbering. Bytes already waiting in the port when a connection opens
 * belong to no session of this host and are flushed before HELLO.
 *
 * <p>The device must keep its sample rate, ADC and actuator range across reconnections: an INFO that
 * differs from the first one fails the attempt (logged; the back-off goes on).
 */
public final class SerialFrontEnd implements SampleSource, TuningActuator {
    private static final long SAMPLE_INDEX_MASK = 0xFFFF_FFFFL;
    private static final long HALF_INDEX_SPACE = 1L << 31;
    /** Upper bound of one park in {@link #read}; the I/O thread unparks the reader as samples arrive. */
    private static final long READER_PARK_NANOS = 20_000_000L;
    /** Longest wait of one {@link #read} for its samples; short against any watchdog timeout. */
    static final long READ_TIMEOUT_NANOS = 100_000_000L;
    private static final int READ_CHUNK_BYTES = 4096;
    private static final int WRITE_TIMEOUT_MILLIS = 500;

    private final String portPath;
    private final SerialFrontEndSettings settings;
    private final AdcCalibration calibration;
    private final Thread ioThread;

    // I/O thread only.
    private final FrameDecoder decoder = new FrameDecoder();
    private final byte[] readChunk = new byte[READ_CHUNK_BYTES];
    private final int[] codes = new int[FrontEndProtocol.MAX_SAMPLES_PER_FRAME];
    private final FrameDecoder.Listener frameListener = this::onFrame;
    private boolean handshakeDone;
    private String handshakeFailure;
    private long lastFrameNanos;
    private boolean sampleIndexKnown;
    private long expectedSampleIndex;
    private long lastSampleNanos;
    private double voltsPerCode;
    private double voltsAtCodeZero;
    private int maxCode;

    // The port and the writer side, guarded by writeLock.
    private final Object writeLock = new Object();
    private final FrameEncoder encoder = new FrameEncoder();
    private volatile SerialPort port;
    private volatile boolean portDisconnected;

    // Sample ring: single producer (I/O thread), single consumer (the reader).
    private final double[] ring;
    private final int ringMask;
    private volatile long samplesWritten;
    private volatile long samplesConsumed;
    private volatile Thread waitingReader;
    // Gaps in the ring: the ring position before which stream samples are missing, and the stream
    // index of the sample at that position. Single producer, single consumer, as the ring.
    private static final int GAP_CAPACITY = 1024;
    private final long[] gapAtPosition = new long[GAP_CAPACITY];
    private final long[] gapStreamIndex = new long[GAP_CAPACITY];
    private volatile long gapsPushed;
    private volatile long gapsTaken;
    private volatile long samplesSkipped;
    // I/O thread only: stream index of the next sample expected, and whether the next frame starts
    // after a discontinuity (a lost frame, a new session).
    private long nextStreamIndex;
    private boolean breakBeforeNextFrame;

    // Commands and connection state, guarded by lock.
    private final Object lock = new Object();
    private int lastCommandId;
    private int awaitedCommandId = -1;
    private boolean ackReceived;
    private int ackPositionSteps;
    private long ackEffectiveStreamIndex;
    private volatile long lastMoveEffectiveStreamIndex = EFFECTIVE_FROM_NEXT_SAMPLE;
    private int nakReason;
    private long connectionGeneration;

    private volatile boolean closed;
    private volatile boolean connected;
    private volatile FrontEndInfo firstInfo;
    private volatile FrontEndInfo info;
    private volatile int positionSteps;
    private volatile String lastFailure = "no attempt yet";

    private volatile long connections;
    private volatile long disconnects;
    private volatile long failedAttempts;
    private volatile long samplesLost;
    private volatile long ringOverrunSamples;
    private volatile long invalidSampleFrames;
    private volatile long framesDecoded;
    private volatile long corruptFrames;
    private volatile long droppedFrames;
    private volatile long bytesSkipped;

    private SerialFrontEnd(String portPath, SerialFrontEndSettings settings, AdcCalibration calibration) {
        this.portPath = Check.present("portPath", portPath);
        this.settings = Check.present("settings", settings);
        this.calibration = Check.present("calibration", calibration);
        this.ring = new double[settings.ringCapacitySamples()];
        this.ringMask = ring.length - 1;
        this.ioThread = Thread.ofPlatform().daemon().name("serial-front-end " + portPath).unstarted(this::ioLoop);
    }

    /**
     * Opens the front-end at {@code portPath} (a device such as {@code /dev/ttyACM0}, or a link to a
     * pseudo-terminal) and returns once the first handshake is done.
     *
     * @throws SerialFrontEndException when no handshake succeeds within {@code startupTimeoutSeconds}
     */
    public static SerialFrontEnd open(String portPath, SerialFrontEndSettings settings, AdcCalibration calibration) {
        SerialFrontEnd frontEnd = new SerialFrontEnd(portPath, settings, calibration);
        frontEnd.ioThread.start();
        if (!frontEnd.awaitConnections(1, settings.startupTimeoutSeconds())) {
            String why = frontEnd.lastFailure;
            frontEnd.close();
            throw new SerialFrontEndException("front-end at " + portPath + " did not complete a handshake within "
                    + settings.startupTimeoutSeconds() + " s: " + why);
        }
        return frontEnd;
    }

    // ---------------------------------------------------------------- SampleSource

    @Override
    public double sampleRateHz() {
        return firstInfo.sampleRateHz();
    }

    /**
     * Fills {@code loadVolts[offset .. offset + count)} with the next samples, blocking until they
     * are there (also while the device is away and the adapter reconnects).
     *
     * @return {@code count}, or −1 once closed or when the calling thread is interrupted (its
     *     interrupt flag stays set)
     * @throws IllegalArgumentException when {@code count} exceeds the ring capacity
     */
    @Override
    public int read(double[] loadVolts, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, loadVolts.length);
        if (count > ring.length) {
            throw new IllegalArgumentException("count = " + count + " samples is invalid: allowed [0, "
                    + ring.length + "] samples (ringCapacitySamples)");
        }
        long consumed = samplesConsumed;
        long deadlineNanos = System.nanoTime() + READ_TIMEOUT_NANOS;
        long readable;
        while (true) {
            if (closed || Thread.currentThread().isInterrupted()) {
                return -1;
            }
            // The producer pushes a gap before the samples behind it: read the ring's end first.
            long written = samplesWritten;
            readable = readableUntilGap(consumed, written);
            boolean gapAhead = readable < written;
            if (readable - consumed >= count || (gapAhead && readable > consumed)) {
                break;
            }
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                break;
            }
            waitingReader = Thread.currentThread();
            // Re-check after publishing ourselves: the producer reads waitingReader after writing.
            if (samplesWritten == written && !closed) {
                LockSupport.parkNanos(this, Math.min(READER_PARK_NANOS, remainingNanos));
            }
            waitingReader = null;
        }
        if (closed) {
            return -1;
        }
        int available = (int) Math.min(count, readable - consumed);
        int from = (int) (consumed & ringMask);
        int first = Math.min(available, ring.length - from);
        System.arraycopy(ring, from, loadVolts, offset, first);
        System.arraycopy(ring, 0, loadVolts, offset + first, available - first);
        samplesConsumed = consumed + available;
        return available;
    }

    /**
     * Takes the gaps at {@code consumed} (their missing samples join {@link #samplesSkipped}) and
     * returns the ring position up to which samples follow on without a gap, at most {@code written}.
     */
    private long readableUntilGap(long consumed, long written) {
        long taken = gapsTaken;
        long pushed = gapsPushed;
        while (taken < pushed) {
            int slot = (int) (taken % GAP_CAPACITY);
            long at = gapAtPosition[slot];
            if (at > consumed) {
                return Math.min(written, at);
            }
            samplesSkipped = gapStreamIndex[slot] - consumed;
            taken++;
            gapsTaken = taken;
        }
        return written;
    }

    /**
     * Stream samples missing before the first sample the last {@link #read} returned: frames lost
     * to corruption or overruns, outages. Counted by the time {@code read} returns the sample after
     * the gap.
     */
    @Override
    public long samplesSkipped() {
        return samplesSkipped;
    }

    // ---------------------------------------------------------------- TuningActuator

    @Override
    public int minPositionSteps() {
        return firstInfo.minPositionSteps();
    }

    @Override
    public int maxPositionSteps() {
        return firstInfo.maxPositionSteps();
    }

    /** The position the device last reported (ACK, or INFO at the handshake) (steps). */
    @Override
    public int positionSteps() {
        return positionSteps;
    }

    /**
     * Sends MOVE and returns when the device acknowledges it. An unacknowledged MOVE is sent again
     * (same command id; MOVE is absolute, so a repeat is harmless) every {@code ackRetrySeconds} and
     * after every reconnection, until {@code commandTimeoutSeconds}.
     *
     * @throws IllegalArgumentException when the position is outside [min, max], or the device
     *     answers NAK(OUT_OF_RANGE)
     * @throws SerialFrontEndException when the device answers another NAK, no ACK comes in time,
     *     the adapter is closed, or the calling thread is interrupted (its flag stays set)
     */
    @Override
    public void moveTo(int targetSteps) {
        requireInRange(targetSteps);
        long timeoutNanos = seconds(settings.commandTimeoutSeconds());
        long retryNanos = seconds(settings.ackRetrySeconds());
        synchronized (lock) {
            int commandId = lastCommandId % 0xFFFF + 1; // 1 .. 65535; 0 belongs to HELLO
            lastCommandId = commandId;
            awaitedCommandId = commandId;
            ackReceived = false;
            nakReason = 0;
            try {
                long start = System.nanoTime();
                long sentOnGeneration = -1;
                long resendAt = start;
                while (true) {
                    if (ackReceived) {
                        positionSteps = ackPositionSteps;
                        lastMoveEffectiveStreamIndex = ackEffectiveStreamIndex;
                        return;
                    }
                    if (nakReason == FrontEndProtocol.NAK_OUT_OF_RANGE) {
                        throw new IllegalArgumentException("positionSteps = " + targetSteps
                                + " steps refused by the front-end as out of range");
                    }
                    if (nakReason != 0) {
                        throw new SerialFrontEndException("MOVE to " + targetSteps + " steps refused by the front-end ("
                                + nakName(nakReason) + ")");
                    }
                    if (closed) {
                        throw new SerialFrontEndException("MOVE to " + targetSteps + " steps: the front-end is closed");
                    }
                    long now = System.nanoTime();
                    if (now - start >= timeoutNanos) {
                        throw new SerialFrontEndException("MOVE to " + targetSteps + " steps not acknowledged within "
                                + settings.commandTimeoutSeconds() + " s (" + (connected ? "connected" : "disconnected: "
                                + lastFailure) + ")");
                    }
                    if (connected && (sentOnGeneration != connectionGeneration || now - resendAt >= 0)) {
                        if (send(FrontEndProtocol.TYPE_MOVE, commandId, targetSteps)) {
                            sentOnGeneration = connectionGeneration;
                            resendAt = now + retryNanos;
                        }
                    }
                    long waitNanos = Math.min(start + timeoutNanos - now, connected ? resendAt - now : timeoutNanos);
                    waitOn(lock, Math.max(waitNanos, 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SerialFrontEndException("MOVE to " + targetSteps + " steps: interrupted");
            } finally {
                awaitedCommandId = -1;
            }
        }
    }

    /**
     * The stream index of the first sample the device took after the last acknowledged move was
     * complete, from its ACK; {@link #EFFECTIVE_FROM_NEXT_SAMPLE} before any move.
     */
    @Override
    public long lastMoveEffectiveSampleIndex() {
        return lastMoveEffectiveStreamIndex;
    }

    /** Stops the I/O thread and closes the port; no sample is read after this. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        Thread reader = waitingReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
        LockSupport.unpark(ioThread);
        if (Thread.currentThread() != ioThread && ioThread.isAlive()) {
            try {
                // The I/O thread notices within one read poll and closes the port itself.
                ioThread.join(Math.max(1000, 20 * Math.round(settings.readPollSeconds() * 1000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- state and counters

    /** The INFO of the current (or last) session. */
    public FrontEndInfo deviceInfo() {
        return info;
    }

    /** Whether a session is up (handshake done, device not lost since). */
    public boolean connected() {
        return connected;
    }

    /** Sessions established (handshakes completed), the first one included. */
    public long connections() {
        return connections;
    }

    /** Sessions established after the first: automatic reconnections. */
    public long reconnects() {
        return Math.max(0, connections - 1);
    }

    /** Sessions lost (the device went away or stalled). */
    public long disconnects() {
        return disconnects;
    }

    /** Connection attempts that failed (port missing, no INFO, incompatible INFO). */
    public long failedAttempts() {
        return failedAttempts;
    }

    /** Why the last session ended or the last attempt failed. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Samples missing from the stream {@link #read} returns (see the class comment for how each is counted). */
    public long samplesLost() {
        return samplesLost;
    }

    /** Samples dropped because the ring was full (the reader fell behind); included in {@link #samplesLost}. */
    public long ringOverrunSamples() {
        return ringOverrunSamples;
    }

    /**
     * Sample frames with a valid CRC that were still refused: a code above the ADC's top code, or a
     * sample index that went backwards. Their samples never reach {@link #read}.
     */
    public long invalidSampleFrames() {
        return invalidSampleFrames;
    }

    /** Frames decoded (CRC matched), every session together. */
    public long framesDecoded() {
        return framesDecoded;
    }

    /** Candidate frames rejected by the decoder (bad version, type, length or CRC). */
    public long corruptFrames() {
        return corruptFrames;
    }

    /** Frames missing from the device's sequence numbers within sessions. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Bytes the decoder skipped: garbage and remains of rejected frames. */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    /**
     * Waits until at least {@code count} sessions have been established.
     *
     * @return whether that happened within {@code timeoutSeconds}
     */
    public boolean awaitConnections(long count, double timeoutSeconds) {
        return awaitCounter(true, count, timeoutSeconds);
    }

    /**
     * Waits until at least {@code count} sessions have been lost.
     *
     * @return whether that happened within {@code timeoutSeconds}
     */
    public boolean awaitDisconnects(long count, double timeoutSeconds) {
        return awaitCounter(false, count, timeoutSeconds);
    }

    private boolean awaitCounter(boolean connectionsCounter, long count, double timeoutSeconds) {
        long deadline = System.nanoTime() + seconds(timeoutSeconds);
        synchronized (lock) {
            while ((connectionsCounter ? connections : disconnects) < count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closed) {
                    return false;
                }
                try {
                    waitOn(lock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- I/O thread

    private void ioLoop() {
        long initialDelayNanos = seconds(settings.reconnectInitialDelaySeconds());
        long maxDelayNanos = seconds(settings.reconnectMaxDelaySeconds());
        long delayNanos = initialDelayNanos;
        try {
            while (!closed) {
                String failure = connectAndServe();
                boolean hadSession = handshakeDone;
                closePort();
                if (closed) {
                    break;
                }
                lastFailure = failure;
                if (hadSession) {
                    synchronized (lock) {
                        connected = false;
                        disconnects++;
                        lock.notifyAll();
                    }
                    Logger.warn("front-end at {} lost: {}; reconnecting", portPath, failure);
                    delayNanos = initialDelayNanos;
                    continue; // The first attempt goes at once: a glitch may already be over.
                }
                failedAttempts++;
                parkUntil(System.nanoTime() + delayNanos);
                delayNanos = Math.min(2 * delayNanos, maxDelayNanos);
            }
        } finally {
            closePort();
            connected = false;
        }
    }

    /** One attempt: open, handshake, stream until the device is lost. Returns why it ended. */
    private String connectAndServe() {
        handshakeDone = false;
        handshakeFailure = null;
        if (!Files.exists(Path.of(portPath))) {
            return "port " + portPath + " does not exist";
        }
        SerialPort opened;
        try {
            opened = SerialPort.getCommPort(portPath);
        } catch (RuntimeException e) {
            // jSerialComm throws SerialPortInvalidPortException when the path vanished meanwhile.
            return "port " + portPath + " cannot be resolved: " + e.getMessage();
        }
        if (!opened.openPort()) {
            return "port " + portPath + " cannot be opened (error " + opened.getLastErrorCode() + ")";
        }
        opened.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                (int) Math.max(1, Math.round(settings.readPollSeconds() * 1000)), WRITE_TIMEOUT_MILLIS);
        portDisconnected = false;
        opened.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                // Only a flag: reopening happens on the I/O thread, never inside this callback.
                portDisconnected = true;
            }
        });
        synchronized (writeLock) {
            port = opened;
        }
        decoder.discardPending();
        decoder.forgetSequence();
        // Whatever is already waiting was sent before this host's HELLO: it belongs to no session of ours.
        opened.flushIOBuffers();

        long now = System.nanoTime();
        long handshakeDeadline = now + seconds(settings.handshakeTimeoutSeconds());
        long helloRetryNanos = seconds(settings.helloRetrySeconds());
        long stallNanos = seconds(settings.stallTimeoutSeconds());
        long nextHello = now;
        while (!closed) {
            if (portDisconnected) {
                return "the port reported a disconnect";
            }
            now = System.nanoTime();
            if (!handshakeDone) {
                if (handshakeFailure != null) {
                    return handshakeFailure;
                }
                if (decoder.otherVersionSeen() != 0) {
                    return "the front-end speaks protocol version " + decoder.otherVersionSeen()
                            + "; this host speaks version " + FrontEndProtocol.VERSION;
                }
                if (now - handshakeDeadline >= 0) {
                    return "no INFO within " + settings.handshakeTimeoutSeconds() + " s of HELLO";
                }
                if (now - nextHello >= 0) {
                    if (!send(FrontEndProtocol.TYPE_HELLO, 0, FrontEndProtocol.VERSION)) {
                        return "writing HELLO failed";
                    }
                    nextHello = now + helloRetryNanos;
                }
            } else if (now - lastFrameNanos > stallNanos) {
                return "no frame for " + settings.stallTimeoutSeconds() + " s";
            }
            int n = opened.readBytes(readChunk, readChunk.length);
            if (n < 0) {
                return "reading the port returned -1 (device gone)";
            }
            if (n > 0) {
                decoder.accept(readChunk, 0, n, frameListener);
                publishDecoderCounters();
            }
        }
        return "closed";
    }

    private void onFrame(DecodedFrame frame) {
        lastFrameNanos = System.nanoTime();
        // Before the frame takes effect (samples in the ring, a MOVE answered): whoever sees that
        // effect sees the counters of everything that came before it.
        publishDecoderCounters();
        switch (frame.type()) {
            case FrontEndProtocol.TYPE_INFO -> onInfo(frame);
            case FrontEndProtocol.TYPE_SAMPLES16, FrontEndProtocol.TYPE_SAMPLES12 -> {
                // Before INFO the samples belong to a session this host did not start: ignore them.
                if (handshakeDone) {
                    onSamples(frame);
                }
            }
            case FrontEndProtocol.TYPE_ACK -> onAnswer(frame.u16(0), true, frame.i32(2), frame.u32(6), 0);
            case FrontEndProtocol.TYPE_NAK -> {
                if (!handshakeDone && frame.u16(0) == 0) {
                    handshakeFailure = "the front-end refused HELLO (" + nakName(frame.u8(2)) + ")";
                } else {
                    onAnswer(frame.u16(0), false, 0, 0, frame.u8(2));
                }
            }
            default -> { } // Host-to-device types: an echoing line; nothing to do.
        }
    }

    private void onInfo(DecodedFrame frame) {
        if (handshakeDone) {
            // The answer to a repeated HELLO: the device restarted its numbering (the decoder already
            // expects the number after this frame's), nothing else.
            return;
        }
        FrontEndInfo received;
        try {
            received = FrontEndInfo.from(frame);
        } catch (IllegalArgumentException e) {
            handshakeFailure = "invalid INFO: " + e.getMessage();
            return;
        }
        FrontEndInfo first = firstInfo;
        if (first != null && !sameDevice(first, received)) {
            handshakeFailure = "the front-end changed: first " + first + ", now " + received;
            Logger.error("front-end at {}: {}", portPath, handshakeFailure);
            return;
        }
        long now = System.nanoTime();
        if (first == null) {
            voltsPerCode = calibration.voltsPerCode(received.adcBits(), received.fullScaleVolts());
            voltsAtCodeZero = calibration.voltsAtCodeZero(received.fullScaleVolts());
            maxCode = received.maxCode();
            firstInfo = received;
        } else if (sampleIndexKnown) {
            FrontEndInfo previous = info;
            long gap = (received.nextSampleIndex() - expectedSampleIndex) & SAMPLE_INDEX_MASK;
            if (previous.bootId() != received.bootId() || gap >= HALF_INDEX_SPACE) {
                // Another numbering: the gap is only known from the host's clock, and is a gap even
                // when that rounds to nothing.
                gap = Math.max(1, Math.round((now - lastSampleNanos) * 1e-9 * received.sampleRateHz()));
            }
            samplesLost += gap;
            nextStreamIndex += gap;
            breakBeforeNextFrame |= gap > 0;
        }
        info = received;
        sampleIndexKnown = true;
        expectedSampleIndex = received.nextSampleIndex();
        lastSampleNanos = now;
        positionSteps = received.positionSteps();
        handshakeDone = true;
        synchronized (lock) {
            connected = true;
            connections++;
            connectionGeneration++;
            lock.notifyAll();
        }
        if (connections > 1) {
            Logger.info("front-end at {} reconnected (session {}, {} samples lost so far)", portPath, connections,
                    samplesLost);
        }
    }

    private static boolean sameDevice(FrontEndInfo a, FrontEndInfo b) {
        return a.adcBits() == b.adcBits() && a.sampleRateHz() == b.sampleRateHz()
                && a.fullScaleMicrovolts() == b.fullScaleMicrovolts() && a.minPositionSteps() == b.minPositionSteps()
                && a.maxPositionSteps() == b.maxPositionSteps();
    }

    private void onSamples(DecodedFrame frame) {
        int count = frame.sampleCodes(codes, 0);
        for (int i = 0; i < count; i++) {
            if (codes[i] > maxCode) {
                invalidSampleFrames++;
                return;
            }
        }
        long first = frame.firstSampleIndex();
        long gap = (first - expectedSampleIndex) & SAMPLE_INDEX_MASK;
        if (gap >= HALF_INDEX_SPACE) {
            invalidSampleFrames++; // Went backwards: a repeat, never delivered twice.
            return;
        }
        samplesLost += gap;
        nextStreamIndex += gap;
        breakBeforeNextFrame |= gap > 0;
        expectedSampleIndex = (first + count) & SAMPLE_INDEX_MASK;
        lastSampleNanos = lastFrameNanos;
        long written = samplesWritten;
        boolean gapRoom = !breakBeforeNextFrame || gapsPushed - gapsTaken < GAP_CAPACITY;
        if (ring.length - (written - samplesConsumed) < count || !gapRoom) {
            ringOverrunSamples += count;
            samplesLost += count;
            nextStreamIndex += count;
            breakBeforeNextFrame = true;
            return;
        }
        if (breakBeforeNextFrame) {
            long pushed = gapsPushed;
            int slot = (int) (pushed % GAP_CAPACITY);
            gapAtPosition[slot] = written;
            gapStreamIndex[slot] = nextStreamIndex;
            gapsPushed = pushed + 1;
            breakBeforeNextFrame = false;
        }
        nextStreamIndex += count;
        double scale = voltsPerCode;
        double bias = voltsAtCodeZero;
        for (int i = 0; i < count; i++) {
            ring[(int) ((written + i) & ringMask)] = codes[i] * scale + bias;
        }
        samplesWritten = written + count;
        Thread reader = waitingReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
    }

    private void onAnswer(int commandId, boolean ack, int positionReached, long effectiveDeviceIndex, int reason) {
        synchronized (lock) {
            if (commandId != awaitedCommandId) {
                return; // A late answer to a command already settled (or to a resent copy).
            }
            if (ack) {
                ackReceived = true;
                ackPositionSteps = positionReached;
                // The device's index, relative to the next sample this host expects from it.
                int ahead = (int) ((effectiveDeviceIndex - expectedSampleIndex) & SAMPLE_INDEX_MASK);
                ackEffectiveStreamIndex = Math.max(0, nextStreamIndex + ahead);
            } else {
                nakReason = reason;
            }
            lock.notifyAll();
        }
    }

    private void publishDecoderCounters() {
        framesDecoded = decoder.framesDecoded();
        corruptFrames = decoder.corruptFrames();
        droppedFrames = decoder.droppedFrames();
        bytesSkipped = decoder.bytesSkipped();
    }

    /** Encodes and writes one HELLO or MOVE; false when there is no port or the write fell short. */
    private boolean send(int type, int commandId, int value) {
        synchronized (writeLock) {
            SerialPort target = port;
            if (target == null) {
                return false;
            }
            int length = type == FrontEndProtocol.TYPE_HELLO ? encoder.hello(value) : encoder.move(commandId, value);
            return target.writeBytes(encoder.buffer(), length) == length;
        }
    }

    private void closePort() {
        synchronized (writeLock) {
            SerialPort open = port;
            port = null;
            if (open != null) {
                open.removeDataListener();
                open.closePort();
            }
        }
    }

    private void parkUntil(long deadlineNanos) {
        long remaining;
        while (!closed && (remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }

    private static void waitOn(Object monitor, long nanos) throws InterruptedException {
        monitor.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }

    private static long seconds(double seconds) {
        return Math.round(seconds * 1e9);
    }

    private static String nakName(int reason) {
        return switch (reason) {
            case FrontEndProtocol.NAK_OUT_OF_RANGE -> "OUT_OF_RANGE";
            case FrontEndProtocol.NAK_ACTUATOR_FAULT -> "ACTUATOR_FAULT";
            case FrontEndProtocol.NAK_UNSUPPORTED_VERSION -> "UNSUPPORTED_VERSION";
            case FrontEndProtocol.NAK_NO_SESSION -> "NO_SESSION";
            default -> "reason " + reason;
        };
    }
}
