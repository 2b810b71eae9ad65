package org.resonantlearner.app;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class: says in one line that Java 21 is needed when started on an older Java,
 * else hands over to {@link Main}.
 *
 * <p>Compiled for Java 8 (its own execution of the compiler in pom.xml), so that any Java from 8 on
 * can load it and print the message instead of an {@code UnsupportedClassVersionError}. It must
 * therefore use only Java 8 API and refer to {@link Main} by name, never by a class literal: a
 * Java 17 JVM would fail to load Main's class file before the check ran.
 */
public final class Launcher {
    /** The oldest Java the rest of the jar runs on (class files of release 21, Pi4J 3). */
    static final int REQUIRED_FEATURE_VERSION = 21;
    /** Exit code when started on a Java that is too old (the code of an invalid invocation). */
    static final int EXIT_TOO_OLD = 2;
    private static final String MAIN_CLASS = "org.resonantlearner.app.Main";

    private Launcher() {}

    /** Checks the running Java's version, then runs {@link Main} with the same arguments. */
    public static void main(String[] args) throws Throwable {
        String error = versionError(System.getProperty("java.specification.version"),
                System.getProperty("java.home"));
        if (error != null) {
            System.err.println(error);
            System.exit(EXIT_TOO_OLD);
        }
        // invokeExact rethrows what Main throws, unwrapped, as if Main were the Main-Class.
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(MAIN_CLASS), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /**
     * The one-line error for a Java whose {@code java.specification.version} is {@code specVersion}
     * ("1.8", "17", "21") and whose {@code java.home} is {@code javaHome}, or null when it is new enough.
     */
    static String versionError(String specVersion, String javaHome) {
        int feature = featureVersion(specVersion);
        if (feature >= REQUIRED_FEATURE_VERSION) {
            return null;
        }
        String java = javaHome + File.separator + "bin" + File.separator + "java";
        return "error: resonant-learner needs Java " + REQUIRED_FEATURE_VERSION + " or newer; this is Java "
                + specVersion + " (" + java + ")";
    }

    /** The feature version of a specification version: 8 for "1.8", 17 for "17"; 0 when unreadable. */
    static int featureVersion(String specVersion) {
        if (specVersion == null) {
            return 0;
        }
        String version = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
