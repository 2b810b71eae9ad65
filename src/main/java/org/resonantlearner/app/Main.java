package org.resonantlearner.app;

/** Entry point placeholder while the CLI is built. */
public final class Main {
    private Main() {}

    /** Runs the command line. */
    public static void main(String[] args) {
        System.out.println("resonant-learner");
    }
}
