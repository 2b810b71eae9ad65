package org.resonantlearner.hal.serial;

import java.util.Locale;

/**
 * What a {@link FrontEndEmulator} did, as counted on the device side: frames sent, the fate of every
 * sample frame it took, and the samples that never reached the host, by cause. A host's lost-sample
 * count inside its sessions should equal {@link #samplesLostInSessions()}.
 *
 * @param framesSent frames written to the host, all types (a damaged frame counts: it was sent)
 * @param sampleFramesSent sample frames sent undamaged
 * @param sampleFramesDamaged sample frames sent with flipped bits (the host's decoder rejects each)
 * @param sampleFramesDropped sample frames not sent by {@code --drop-rate}
 * @param samplesTaken every sample the device took since power-up
 * @param samplesDelivered samples in undamaged sample frames sent
 * @param samplesDamaged samples in damaged frames
 * @param samplesDropped samples in dropped frames
 * @param samplesUnplugged samples taken while the link was unplugged, or queued when it went down
 * @param samplesStalled samples taken during a stall
 * @param samplesOverrun samples that found the output buffer full (the host was not reading) or were
 *     still queued when a HELLO started a new session
 * @param samplesBeforeFirstHello samples taken before the first session began
 * @param samplesBetweenSessions samples taken while no session was up, after the first one
 * @param unplugs unplugs done
 * @param hellosAnswered HELLOs answered with INFO
 * @param sessionsLost sessions that ended without an unplug (the link failed, or the host stopped
 *     reading for {@link FrontEndEmulator#HOST_GONE_SECONDS} s)
 * @param movesExecuted MOVE commands executed
 * @param hostFramesCorrupt candidate frames from the host that the device's decoder rejected
 */
public record EmulatorCounters(long framesSent, long sampleFramesSent, long sampleFramesDamaged,
        long sampleFramesDropped, long samplesTaken, long samplesDelivered, long samplesDamaged, long samplesDropped,
        long samplesUnplugged, long samplesStalled, long samplesOverrun, long samplesBeforeFirstHello,
        long samplesBetweenSessions, long unplugs, long hellosAnswered, long sessionsLost, long movesExecuted,
        long hostFramesCorrupt) {

    /** Samples not delivered, every cause. */
    public long samplesNotDelivered() {
        return samplesDamaged + samplesDropped + samplesUnplugged + samplesStalled + samplesOverrun
                + samplesBeforeFirstHello + samplesBetweenSessions;
    }

    /**
     * Samples not delivered after the first HELLO: the host that stayed on sees each of them as a gap
     * in the sample indices (those between sessions only when it reconnects to the same boot id).
     */
    public long samplesLostInSessions() {
        return samplesNotDelivered() - samplesBeforeFirstHello;
    }

    /** One JSON object on one line. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"framesSent\":%d,\"sampleFramesSent\":%d,\"sampleFramesDamaged\":%d,"
                + "\"sampleFramesDropped\":%d,\"samplesTaken\":%d,\"samplesDelivered\":%d,"
                + "\"samplesNotDelivered\":{\"damaged\":%d,\"dropped\":%d,\"unplugged\":%d,\"stalled\":%d,"
                + "\"overrun\":%d,\"beforeFirstHello\":%d,\"betweenSessions\":%d},\"samplesLostInSessions\":%d,"
                + "\"unplugs\":%d,\"hellosAnswered\":%d,\"sessionsLost\":%d,\"movesExecuted\":%d,"
                + "\"hostFramesCorrupt\":%d}",
                framesSent, sampleFramesSent, sampleFramesDamaged, sampleFramesDropped, samplesTaken, samplesDelivered,
                samplesDamaged, samplesDropped, samplesUnplugged, samplesStalled, samplesOverrun,
                samplesBeforeFirstHello, samplesBetweenSessions, samplesLostInSessions(), unplugs, hellosAnswered,
                sessionsLost, movesExecuted, hostFramesCorrupt);
    }
}
