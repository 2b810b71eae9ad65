package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hardware/deploy/install.sh} staged into a temporary root, as the Pi would get it (issue 9:
 * the hardware guides say {@code rl selftest}, but the deploy steps installed no {@code rl}).
 */
class InstallScriptTest {
    private static final Path DEPLOY = Path.of("hardware", "deploy");

    @TempDir
    Path directory;

    @Test
    void theInstallPutsEveryFileInPlaceAndItsRlRunsTheJar() throws IOException, InterruptedException {
        Path root = directory.resolve("root");
        Child install = run(Map.of(), "bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(),
                "--no-systemctl", "--jar", thinJar().toString());
        assertEquals(0, install.exitCode(), install.output());

        assertTrue(Files.isRegularFile(root.resolve("opt/resonant-learner/resonant-learner.jar")));
        assertEquals(Files.readString(Path.of("README.md")),
                Files.readString(root.resolve("opt/resonant-learner/README.md")));
        assertEquals(Files.readString(DEPLOY.resolve("config-serial.json")),
                Files.readString(root.resolve("etc/resonant-learner/config.json")));
        assertTrue(Files.isDirectory(root.resolve("var/lib/resonant-learner")));
        assertTrue(Files.isRegularFile(root.resolve("etc/udev/rules.d/99-resonant-learner.rules")));
        Path unit = root.resolve("etc/systemd/system/resonant-learner.service");

        // The unit's command is one the install provides, and it runs the installed jar.
        Matcher execStart = Pattern.compile("(?m)^ExecStart=(\\S+) (.*)$").matcher(Files.readString(unit));
        assertTrue(execStart.find(), "ExecStart in " + unit);
        Path command = root.resolve(execStart.group(1).substring(1));
        assertTrue(Files.isExecutable(command), command + " is installed and executable");
        Child version = run(Map.of("JAVA_HOME", currentJavaHome()), command.toString(), "--version");
        assertEquals(0, version.exitCode(), version.output());
        assertEquals("resonant-learner dev", version.output().strip(), "Main, through the jar's Launcher");
    }

    @Test
    void aSecondInstallKeepsTheConfigTheLabHasEdited() throws IOException, InterruptedException {
        Path root = directory.resolve("root");
        String jar = thinJar().toString();
        run(Map.of(), "bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--no-systemctl",
                "--jar", jar);
        Path config = root.resolve("etc/resonant-learner/config.json");
        Files.writeString(config, "{\"mode\": \"serial\", \"serial\": {\"port\": \"/dev/ttyACM7\"}}\n");
        Child again = run(Map.of(), "bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(),
                "--no-systemctl", "--jar", jar, "--config", DEPLOY.resolve("config-pi4j.json").toString());
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("{\"mode\": \"serial\", \"serial\": {\"port\": \"/dev/ttyACM7\"}}\n", Files.readString(config));
    }

    @Test
    void theInstalledRlRefusesAnOldJavaInOneLine() throws IOException, InterruptedException {
        Path oldJava = LauncherTest.requireOldJava();
        Path root = directory.resolve("root");
        run(Map.of(), "bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--no-systemctl",
                "--jar", thinJar().toString());
        Child child = run(Map.of("JAVA_HOME", oldJava.getParent().getParent().toString()),
                root.resolve("usr/local/bin/rl").toString(), "selftest");
        assertEquals(2, child.exitCode(), child.output());
        List<String> lines = child.output().lines().toList();
        assertEquals(1, lines.size(), child.output());
        assertTrue(lines.get(0).startsWith("rl: resonant-learner needs Java 21 or newer; this is Java 1"), lines.get(0));
    }

    /**
     * A jar like the shaded one where it matters here: Main-Class {@link Launcher}, and this test's
     * classpath (the compiled classes and the dependencies) by reference, so no package step is needed.
     */
    private Path thinJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path jar = directory.resolve("resonant-learner.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
        return jar;
    }

    private static String currentJavaHome() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString();
    }

    private record Child(int exitCode, String output) {}

    private static Child run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Child(child.waitFor(), out);
    }
}
