package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.steps.contract.ContractChecker;
import dev.leafspec.steps.contract.Violation;
import io.cucumber.java.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-scenario state shared by the step classes (injected by PicoContainer): the implementation under test,
 * the register file before and after the last call, and the TD configuration the scenario set.
 */
public class World {
    /** Value every GPR not set by a scenario holds before a call: 0x5EED00000000ii00 | i, i = encoding. */
    public static long pattern(int gpr) {
        return 0x5EED_0000_0000_0000L | ((long) gpr << 8) | gpr;
    }

    public final LeafImplementation impl = Harness.implementation();
    public final Catalogue catalogue = Harness.catalogue();
    public final ContractChecker checker = new ContractChecker(catalogue);

    Scenario scenario;
    boolean noRbpMod;
    String moduleVersion = "1.5";
    final Map<String, String> tdConfig = new LinkedHashMap<>();

    /** The spec of the last leaf called, or null for a raw call of an unknown leaf. */
    LeafSpec leaf;
    RegisterFile before;
    RegisterFile after;
    private RegisterFile hostView;
    private boolean hostViewRead;

    /** @return the rule ids this scenario is tagged with (@rule:ID), for failure messages */
    public List<String> rules() {
        List<String> r = new ArrayList<>();
        if (scenario != null) {
            for (String t : scenario.getSourceTagNames()) {
                if (t.startsWith("@rule:")) r.add(t.substring(6));
            }
        }
        return r;
    }

    /** @return "LEAF [RULE]" for messages, e.g. "TDG.VP.INFO [VP.INFO-1]" */
    public String where() {
        String l = leaf != null ? leaf.leaf() : "(raw call)";
        List<String> r = rules();
        return l + (r.isEmpty() ? "" : " [" + String.join(", ", r) + "]");
    }

    /** Applies a fixture; an implementation lacking it ends the scenario NOT_SUPPORTED. */
    public void fixture(String name, Map<String, String> params) {
        try {
            impl.fixture(name, params);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    /** @return a register file with every GPR and XMM set to a distinct, recognisable pattern */
    public static RegisterFile patterned() {
        RegisterFile r = new RegisterFile();
        for (int i = 0; i < 16; i++) r.gpr(i, pattern(i));
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            r.xmm(i, 0x5EED_0000_0000_1000L | i, 0x5EED_0000_0000_2000L | i);
        }
        return r;
    }

    /**
     * Prepares the register file for a call of {@code spec}: GPRs and XMMs patterned, the leaf's declared
     * input registers zero, RAX = number | version &lt;&lt; 16, R10/R11 = the sub-function selector, then the
     * scenario's {@code values} on top.
     */
    public RegisterFile prepare(LeafSpec spec, int version, Map<String, Long> values) {
        RegisterFile r = patterned();
        for (String in : spec.inputs().keySet()) {
            setRegister(r, in, 0);
        }
        r.set(Gpr.RAX, (spec.number() & 0xFFFFL) | ((long) (version & 0xFF) << 16));
        if (spec.isSubfunction()) {
            r.set(Gpr.R10, spec.subfunction().r10());
            r.set(Gpr.R11, spec.subfunction().r11());
        }
        values.forEach((k, v) -> setRegister(r, k, v));
        return r;
    }

    static void setRegister(RegisterFile r, String name, long value) {
        int x = dev.leafspec.steps.contract.Registers.xmmIndex(name);
        if (x >= 0) {
            r.xmm(x, value, 0);
        } else if (name.equalsIgnoreCase("RFLAGS")) {
            r.rflags(value);
        } else {
            r.set(Gpr.parse(name), value);
        }
    }

    /** Calls the implementation with {@code regs}; NOT_SUPPORTED when the leaf is not modelled. */
    public void call(LeafSpec spec, Instruction insn, RegisterFile regs) {
        if (spec != null && !impl.capabilities().supportsLeaf(spec.leaf())) {
            boolean newerModule = !impl.capabilities().specVersions().isEmpty() && impl.capabilities().specVersions().stream()
                    .allMatch(v -> ContractChecker.compareVersions(v, spec.since()) < 0);
            throw NotSupported.because("leaf " + spec.leaf() + (newerModule ? " (TDX module " + spec.since() + ")" : ""));
        }
        leaf = spec;
        before = regs.copy();
        RegisterFile r = regs.copy();
        hostView = null;
        hostViewRead = false;
        try {
            impl.call(insn, r);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        } catch (RuntimeException e) {
            // an out-of-process adapter's fault (leafspec-adapter AdapterFaultException) keeps its own message prefix
            String m = e.getMessage();
            if (m != null && (m.startsWith("ADAPTER_ERROR: ") || m.startsWith("TIMEOUT: "))) {
                throw new AssertionError(m + " (in " + where() + ")", e);
            }
            throw new AssertionError(where() + ": the implementation faulted instead of answering: " + e, e);
        }
        after = r;
    }

    /** @return the register file the host saw at the last call's exit, or null if it did not exit */
    public RegisterFile hostView() {
        if (!hostViewRead) {
            try {
                hostView = impl.observe("host.last-exit");
            } catch (NotSupportedException e) {
                throw NotSupported.because(e.capability());
            }
            hostViewRead = true;
        }
        return hostView;
    }

    public RegisterFile before() {
        requireCall();
        return before;
    }

    public RegisterFile after() {
        requireCall();
        return after;
    }

    public LeafSpec leaf() {
        return leaf;
    }

    public ContractChecker.CallContext context() {
        return new ContractChecker.CallContext(noRbpMod, moduleVersion);
    }

    private void requireCall() {
        if (after == null) throw new IllegalStateException("no leaf call yet in this scenario: add a 'When the guest calls ...' step first");
    }

    /** Fails with every violation, each naming leaf, rule and register. */
    public void failIfAny(List<Violation> violations) {
        if (violations.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        sb.append(violations.size()).append(" contract violation(s) in scenario '")
                .append(scenario != null ? scenario.getName() : "?").append("':");
        for (Violation v : violations) sb.append("\n  ").append(v);
        sb.append("\nregisters before the call:\n").append(before).append("registers after the call:\n").append(after);
        throw new AssertionError(sb.toString());
    }
}
