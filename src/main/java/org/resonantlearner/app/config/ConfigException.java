package org.resonantlearner.app.config;

/**
 * A configuration that cannot run: the message is one line naming the key, the value, its unit and
 * the allowed range (or the file and what is wrong with it). The CLI prints it and exits with 2.
 */
public final class ConfigException extends RuntimeException {
    /** Creates the exception with its one-line message. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates the exception with its one-line message and the parse error behind it. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
