package dev.leafspec.steps;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Resets the implementation under test before every scenario. */
public class Hooks {
    private final World world;

    public Hooks(World world) {
        this.world = world;
    }

    /** System property naming the TDX module version every scenario starts with (set by certification profiles). */
    public static final String MODULE_VERSION_PROPERTY = "leafspec.module-version";

    @Before(order = 0)
    public void reset(Scenario scenario) {
        world.scenario = scenario;
        world.impl.reset();
        String version = System.getProperty(MODULE_VERSION_PROPERTY);
        if (version != null && !version.isBlank()) {
            world.fixture("td.config", java.util.Map.of("VERSION", version));
            world.moduleVersion = version;
        }
    }
}
