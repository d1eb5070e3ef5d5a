package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.OperandId;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.steps.contract.Violation;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of the generic contract scenarios generated from every leaf spec (features under
 * {@code generated-features/contract/}). Every value they use comes from the leaf's YAML.
 */
public class ContractSteps {
    /** RAX bits that must be zero: 31:24 and 63:32 (TDX module ABI: leaf number 15:0, version 23:16). */
    static final int[] RESERVED_RAX_BITS = {24, 31, 32, 47, 63};

    private final World world;
    private final List<String> labels = new ArrayList<>();
    private final List<RegisterFile[]> calls = new ArrayList<>();

    public ContractSteps(World world) {
        this.world = world;
    }

    @When("the guest/VMM calls {leaf} with each reserved RAX bit set")
    public void reservedRaxBits(LeafSpec leaf) {
        int version = leaf.versions().isEmpty() ? 0 : leaf.versions().get(0);
        for (int bit : RESERVED_RAX_BITS) {
            RegisterFile r = world.prepare(leaf, version, exampleInputs(leaf));
            r.set(Gpr.RAX, r.get(Gpr.RAX) | (1L << bit));
            record(leaf, "RAX bit " + bit + " set", r);
        }
    }

    @When("the guest/VMM calls {leaf} with an unsupported version")
    public void unsupportedVersion(LeafSpec leaf) {
        int max = leaf.versions().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> bad = new ArrayList<>();
        if (max + 1 <= 255) bad.add(max + 1);
        if (!bad.contains(255) && !leaf.versions().contains(255)) bad.add(255);
        for (int v : bad) {
            record(leaf, "version " + v, world.prepare(leaf, v, exampleInputs(leaf)));
        }
    }

    @When("the guest/VMM calls {leaf} with its example inputs")
    public void example(LeafSpec leaf) {
        int version = leaf.versions().isEmpty() ? 0 : leaf.versions().get(0);
        world.call(leaf, leaf.instruction(), world.prepare(leaf, version, exampleInputs(leaf)));
    }

    private void record(LeafSpec leaf, String label, RegisterFile regs) {
        // no reset between the calls: each must be rejected without changing state, and a scenario may have
        // prepared the state (an initialized module) that the calls need
        world.call(leaf, leaf.instruction(), regs);
        labels.add(label);
        calls.add(new RegisterFile[] {world.before(), world.after()});
    }

    private static Map<String, Long> exampleInputs(LeafSpec leaf) {
        return leaf.example() == null ? Map.of() : new LinkedHashMap<>(leaf.example().inputs());
    }

    @Then("each call returns {tdx} with operand {word} and changes no other register")
    public void eachCallRejected(String status, String operand) {
        rejected(status, operand, false);
    }

    /**
     * A leaf that accepts several versions checks the version in its handler, after it may have written its
     * outputs (TDG.VM.RD clears RDX and R8 first: intel/tdx-module tdg_vm_rd_wr.c); only its outputs may change.
     */
    @Then("each call returns {tdx} with operand {word} and changes no register outside its outputs")
    public void eachCallRejectedOutputsExempt(String status, String operand) {
        rejected(status, operand, true);
    }

    private void rejected(String status, String operand, boolean outputsMayChange) {
        java.util.Set<String> exempt = outputsMayChange ? world.leaf().outputs().keySet() : java.util.Set.of();
        StatusCode code = world.catalogue.tdxStatus().get(status);
        OperandId op = world.catalogue.operands().get(operand);
        if (op == null) throw new IllegalArgumentException(operand + " is not in leaf-specs/status/operand-ids.yaml");
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            RegisterFile before = calls.get(i)[0];
            RegisterFile after = calls.get(i)[1];
            long rax = after.get(Gpr.RAX);
            if (!code.allValues().contains(rax & 0xFFFF_FFFF_0000_0000L) || (rax & 0xFFFF_FFFFL) != op.value()) {
                bad.append(String.format("%n  %s: RAX expected %s|%s, got %s", labels.get(i), status, operand,
                        world.checker.describeStatus(rax)));
            }
            for (Gpr g : Gpr.values()) {
                if (g != Gpr.RAX && !exempt.contains(g.name()) && before.get(g) != after.get(g)) {
                    bad.append(String.format("%n  %s: %s changed from %s to %s", labels.get(i), g, Hex.of(before.get(g)), Hex.of(after.get(g))));
                }
            }
            for (int x = 0; x < RegisterFile.XMM_COUNT; x++) {
                if (before.xmmLow(x) != after.xmmLow(x) || before.xmmHigh(x) != after.xmmHigh(x)) {
                    bad.append(String.format("%n  %s: XMM%d changed", labels.get(i), x));
                }
            }
        }
        assertThat(bad.length()).withFailMessage("%s RAX: a rejected call must return %s with operand %s and change nothing else:%s",
                world.where(), status, operand, bad).isZero();
    }

    @Then("the registers outside its outputs are preserved")
    public void preserved() {
        world.failIfAny(only(List.of("CONTRACT-PRESERVE", "CONTRACT-VECTOR")));
    }

    @Then("the status lands in its status register with a listed code")
    public void statusListed() {
        List<Violation> v = only(List.of("CONTRACT-STATUS", "CONTRACT-HOST-STATUS", "CONTRACT-RESERVED-OUT", "CONTRACT-ERROR-OUTPUTS"));
        LeafSpec leaf = world.leaf();
        if (leaf.example() != null && leaf.example().status() != null && v.isEmpty()) {
            String expected = leaf.example().status();
            String reg = leaf.status().register();
            long got = world.after().get(Gpr.parse(reg));
            StatusCode code = world.catalogue.tdxStatus().get(expected);
            if (code != null && !code.allValues().contains(got & 0xFFFF_FFFF_0000_0000L)) {
                v = List.of(new Violation(leaf.leaf(), "CONTRACT-EXAMPLE", reg, null,
                        "the spec's example call must return " + expected + ", got " + world.checker.describeStatus(got)));
            }
        }
        world.failIfAny(v);
    }

    private List<Violation> only(List<String> rules) {
        return world.checker.check(world.leaf(), world.before(), world.after(), world.context()).stream()
                .filter(x -> rules.contains(x.rule())).toList();
    }
}
