package org.resonantlearner.loop;

import java.util.ArrayList;
import java.util.List;
import org.resonantlearner.control.Tuner;
import org.resonantlearner.harvest.PowerWindow;

/**
 * A tuner for loop tests: its {@code k}-th decision (from 1) is {@code script.request(k, window)}; it
 * remembers how it was started and the windows it saw.
 */
final class ScriptedTuner implements Tuner {
    /** What the tuner asks for. */
    interface Script {
        /** The position requested at decision {@code decision} (from 1) on {@code window} (steps). */
        double request(int decision, PowerWindow window);
    }

    private final Script script;
    int starts;
    int startMinSteps;
    int startMaxSteps;
    int startPositionSteps;
    double startTimeSeconds = Double.NaN;
    int decisions;
    /** Start and end times of every window judged (s). */
    final List<double[]> judgedWindowsSeconds = new ArrayList<>();

    ScriptedTuner(Script script) {
        this.script = script;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void start(int minPositionSteps, int maxPositionSteps, int initialPositionSteps, double startTimeSeconds) {
        starts++;
        startMinSteps = minPositionSteps;
        startMaxSteps = maxPositionSteps;
        startPositionSteps = initialPositionSteps;
        this.startTimeSeconds = startTimeSeconds;
    }

    @Override
    public double decide(PowerWindow window) {
        decisions++;
        judgedWindowsSeconds.add(new double[] {window.startTimeSeconds, window.endTimeSeconds});
        return script.request(decisions, window);
    }
}
