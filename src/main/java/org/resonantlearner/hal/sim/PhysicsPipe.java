package org.resonantlearner.hal.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;

/**
 * The simulated rig served over a byte pipe, for a device model that is not Java (the firmware's
 * native build, the simavr harness of the AVR firmware): the physics stays the project's own.
 *
 * <p>Requests on the input, replies on the output, all little-endian:
 * <ul>
 *   <li>{@code 'I'} (0x49) → u32 sample rate (Hz), i32 min steps, i32 max steps, i32 initial
 *       position (steps), f64 full scale (V), u8 ADC bits (the config's sensor);
 *   <li>{@code 'M'} (0x4D) + i32 steps → no reply; the actuator is at that position from the next
 *       sample on;
 *   <li>{@code 'S'} (0x53) + u16 n → n × f32 load volts, the next n samples of the stream (after the
 *       sensor model);
 *   <li>{@code 'Q'} (0x51) → a final line on the error stream, exit 0; end of input → exit 0.
 * </ul>
 * The k-th sample served is the rig's sample k; the consumer keeps its own count. Time is virtual:
 * the consumer paces. A mistake on the pipe (an unknown op, a position outside the range, a request
 * cut short) is one line on the error stream and exit code 2.
 */
public final class PhysicsPipe {
    /** Request: the rig's facts. */
    public static final int OP_INFO = 'I';
    /** Request: move the actuator. */
    public static final int OP_MOVE = 'M';
    /** Request: the next n samples. */
    public static final int OP_SAMPLES = 'S';
    /** Request: quit. */
    public static final int OP_QUIT = 'Q';
    /** Bytes of the reply to {@code 'I'}. */
    public static final int INFO_BYTES = 4 + 4 + 4 + 4 + 8 + 1;
    /** Exit code of a clean end. */
    public static final int EXIT_OK = 0;
    /** Exit code of a mistake on the pipe. */
    public static final int EXIT_PIPE_ERROR = 2;

    /**
     * What {@code 'I'} reports.
     *
     * @param sampleRateHz samples per second of the stream
     * @param minPositionSteps lowest actuator position
     * @param maxPositionSteps highest actuator position
     * @param initialPositionSteps the actuator's position before the first move
     * @param fullScaleVolts the sensor's full-scale span (V)
     * @param adcBits the sensor's resolution
     */
    public record Facts(long sampleRateHz, int minPositionSteps, int maxPositionSteps, int initialPositionSteps,
            double fullScaleVolts, int adcBits) {}

    private final SampleSource source;
    private final TuningActuator actuator;
    private final Facts facts;
    private long samplesServed;
    private long moves;
    private double[] volts = new double[0];
    private byte[] reply = new byte[0];

    /** Serves {@code source} and {@code actuator}, whose facts are {@code facts}. */
    public PhysicsPipe(SampleSource source, TuningActuator actuator, Facts facts) {
        this.source = source;
        this.actuator = actuator;
        this.facts = facts;
    }

    /** Samples served so far. */
    public long samplesServed() {
        return samplesServed;
    }

    /** Moves applied so far. */
    public long moves() {
        return moves;
    }

    /**
     * Serves requests from {@code in} until {@code 'Q'}, the end of {@code in} or a mistake.
     *
     * @return {@link #EXIT_OK}, or {@link #EXIT_PIPE_ERROR} after a mistake (its line is on {@code err})
     * @throws IOException when the output cannot be written (the consumer went away)
     */
    public int serve(InputStream in, OutputStream out, PrintStream err) throws IOException {
        DataInputStream requests = new DataInputStream(in);
        while (true) {
            int op = requests.read();
            if (op < 0) {
                return EXIT_OK;
            }
            try {
                switch (op) {
                    case OP_INFO -> {
                        out.write(info());
                        out.flush();
                    }
                    case OP_MOVE -> move(Integer.reverseBytes(requests.readInt()));
                    case OP_SAMPLES -> {
                        int n = Short.toUnsignedInt(Short.reverseBytes(requests.readShort()));
                        out.write(samples(n), 0, 4 * n);
                        out.flush();
                    }
                    case OP_QUIT -> {
                        err.printf("physics-server: quit after %d samples and %d moves, at %d steps%n",
                                samplesServed, moves, actuator.positionSteps());
                        return EXIT_OK;
                    }
                    default -> {
                        err.printf("physics-server: unknown request byte 0x%02X at sample %d%n", op, samplesServed);
                        return EXIT_PIPE_ERROR;
                    }
                }
            } catch (EOFException e) {
                err.printf("physics-server: request 0x%02X cut short by the end of input%n", op);
                return EXIT_PIPE_ERROR;
            } catch (IllegalArgumentException e) {
                err.printf("physics-server: request 0x%02X refused: %s%n", op, e.getMessage());
                return EXIT_PIPE_ERROR;
            }
        }
    }

    private byte[] info() {
        ByteBuffer b = ByteBuffer.allocate(INFO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) facts.sampleRateHz()).putInt(facts.minPositionSteps()).putInt(facts.maxPositionSteps())
                .putInt(facts.initialPositionSteps()).putDouble(facts.fullScaleVolts()).put((byte) facts.adcBits());
        return b.array();
    }

    private void move(int steps) {
        actuator.moveTo(steps);
        moves++;
    }

    private byte[] samples(int n) {
        if (volts.length < n) {
            volts = new double[n];
            reply = new byte[4 * n];
        }
        int filled = 0;
        while (filled < n) {
            int read = source.read(volts, filled, n - filled);
            if (read < 0) {
                throw new IllegalArgumentException("the simulated stream ended after " + (samplesServed + filled)
                        + " samples");
            }
            filled += read;
        }
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits((float) volts[i]);
            reply[4 * i] = (byte) bits;
            reply[4 * i + 1] = (byte) (bits >>> 8);
            reply[4 * i + 2] = (byte) (bits >>> 16);
            reply[4 * i + 3] = (byte) (bits >>> 24);
        }
        samplesServed += n;
        return reply;
    }
}
