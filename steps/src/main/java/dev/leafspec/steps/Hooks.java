package dev.leafspec.steps;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Resets the implementation under test before every scenario. */
public class Hooks {
    private final World world;

    public Hooks(World world) {
        this.world = world;
    }

    @Before(order = 0)
    public void reset(Scenario scenario) {
        world.scenario = scenario;
        world.impl.reset();
    }
}
