package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar's Main-Class on a Java too old for the rest of the jar (issue 9: {@code java -jar} under
 * Java 17 failed with an {@code UnsupportedClassVersionError}): one line naming the Java, exit 2.
 */
class LauncherTest {
    /** Class file major version of Java 8 (JVMS 4.1: 44 + feature version). */
    private static final int JAVA_8_CLASS_MAJOR = 52;

    @Test
    void java17GetsOneLineNamingItsVersionAndItsJava() {
        // The wording of the fix, written out by hand.
        assertEquals("error: resonant-learner needs Java 21 or newer; this is Java 17 (/opt/jdk-17/bin/java)",
                Launcher.versionError("17", "/opt/jdk-17"));
        assertEquals("error: resonant-learner needs Java 21 or newer; this is Java 1.8 (/opt/jdk8/jre/bin/java)",
                Launcher.versionError("1.8", "/opt/jdk8/jre"));
        assertTrue(Launcher.versionError("20", "/j") != null, "20 is one short of 21");
    }

    @Test
    void java21AndNewerPassTheCheck() {
        assertNull(Launcher.versionError("21", "/j"));
        assertNull(Launcher.versionError("25", "/j"));
        assertNull(Launcher.versionError("100", "/j"));
    }

    @Test
    void featureVersionsAreReadFromOldAndNewSpecificationVersions() {
        assertEquals(8, Launcher.featureVersion("1.8"));
        assertEquals(17, Launcher.featureVersion("17"));
        assertEquals(21, Launcher.featureVersion("21.0"));
        assertEquals(0, Launcher.featureVersion("unknown"));
        assertEquals(0, Launcher.featureVersion(null));
    }

    @Test
    void theLauncherIsCompiledForJava8SoThatAnOldJavaCanLoadIt() throws IOException {
        // pom.xml compiles Launcher in its own execution with release 8; without it the class is 65 (Java 21).
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class");
                DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort(); // minor version
            assertEquals(JAVA_8_CLASS_MAJOR, data.readUnsignedShort());
        }
    }

    @Test
    void onAJavaOf21OrNewerTheLauncherRunsTheCommandLine() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Child child = run(java, "--version");
        assertEquals(0, child.exitCode(), child.output());
        assertTrue(child.output().startsWith("resonant-learner "), child.output());
    }

    @Test
    void onARealJava17TheLauncherPrintsOneLineAndExits2() throws IOException, InterruptedException {
        Path oldJava = requireOldJava();
        Child child = run(oldJava.toString(), "run", "--duration", "1");
        List<String> lines = child.output().lines().toList();
        assertEquals(1, lines.size(), child.output());
        assertTrue(lines.get(0).startsWith("error: resonant-learner needs Java 21 or newer; this is Java "),
                child.output());
        assertTrue(lines.get(0).endsWith("(" + realJava(oldJava) + ")"), child.output());
        assertEquals(Launcher.EXIT_TOO_OLD, child.exitCode());
    }

    private record Child(int exitCode, String output) {}

    private static Child run(String java, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Child(child.waitFor(), out);
    }

    /**
     * A {@code bin/java} under /usr/lib/jvm whose release file says JAVA_VERSION below 21; none is a
     * skip, or a failure when CI is set (the old-Java checks must run there).
     */
    static Path requireOldJava() throws IOException {
        Optional<Path> oldJava = oldJava();
        String ci = System.getenv("CI");
        if (oldJava.isEmpty() && ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            fail("no Java older than 21 under /usr/lib/jvm, and CI is set: install openjdk-17-jre-headless");
        }
        assumeTrue(oldJava.isPresent(), "no Java older than 21 under /usr/lib/jvm (apt-get install"
                + " openjdk-17-jre-headless); skipping the old-Java checks");
        return oldJava.get();
    }

    /** The real path of the {@code java} a message names for {@code java} (java.home is the real directory). */
    static Path realJava(Path java) throws IOException {
        return java.getParent().getParent().toRealPath().resolve("bin/java");
    }

    private static Optional<Path> oldJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> {
                        int feature = releaseFeatureVersion(home);
                        return feature > 0 && feature < Launcher.REQUIRED_FEATURE_VERSION;
                    })
                    .sorted().map(home -> home.resolve("bin/java")).findFirst();
        }
    }

    /** The feature version in {@code home/release} (JAVA_VERSION="17.0.15"), 0 when there is none. */
    private static int releaseFeatureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Launcher.featureVersion(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
