package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal host for the emulator's tests: the host end of a link opened as files, a reader thread
 * decoding what arrives with the project's decoder, and the decoded frames in a queue. Not the
 * service's SerialFrontEnd: these tests are about the device.
 */
final class HostEnd implements AutoCloseable {
    /** One decoded frame: type, sequence, first sample index (sample frames), codes (sample frames), payload. */
    record Frame(int type, long sequence, long firstIndex, int[] codes, byte[] payload, long arrivalNanos) {
        long u32(int at) {
            return (payload[at] & 0xFFL) | (payload[at + 1] & 0xFFL) << 8 | (payload[at + 2] & 0xFFL) << 16
                    | (payload[at + 3] & 0xFFL) << 24;
        }

        boolean sampleFrame() {
            return type == FrontEndProtocol.TYPE_SAMPLES12 || type == FrontEndProtocol.TYPE_SAMPLES16;
        }
    }

    /** Marks the end of the input (the port failed or ended). */
    static final Frame END = new Frame(-1, 0, 0, new int[0], new byte[0], 0);

    final FrameDecoder decoder = new FrameDecoder();
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final FrameEncoder encoder = new FrameEncoder();
    private final Thread reader;
    volatile IOException failure;

    HostEnd(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        reader = Thread.ofPlatform().daemon().name("test-host").start(this::read);
    }

    static HostEnd open(String path) throws IOException {
        FileInputStream in = new FileInputStream(path);
        return new HostEnd(in, new FileOutputStream(path));
    }

    private void read() {
        byte[] chunk = new byte[4096];
        FrameDecoder.Listener listener = frame -> {
            byte[] payload = new byte[frame.payloadBytes()];
            frame.copyPayload(payload, 0);
            boolean samples = frame.type() == FrontEndProtocol.TYPE_SAMPLES12
                    || frame.type() == FrontEndProtocol.TYPE_SAMPLES16;
            int[] codes = new int[samples ? frame.sampleCount() : 0];
            if (samples) {
                frame.sampleCodes(codes, 0);
            }
            frames.add(new Frame(frame.type(), frame.sequence(), samples ? frame.firstSampleIndex() : -1, codes,
                    payload, System.nanoTime()));
        };
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                synchronized (decoder) {
                    decoder.accept(chunk, 0, n, listener);
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            frames.add(END);
        }
    }

    void hello() throws IOException {
        out.write(encoder.buffer(), 0, encoder.hello(FrontEndProtocol.VERSION));
        out.flush();
    }

    void move(int id, int target) throws IOException {
        out.write(encoder.buffer(), 0, encoder.move(id, target));
        out.flush();
    }

    /** The next frame (END at the end of input), or null after {@code seconds}. */
    Frame poll(double seconds) throws InterruptedException {
        return frames.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** The next frame of {@code type}, skipping others; fails after {@code seconds}. */
    Frame await(int type, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(frame, "no frame of type " + type + " within " + seconds + " s");
            if (frame.type() == type || frame == END) {
                return frame;
            }
        }
    }

    /** Waits for the end of input (the port failed); true when it came within {@code seconds}. */
    boolean awaitEnd(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == END) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        try (in; out) {
            reader.interrupt();
        }
    }
}
