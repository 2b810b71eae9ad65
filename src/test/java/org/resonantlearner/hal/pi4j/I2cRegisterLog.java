package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.i2c.I2C;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mockito {@link I2C} whose register writes and reads land in a shared event log as
 * {@code "W 0x01 C3 83"} / {@code "R 0x00 -> 40 00"}, and whose register reads answer from queued
 * 16-bit words (the last word of a register repeats when its queue runs dry).
 */
final class I2cRegisterLog {
    final I2C i2c = mock(I2C.class);
    private final Map<Integer, ArrayDeque<Integer>> answers = new HashMap<>();

    I2cRegisterLog(List<String> log) {
        doAnswer(call -> {
            int register = call.getArgument(0);
            byte[] data = call.getArgument(1);
            int offset = call.getArgument(2);
            int length = call.getArgument(3);
            log.add(String.format("W 0x%02X%s", register, hex(data, offset, length)));
            return length;
        }).when(i2c).writeRegister(anyInt(), any(byte[].class), anyInt(), anyInt());
        doAnswer(call -> {
            int register = call.getArgument(0);
            byte[] data = call.getArgument(1);
            int offset = call.getArgument(2);
            int length = call.getArgument(3);
            ArrayDeque<Integer> queue = answers.get(register);
            int word = queue.size() > 1 ? queue.poll() : queue.peek();
            data[offset] = (byte) (word >> 8);
            data[offset + 1] = (byte) word;
            log.add(String.format("R 0x%02X ->%s", register, hex(data, offset, length)));
            return length;
        }).when(i2c).readRegister(anyInt(), any(byte[].class), anyInt(), anyInt());
    }

    /** Queues 16-bit words that reads of {@code register} return, in order. */
    I2cRegisterLog answer(int register, int... words) {
        ArrayDeque<Integer> queue = answers.computeIfAbsent(register, r -> new ArrayDeque<>());
        for (int word : words) {
            queue.add(word);
        }
        return this;
    }

    static String hex(byte[] data, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(String.format(" %02X", data[offset + i] & 0xFF));
        }
        return text.toString();
    }
}
