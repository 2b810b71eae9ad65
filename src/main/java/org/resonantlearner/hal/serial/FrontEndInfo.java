package org.resonantlearner.hal.serial;

import org.resonantlearner.check.Check;

/**
 * What a front-end reports in its INFO frame, the answer to HELLO.
 *
 * @param protocolVersion protocol version the device speaks in this session
 * @param firmwareMajor firmware version, major
 * @param firmwareMinor firmware version, minor
 * @param firmwarePatch firmware version, patch
 * @param adcBits ADC resolution, 1 .. 16 bits (12 at most for SAMPLES12)
 * @param sampleFrameType the sample frame type it streams: {@code TYPE_SAMPLES16} or {@code TYPE_SAMPLES12}
 * @param samplesPerFrame samples in each sample frame, 1 .. {@code MAX_SAMPLES_PER_FRAME}
 * @param sampleRateHz samples per second, integral, ≥ 1
 * @param fullScaleMicrovolts input span from code 0 to the top code (µV), biased so 0 V at the load reads mid-scale
 * @param minPositionSteps lowest actuator position (steps)
 * @param maxPositionSteps highest actuator position (steps)
 * @param positionSteps actuator position at the time of the answer (steps)
 * @param bootId a number the device draws at power-up: the same value means the device was not reset
 * @param nextSampleIndex index (mod 2^32) the next sample frame's first sample will carry
 */
public record FrontEndInfo(int protocolVersion, int firmwareMajor, int firmwareMinor, int firmwarePatch,
        int adcBits, int sampleFrameType, int samplesPerFrame, long sampleRateHz, long fullScaleMicrovolts,
        int minPositionSteps, int maxPositionSteps, int positionSteps, long bootId, long nextSampleIndex) {

    /** Validates every field against the wire format and against each other. */
    public FrontEndInfo {
        Check.inRange("protocolVersion", protocolVersion, "", 1, 255);
        Check.inRange("firmwareMajor", firmwareMajor, "", 0, 255);
        Check.inRange("firmwareMinor", firmwareMinor, "", 0, 255);
        Check.inRange("firmwarePatch", firmwarePatch, "", 0, 255);
        if (sampleFrameType != FrontEndProtocol.TYPE_SAMPLES16 && sampleFrameType != FrontEndProtocol.TYPE_SAMPLES12) {
            throw new IllegalArgumentException("sampleFrameType = " + sampleFrameType + " is invalid: allowed "
                    + FrontEndProtocol.TYPE_SAMPLES16 + " (SAMPLES16) or " + FrontEndProtocol.TYPE_SAMPLES12
                    + " (SAMPLES12)");
        }
        Check.inRange("adcBits", adcBits, "bits", 1, sampleFrameType == FrontEndProtocol.TYPE_SAMPLES12 ? 12 : 16);
        Check.inRange("samplesPerFrame", samplesPerFrame, "samples", 1, FrontEndProtocol.MAX_SAMPLES_PER_FRAME);
        if (sampleFrameType == FrontEndProtocol.TYPE_SAMPLES12 && samplesPerFrame % 2 != 0) {
            throw new IllegalArgumentException("samplesPerFrame = " + samplesPerFrame
                    + " samples is invalid: SAMPLES12 needs an even count");
        }
        Check.inRange("sampleRateHz", sampleRateHz, "Hz", 1, 0xFFFF_FFFFL);
        Check.inRange("fullScaleMicrovolts", fullScaleMicrovolts, "uV", 1, 0xFFFF_FFFFL);
        if (minPositionSteps > maxPositionSteps) {
            throw new IllegalArgumentException("maxPositionSteps = " + maxPositionSteps
                    + " steps is invalid: allowed a value >= minPositionSteps (" + minPositionSteps + " steps)");
        }
        Check.inRange("bootId", bootId, "", 0, 0xFFFF_FFFFL);
        Check.inRange("nextSampleIndex", nextSampleIndex, "", 0, 0xFFFF_FFFFL);
    }

    /** The input span (V). */
    public double fullScaleVolts() {
        return fullScaleMicrovolts * 1e-6;
    }

    /** Highest ADC code, 2^adcBits − 1. */
    public int maxCode() {
        return (1 << adcBits) - 1;
    }

    /** Reads an INFO frame; throws {@link IllegalArgumentException} when a field is out of range. */
    public static FrontEndInfo from(DecodedFrame frame) {
        if (frame.type() != FrontEndProtocol.TYPE_INFO) {
            throw new IllegalArgumentException("expected an INFO frame, got " + FrontEndProtocol.typeName(frame.type()));
        }
        return new FrontEndInfo(frame.u8(0), frame.u8(1), frame.u8(2), frame.u8(3), frame.u8(4), frame.u8(5),
                frame.u16(6), frame.u32(8), frame.u32(12), frame.i32(16), frame.i32(20), frame.i32(24),
                frame.u32(28), frame.u32(32));
    }

    /** The same description with a new position and next sample index (for a device answering HELLO again). */
    public FrontEndInfo at(int newPositionSteps, long newNextSampleIndex) {
        return new FrontEndInfo(protocolVersion, firmwareMajor, firmwareMinor, firmwarePatch, adcBits,
                sampleFrameType, samplesPerFrame, sampleRateHz, fullScaleMicrovolts, minPositionSteps,
                maxPositionSteps, newPositionSteps, bootId, newNextSampleIndex);
    }
}
