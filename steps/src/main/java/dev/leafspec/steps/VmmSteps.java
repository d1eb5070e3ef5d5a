package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.When;

import java.util.Map;

/**
 * Steps for the host VMM's side: SEAMCALL leaves (TDH.*). The register checks ("RAX is ...", "R8 field ... is ...")
 * are shared with the guest steps.
 */
public class VmmSteps {
    private final World world;

    public VmmSteps(World world) {
        this.world = world;
    }

    @When("the VMM calls {leaf}")
    public void calls(LeafSpec leaf) {
        callWith(leaf, 0, Map.of());
    }

    @When("the VMM calls {leaf} with:")
    public void callsWith(LeafSpec leaf, DataTable table) {
        callWith(leaf, 0, GuestSteps.values(table));
    }

    @When("the VMM calls {leaf} version {int}")
    public void callsVersion(LeafSpec leaf, int version) {
        callWith(leaf, version, Map.of());
    }

    @When("the VMM calls {leaf} version {int} with:")
    public void callsVersionWith(LeafSpec leaf, int version, DataTable table) {
        callWith(leaf, version, GuestSteps.values(table));
    }

    @When("the VMM issues SEAMCALL with RAX = {hex}")
    public void raw(Long rax) {
        RegisterFile r = World.patterned();
        r.set(Gpr.RAX, rax);
        LeafSpec spec = world.catalogue.leaves().stream()
                .filter(l -> l.instruction() == Instruction.SEAMCALL && l.number() == (rax & 0xFFFF))
                .findFirst().orElse(null);
        world.call(null, Instruction.SEAMCALL, r);
        world.leaf = spec;
    }

    private void callWith(LeafSpec leaf, int version, Map<String, Long> values) {
        if (leaf.instruction() != Instruction.SEAMCALL) {
            throw new IllegalArgumentException(leaf.leaf() + " is a " + leaf.instruction() + " leaf, not a host SEAMCALL");
        }
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, version, values));
    }
}
