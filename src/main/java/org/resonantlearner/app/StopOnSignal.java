package org.resonantlearner.app;

import java.util.concurrent.CountDownLatch;
import org.resonantlearner.loop.ServiceLoop;

/**
 * SIGTERM and Ctrl-C for {@code run}, from the command's first instant: the JVM's shutdown hook asks
 * the loop to stop (or, before there is a loop, marks the stop for the command to see), then waits
 * until the command has closed its record and put the actuator in its safe state, and ends the
 * process with the command's own exit code. Without it the JVM would exit 143 mid-write.
 */
final class StopOnSignal {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "stop-on-signal");
    private volatile boolean requested;
    private volatile ServiceLoop loop;
    private volatile int exitCode;

    private StopOnSignal() {}

    /** Registers the hook; call before anything is created. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** True once a signal asked the command to stop. */
    boolean requested() {
        return requested;
    }

    /** The loop a later signal stops; stops it at once when a signal came already. */
    void attach(ServiceLoop serviceLoop) {
        loop = serviceLoop;
        // Either the hook sees the loop or this sees the request (both fields are volatile).
        if (requested) {
            serviceLoop.requestStop();
        }
    }

    /**
     * The command is done: a waiting hook ends the process with {@code code}; otherwise the hook is
     * removed (a test's JVM runs on).
     */
    void done(int code) {
        exitCode = code;
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is stopping on a signal: the hook is waiting for this call and ends the process.
        }
    }

    private void onSignal() {
        requested = true;
        ServiceLoop current = loop;
        if (current != null) {
            current.requestStop();
        }
        try {
            done.await();
            // halt, not exit: the JVM is already shutting down, and the record is closed.
            Runtime.getRuntime().halt(exitCode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
