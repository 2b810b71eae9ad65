package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A front-end played by the test over a socat pseudo-terminal pair: it writes exactly the frames the
 * test asks for (built by {@link ReferenceFrames}, numbered 0, 1, 2, … from each INFO on, as a device
 * numbers them), and hands what the host writes (HELLO, MOVE) to the test's answers. The answers run
 * on the device's reader thread, so a test can block in {@code SerialFrontEnd.open} or
 * {@code moveTo} while the device answers.
 */
final class ScriptedDevice implements AutoCloseable {
    /** Upper bound of every blocking wait for a frame from the host (s). */
    static final long WAIT_SECONDS = 10;

    /** A frame from the host: HELLO (value = protocol version) or MOVE (command id, value = target). */
    record HostFrame(int type, long sequence, int commandId, int value) {}

    /** What the device does when a frame arrives from the host. */
    interface Answer {
        /** Writes the answer (or nothing) to {@code device}. */
        void answer(ScriptedDevice device, HostFrame frame) throws IOException;
    }

    private final PtyPair pty;
    private final OutputStream toHost;
    private final BlockingQueue<HostFrame> received = new LinkedBlockingQueue<>();
    private final List<HostFrame> history = new ArrayList<>();
    private final Thread reader;
    private volatile Answer helloAnswer = (device, frame) -> { };
    private volatile Answer moveAnswer = (device, frame) -> { };
    private volatile Throwable failure;
    private long nextSequence;

    private ScriptedDevice(Path directory) throws IOException, InterruptedException {
        pty = PtyPair.start(directory);
        InputStream fromHost = new FileInputStream(pty.devicePath().toFile());
        toHost = new FileOutputStream(pty.devicePath().toFile());
        reader = Thread.ofPlatform().daemon().name("scripted-device").start(() -> readHost(fromHost));
    }

    /** Starts socat with its links in {@code directory} and serves the device end. */
    static ScriptedDevice start(Path directory) throws IOException, InterruptedException {
        return new ScriptedDevice(directory);
    }

    /** The path the host opens. */
    String hostPath() {
        return pty.hostPath();
    }

    /** Sets what the device does on each HELLO. */
    ScriptedDevice onHello(Answer answer) {
        helloAnswer = answer;
        return this;
    }

    /** Sets what the device does on each MOVE. */
    ScriptedDevice onMove(Answer answer) {
        moveAnswer = answer;
        return this;
    }

    /** Answers every HELLO with INFO carrying {@code infoPayload}. */
    ScriptedDevice answerHelloWith(byte[] infoPayload) {
        return onHello((device, frame) -> device.info(infoPayload));
    }

    /** Answers every MOVE with ACK at its target. */
    ScriptedDevice acknowledgeMoves() {
        return onMove((device, frame) -> device.ack(frame.commandId(), frame.value()));
    }

    /** Every frame received from the host so far, in order. */
    List<HostFrame> hostFrames() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The next frame from the host not yet taken, waiting up to {@link #WAIT_SECONDS}. */
    HostFrame nextHostFrame() throws InterruptedException {
        HostFrame frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame from the host within " + WAIT_SECONDS + " s");
        return frame;
    }

    /** INFO: restarts the numbering at 0, as a device does on HELLO. */
    private volatile long sampleIndexAfterLastFrame;

    synchronized void info(byte[] infoPayload) throws IOException {
        nextSequence = 0;
        send(FrontEndProtocol.TYPE_INFO, infoPayload);
    }

    /** SAMPLES16 from {@code firstSampleIndex}. */
    void samples16(long firstSampleIndex, int... codes) throws IOException {
        sampleIndexAfterLastFrame = firstSampleIndex + codes.length;
        send(FrontEndProtocol.TYPE_SAMPLES16, ReferenceFrames.samples16Payload(firstSampleIndex, codes));
    }

    /** ACK of {@code commandId} at {@code positionSteps}, effective from the sample after the last one sent. */
    void ack(int commandId, int positionSteps) throws IOException {
        send(FrontEndProtocol.TYPE_ACK, ReferenceFrames.ackPayload(commandId, positionSteps, sampleIndexAfterLastFrame));
    }

    /** NAK of {@code commandId} for {@code reason}. */
    void nak(int commandId, int reason) throws IOException {
        send(FrontEndProtocol.TYPE_NAK, ReferenceFrames.nakPayload(commandId, reason));
    }

    /** Writes a frame of {@code type} with the next sequence number. */
    synchronized void send(int type, byte[] payload) throws IOException {
        write(next(type, payload));
    }

    /** The frame of {@code type} with the next sequence number, not written: for a test to damage it. */
    synchronized byte[] next(int type, byte[] payload) {
        return ReferenceFrames.frame(type, nextSequence++, payload);
    }

    /** Writes raw bytes (garbage, damaged frames). */
    synchronized void write(byte[] bytes) throws IOException {
        toHost.write(bytes);
        toHost.flush();
    }

    /** Unplugs: socat ends, both links vanish. */
    void unplug() throws InterruptedException {
        pty.kill();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        pty.kill();
        reader.join(WAIT_SECONDS * 1000);
        toHost.close();
        if (failure != null) {
            throw new AssertionError("the scripted device failed", failure);
        }
    }

    private void readHost(InputStream fromHost) {
        // The host writes whole frames and nothing else; the pseudo-terminal may split or join them.
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] chunk = new byte[256];
        try (fromHost) {
            int n;
            while ((n = fromHost.read(chunk)) >= 0) {
                pending.write(chunk, 0, n);
                byte[] bytes = pending.toByteArray();
                int used = 0;
                while (bytes.length - used >= ReferenceFrames.HEADER) {
                    int length = (int) ReferenceFrames.getLe(bytes, used + 8, 2);
                    int frameBytes = ReferenceFrames.HEADER + length + ReferenceFrames.CRC;
                    if (bytes.length - used < frameBytes) {
                        break;
                    }
                    dispatch(ReferenceFrames.parse(java.util.Arrays.copyOfRange(bytes, used, used + frameBytes)));
                    used += frameBytes;
                }
                pending.reset();
                pending.write(bytes, used, bytes.length - used);
            }
        } catch (IOException e) {
            // The pseudo-terminal went away (unplugged or closed): the device stops.
        } catch (RuntimeException | AssertionError e) {
            failure = e;
        }
    }

    private void dispatch(ReferenceFrames.Frame frame) throws IOException {
        HostFrame host = switch (frame.type()) {
            case FrontEndProtocol.TYPE_HELLO -> new HostFrame(frame.type(), frame.sequence(), 0, frame.u8(0));
            case FrontEndProtocol.TYPE_MOVE -> new HostFrame(frame.type(), frame.sequence(), frame.u16(0),
                    frame.i32(2));
            default -> throw new AssertionError("the host sent a frame of type " + frame.type());
        };
        synchronized (history) {
            history.add(host);
        }
        received.add(host);
        (host.type() == FrontEndProtocol.TYPE_HELLO ? helloAnswer : moveAnswer).answer(this, host);
    }
}
