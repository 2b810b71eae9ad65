import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The mutation gate: reads PIT's {@code mutations.xml}, prints the share of mutants killed per
 * package (and per class below the threshold), and exits 1 when a package is below the threshold or
 * a class that must be fully covered has a mutant no test runs.
 *
 * <p>Run by {@code src/bin/rl mutation} as a single-file program ({@code java MutationScore.java
 * FILE}), so it needs no build of its own. Every package in the report is held to the same
 * threshold: a new package joins the gate as soon as PIT mutates it. {@code --partial} judges a run
 * narrowed with {@code -DtargetClasses}: the packages it mutated, without requiring the classes
 * above to be in it.
 */
public final class MutationScore {
    /** Share of mutants a package must kill (%). */
    static final double THRESHOLD_PERCENT = 85.0;

    /** Classes on the control path where no mutant may be left without a test that runs it. */
    static final List<String> FULLY_COVERED_CLASSES = List.of(
            "org.resonantlearner.control.SafetyLimits",
            "org.resonantlearner.loop.ServiceLoop",
            "org.resonantlearner.harvest.PowerMeter",
            "org.resonantlearner.hal.serial.FrameDecoder");

    private static final class Tally {
        int mutants;
        int killed;
        int survived;
        int noCoverage;

        void add(String status, boolean detected) {
            mutants++;
            if (detected) {
                killed++;
            } else if (status.equals("NO_COVERAGE")) {
                noCoverage++;
            } else {
                survived++;
            }
        }

        double percent() {
            return mutants == 0 ? 100.0 : 100.0 * killed / mutants;
        }
    }

    private MutationScore() {}

    public static void main(String[] args) throws Exception {
        boolean partial = args.length == 2 && args[0].equals("--partial");
        if (args.length != 1 && !partial) {
            System.err.println("usage: java MutationScore.java [--partial] target/pit-reports/mutations.xml");
            System.exit(2);
        }
        Path report = Path.of(args[args.length - 1]);
        if (!Files.isRegularFile(report)) {
            System.err.println("mutation: no PIT report at " + report + " (did PIT run?)");
            System.exit(2);
        }
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.toFile()).getElementsByTagName("mutation");
        Map<String, Tally> packages = new TreeMap<>();
        Map<String, Tally> classes = new TreeMap<>();
        Map<String, List<String>> uncovered = new TreeMap<>();
        Tally all = new Tally();
        for (int i = 0; i < mutations.getLength(); i++) {
            Element mutation = (Element) mutations.item(i);
            String status = mutation.getAttribute("status");
            boolean detected = Boolean.parseBoolean(mutation.getAttribute("detected"));
            String mutatedClass = text(mutation, "mutatedClass");
            int nested = mutatedClass.indexOf('$');
            String topClass = nested < 0 ? mutatedClass : mutatedClass.substring(0, nested);
            String pkg = topClass.substring(0, topClass.lastIndexOf('.'));
            packages.computeIfAbsent(pkg, k -> new Tally()).add(status, detected);
            classes.computeIfAbsent(topClass, k -> new Tally()).add(status, detected);
            all.add(status, detected);
            if (status.equals("NO_COVERAGE") && FULLY_COVERED_CLASSES.contains(topClass)) {
                uncovered.computeIfAbsent(topClass, k -> new ArrayList<>()).add(text(mutation, "sourceFile") + ":"
                        + text(mutation, "lineNumber") + " " + text(mutation, "mutatedMethod") + " "
                        + shortMutator(text(mutation, "mutator")));
            }
        }

        System.out.printf("%-40s %8s %8s %9s %12s %8s%n", "package", "mutants", "killed", "survived", "no coverage",
                "score");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Tally> entry : packages.entrySet()) {
            Tally t = entry.getValue();
            System.out.printf("%-40s %8d %8d %9d %12d %7.1f%%%n", entry.getKey(), t.mutants, t.killed, t.survived,
                    t.noCoverage, t.percent());
            if (t.percent() < THRESHOLD_PERCENT) {
                failures.add(String.format("package %s kills %.1f %% of its mutants, below the %.0f %% gate",
                        entry.getKey(), t.percent(), THRESHOLD_PERCENT));
            }
        }
        System.out.printf("%-40s %8d %8d %9d %12d %7.1f%%%n", "all", all.mutants, all.killed, all.survived,
                all.noCoverage, all.percent());

        List<String> weakClasses = new ArrayList<>();
        for (Map.Entry<String, Tally> entry : classes.entrySet()) {
            if (entry.getValue().percent() < THRESHOLD_PERCENT) {
                Tally t = entry.getValue();
                weakClasses.add(String.format("  %-60s %5.1f%% (%d survived, %d no coverage of %d)", entry.getKey(),
                        t.percent(), t.survived, t.noCoverage, t.mutants));
            }
        }
        if (!weakClasses.isEmpty()) {
            System.out.println();
            System.out.println("classes below " + (int) THRESHOLD_PERCENT + " % (the HTML report beside "
                    + report.getFileName() + " shows each mutant):");
            weakClasses.forEach(System.out::println);
        }
        for (String required : FULLY_COVERED_CLASSES) {
            // A run narrowed to some classes (--partial) need not contain them; the whole run must.
            if (!partial && !classes.containsKey(required)) {
                failures.add("class " + required + " must be mutated but is not in the report");
            }
        }
        for (Map.Entry<String, List<String>> entry : uncovered.entrySet()) {
            failures.add("class " + entry.getKey() + " must have no mutant without coverage, has "
                    + entry.getValue().size() + ": " + String.join("; ", entry.getValue()));
        }
        if (!failures.isEmpty()) {
            System.out.println();
            failures.forEach(f -> System.out.println("mutation: FAIL " + f));
            System.exit(1);
        }
        System.out.println();
        System.out.println("mutation: every package at or above " + (int) THRESHOLD_PERCENT + " %, "
                + (partial ? "the control-path classes in this partial run fully covered"
                        : FULLY_COVERED_CLASSES.size() + " control-path classes fully covered"));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    private static String shortMutator(String mutator) {
        return mutator.substring(mutator.lastIndexOf('.') + 1);
    }
}
