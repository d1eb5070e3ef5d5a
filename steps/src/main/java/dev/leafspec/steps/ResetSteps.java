package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The SPI's reset contract (LeafImplementation.reset; the adapter protocol's {@code reset}): after a reset the
 * implementation is as at the start of a scenario, whatever fixtures and calls came before. Scenarios remember what a
 * fresh implementation shows, change everything they can, reset, and compare.
 */
public class ResetSteps {
    private final World world;
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Long> values = new HashMap<>();

    public ResetSteps(World world) {
        this.world = world;
    }

    /** Resets the implementation in the middle of a scenario, then applies what the before-scenario hook applies. */
    @When("the implementation is reset")
    public void reset() {
        world.impl.reset();
        world.noRbpMod = false;
        if (world.moduleVersion != null) world.fixture("td.config", Map.of("VERSION", world.moduleVersion));
    }

    @Given("the {int} bytes at {hex} are remembered as {string}")
    public void rememberBytes(int length, long gpa, String name) {
        bytes.put(name, MemorySteps.read(world, gpa, length));
    }

    @Then("the {int} bytes at {hex} equal those remembered as {string}")
    public void bytesEqual(int length, long gpa, String name) {
        byte[] then = bytes.get(name);
        if (then == null) throw new IllegalArgumentException("nothing was remembered as \"" + name + "\"");
        byte[] now = MemorySteps.read(world, gpa, length);
        if (!Arrays.equals(then, now)) {
            int i = Arrays.mismatch(then, now);
            throw new AssertionError(String.format("%s after the reset, the %d bytes at %s differ from \"%s\" from byte %d on"
                    + " (0x%02x then, 0x%02x now): state of the previous calls survived the reset", world.where(), length,
                    Hex.of(gpa), name, i, then[i], now[i]));
        }
    }

    @Given("{gpr} is remembered as {string}")
    public void rememberRegister(Gpr reg, String name) {
        values.put(name, world.after().get(reg));
    }

    @Then("{gpr} equals the value remembered as {string}")
    public void registerEquals(Gpr reg, String name) {
        Long then = values.get(name);
        if (then == null) throw new IllegalArgumentException("nothing was remembered as \"" + name + "\"");
        long now = world.after().get(reg);
        if (now != then) {
            throw new AssertionError(String.format("%s %s: %s after the reset, %s as \"%s\" on a fresh implementation: state of"
                    + " the previous calls survived the reset", world.where(), reg, Hex.of(now), Hex.of(then), name));
        }
    }
}
