package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.DeviceFaultException;

/** The home switch did not trip within the allowed number of steps; the position is unknown. */
public final class HomingFailedException extends DeviceFaultException {

    /** Creates the exception with a message naming the step budget and the setting that bounds it. */
    public HomingFailedException(String message) {
        super(message);
    }
}
