package org.resonantlearner.hal;

/**
 * A device behaved in a way no working device does (a converter that does not answer, a ready line
 * that never pulses, a home switch that never trips): an operational failure, not a bug. The
 * message names the device and what to check; the command line prints it as one line.
 */
public class DeviceFaultException extends IllegalStateException {

    /** Creates the exception with a message naming the device. */
    public DeviceFaultException(String message) {
        super(message);
    }
}
