package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.steps.contract.Registers;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest program run by TDH.VP.ENTER on a host-built TD (see docs/steps.md "Guest programs"): the program goes to the
 * implementation with fixture {@code guest.program}, the VMM enters the TD with real SEAMCALLs ({@link World#call}), and
 * the guest's registers after each completed TDCALL are read with the observations {@code guest.call.N} /
 * {@code guest.last-call} (docs/fixtures.md). Register values may name the TD's pages (TDR, GPA_PAGE1, ...;
 * {@link TdBuildSteps}).
 *
 * <p>The guest starts with GPR i = {@link #guestPattern(int)} (RAX, RCX and RSP excepted) and XMMn = {@link #guestXmm}
 * so every leaked or restored value says where it came from. After its last call the guest halts with
 * TDG.VP.VMCALL&lt;Instruction.HLT&gt; (RCX = bitmap R10 R11 R12, R10 = 0, R11 = 12, R12 = 0), as docs/fixtures.md states.
 */
public class GuestProgramSteps {
    static final long NO_RBP_MOD_CONFIG_FLAG = 1L << 2, NO_RBP_MOD_FEATURE = 1L << 18;
    static final long FIELD_TDX_FEATURES0 = 0x0A00000300000008L;
    static final long EXIT_REASON_TDCALL = 77, EXIT_REASON_EPT_VIOLATION = 48;
    /** The end-of-program call (docs/fixtures.md guest.program). */
    static final Map<Integer, long[]> HLT_CALL = Map.of(0, new long[] {0, 0}, 1, new long[] {0x1C00, 0},
            10, new long[] {0, 0}, 11, new long[] {12, 0}, 12, new long[] {0, 0});

    private final World world;
    private final TdBuildSteps build;
    /** Per program call (0-based): register index (0..15 GPR, 16..31 XMM) → {low, high}. */
    private final List<Map<Integer, long[]>> calls = new ArrayList<>();
    private long tdvpr;
    private boolean noRbpMod;

    public GuestProgramSteps(World world, TdBuildSteps build) {
        this.world = world;
        this.build = build;
    }

    /** GPR {@code i} of the guest before its first call: 0x6E57_0000_0000_ii0i. */
    public static long guestPattern(int i) {
        return 0x6E57_0000_0000_0000L | ((long) i << 8) | i;
    }

    /** XMMn of the guest before its first call: high 0x6E57_0000_0000_20nn, low 0x6E57_0000_0000_10nn. */
    public static long[] guestXmm(int n) {
        return new long[] {0x6E57_0000_0000_1000L | n, 0x6E57_0000_0000_2000L | n};
    }

    // ------------------------------------------------------------------ Given

    /** TD_PARAMS.CONFIG_FLAGS bit 2 for the TD built next (put this before "a TD built with ..."). */
    @Given("the VMM creates the TD with CONFIG_FLAGS.NO_RBP_MOD")
    public void createWithNoRbpMod() {
        build.configFlags |= NO_RBP_MOD_CONFIG_FLAG;
        noRbpMod = true;
    }

    /** TDH.SYS.RD of TDX_FEATURES0 (0x0A00000300000008) has bit 18 NO_RBP_MOD set. */
    @Given("the TDX module enumerates NO_RBP_MOD")
    public void moduleHasNoRbpMod() {
        world.fixture("platform.ready", Map.of());
        LeafSpec rd = world.catalogue.requireLeaf("TDH.SYS.RD");
        world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RDX", FIELD_TDX_FEATURES0)));
        assertThat(world.after().gpr(0)).as("TDH.SYS.RD TDX_FEATURES0 status").isZero();
        assertThat(world.after().gpr(8) & NO_RBP_MOD_FEATURE).withFailMessage(
                "TDX_FEATURES0 = %s does not enumerate NO_RBP_MOD (bit 18)", Hex.of(world.after().gpr(8))).isNotZero();
    }

    /** The program of the TD's first VCPU: one row per TDCALL, | call | registers |. */
    @Given("the guest program:")
    public void program(DataTable table) {
        program("TDVPR", table);
    }

    @Given("the guest program on {word}:")
    public void program(String vcpu, DataTable table) {
        calls.clear();
        Map<String, String> p = new LinkedHashMap<>();
        tdvpr = build.resolve(vcpu);
        p.put("tdvpr", Hex.of(tdvpr));
        StringBuilder initial = new StringBuilder();
        for (int i = 2; i < 16; i++) {
            if (i != 4) initial.append(Gpr.of(i)).append('=').append(Hex.of(guestPattern(i))).append(' ');
        }
        for (int n = 0; n < 16; n++) initial.append("XMM").append(n).append('=').append(xmmHex(guestXmm(n))).append(' ');
        p.put("initial", initial.toString().trim());
        int n = 0;
        for (List<String> row : table.asLists()) {
            String name = row.get(0).trim();
            if (name.equalsIgnoreCase("call") || name.equalsIgnoreCase("leaf")) continue;
            LeafSpec leaf = world.catalogue.requireLeaf(name);
            if (leaf.instruction() != Instruction.TDCALL) throw new IllegalArgumentException(name + " is not a TDCALL leaf");
            Map<Integer, long[]> regs = new LinkedHashMap<>();
            regs.put(0, new long[] {leaf.number() & 0xFFFFL, 0});
            if (leaf.isSubfunction()) {
                regs.put(10, new long[] {leaf.subfunction().r10(), 0});
                regs.put(11, new long[] {leaf.subfunction().r11(), 0});
            }
            String cell = row.size() > 1 && row.get(1) != null ? row.get(1).trim() : "";
            for (String item : cell.split(",")) {
                if (item.isBlank()) continue;
                int eq = item.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("'" + item.trim() + "': write REGISTER=value");
                String reg = item.substring(0, eq).trim().toUpperCase(Locale.ROOT);
                String value = item.substring(eq + 1).trim();
                int x = Registers.xmmIndex(reg);
                if (x >= 0) {
                    BigInteger v = new BigInteger(value.replace("_", "").substring(2), 16);
                    regs.put(16 + x, new long[] {v.longValue(), v.shiftRight(64).longValue()});
                } else {
                    regs.put(Gpr.parse(reg).ordinal(), new long[] {
                            value.startsWith("bitmap") ? GuestSteps.value(value) : build.resolve(value), 0});
                }
            }
            calls.add(regs);
            StringBuilder sb = new StringBuilder();
            regs.forEach((r, v) -> sb.append(r < 16 ? Gpr.of(r).name() : "XMM" + (r - 16)).append('=')
                    .append(r < 16 ? Hex.of(v[0]) : xmmHex(v)).append(' '));
            p.put("call." + (++n), sb.toString().trim());
        }
        world.fixture("guest.program", p);
    }

    // ------------------------------------------------------------------ When

    /** TDH.VP.ENTER with RCX = the TD's first VCPU; other registers patterned. */
    @When("the VMM enters the TD")
    public void enter() {
        enter("TDVPR", 0);
    }

    @When("the VMM enters the TD on {word}")
    public void enterOn(String vcpu) {
        enter(vcpu, 0);
    }

    /** RCX = TDVPR | flags (bit 52 HOST_RECOVERABILITY_HINT, 53 RESUME_L1, reserved bits). */
    @When("the VMM enters the TD with RCX flags {hex}")
    public void enterWithFlags(Long flags) {
        enter("TDVPR", flags);
    }

    private void enter(String vcpu, long flags) {
        tdvpr = build.resolve(vcpu);
        LeafSpec leaf = world.catalogue.requireLeaf("TDH.VP.ENTER");
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, Map.of("RCX", tdvpr | flags)));
    }

    /** The host writes the table's registers into its registers as the TD exit left them, then TDH.VP.ENTER again. */
    @When("the VMM answers and enters again with:")
    public void answer(DataTable table) {
        RegisterFile r = reentry();
        for (List<String> row : table.asLists()) {
            String reg = row.get(0).trim().toUpperCase(Locale.ROOT);
            if (reg.equals("REGISTER")) continue;
            String v = row.get(1).trim();
            int x = Registers.xmmIndex(reg);
            if (x >= 0) {
                BigInteger b = new BigInteger(v.replace("_", "").substring(2), 16);
                r.xmm(x, b.longValue(), b.shiftRight(64).longValue());
            } else {
                r.set(Gpr.parse(reg), build.resolve(v));
            }
        }
        reenter(r);
    }

    @When("the VMM enters again")
    public void enterAgain() {
        reenter(reentry());
    }

    /** A hostile host: GPR n = value ^ n (RAX, RCX, RSP excepted), XMMn = value ^ (0x100 + n), then TDH.VP.ENTER. */
    @When("the VMM writes {hex} into every register and enters again")
    public void hostile(Long value) {
        RegisterFile r = reentry();
        for (int i = 2; i < 16; i++) if (i != 4) r.gpr(i, value ^ i);
        for (int n = 0; n < 16; n++) r.xmm(n, value ^ (0x100 + n), 0);
        reenter(r);
    }

    private RegisterFile reentry() {
        RegisterFile r = world.after().copy();
        r.set(Gpr.RAX, 0);
        r.set(Gpr.RCX, tdvpr);
        return r;
    }

    private void reenter(RegisterFile r) {
        world.call(world.catalogue.requireLeaf("TDH.VP.ENTER"), Instruction.SEAMCALL, r);
    }

    // ------------------------------------------------------------------ Then: the TD exit (host side)

    /** RAX = 77 (TDX_SUCCESS, exit reason TDCALL); for a sub-function also R11 = its selector. */
    @Then("the TD exit is {leaf}")
    public void exitIs(LeafSpec leaf) {
        RegisterFile a = world.after();
        assertThat(a.gpr(0)).withFailMessage("%s: expected a TDG.VP.VMCALL TD exit, RAX = %s (TDX_SUCCESS, exit reason 77), got %s",
                world.where(), Hex.of(EXIT_REASON_TDCALL), world.checker.describeStatus(a.gpr(0))).isEqualTo(EXIT_REASON_TDCALL);
        if (leaf.isSubfunction()) {
            assertThat(a.gpr(11)).withFailMessage("%s: the host sees R11 = %s, expected %s's selector %s", world.where(),
                    Hex.of(a.gpr(11)), leaf.leaf(), Hex.of(leaf.subfunction().r11())).isEqualTo(leaf.subfunction().r11());
        }
    }

    /** RAX = 48 (TDX_SUCCESS, exit reason EPT violation) and R8 = the GPA. */
    @Then("the TD exit is an EPT violation at {word}")
    public void eptViolation(String gpa) {
        RegisterFile a = world.after();
        assertThat(a.gpr(0)).withFailMessage("%s: expected an EPT-violation TD exit (RAX = 0x30), got %s", world.where(),
                world.checker.describeStatus(a.gpr(0))).isEqualTo(EXIT_REASON_EPT_VIOLATION);
        long g = build.resolve(gpa);
        assertThat(a.gpr(8) & ~0xFFFL).withFailMessage("%s: R8 (GPA) expected %s, got %s", world.where(), Hex.of(g),
                Hex.of(a.gpr(8))).isEqualTo(g);
    }

    @Then("the host sees {gpr} = {hex}")
    public void hostSees(Gpr reg, Long value) {
        assertThat(world.after().get(reg)).withFailMessage("%s: the host sees %s = %s, expected %s", world.where(), reg,
                Hex.of(world.after().get(reg)), Hex.of(value)).isEqualTo(value);
    }

    @Then("the host sees XMM{int} = {xmmvalue}")
    public void hostSeesXmm(int n, BigInteger v) {
        assertXmm("the host sees", n, world.after(), v);
    }

    @Then("the host sees RCX = the guest's bitmap")
    public void hostSeesBitmap() {
        long bitmap = expectedBeforeCall(exitingCall()).get(1)[0];
        hostSees(Gpr.RCX, bitmap & 0xFFFF_FFFFL);
    }

    /**
     * The exiting call's selected GPRs and XMMs hold the guest's values; unselected RDX..R15 are 0 (RBP: the host's own
     * when the TD has NO_RBP_MOD), unselected XMMs are 0 (reset to INIT); RSP unchanged.
     */
    @Then("the host sees only the registers the guest's bitmap selects")
    public void hostSeesOnlySelected() {
        Map<Integer, long[]> guest = expectedBeforeCall(exitingCall());
        long bitmap = guest.get(1)[0];
        RegisterFile a = world.after();
        StringBuilder bad = new StringBuilder();
        for (int i = 2; i < 16; i++) {
            long expected;
            if (i == 4) expected = world.before().gpr(4);
            else if ((bitmap & (1L << i)) != 0) expected = guest.get(i)[0];
            else if (i == 5 && noRbpMod) expected = world.before().gpr(5);
            else expected = 0;
            if (a.gpr(i) != expected) {
                bad.append(String.format("%n  %s: expected %s, got %s", Gpr.of(i), Hex.of(expected), Hex.of(a.gpr(i))));
            }
        }
        for (int n = 0; n < 16; n++) {
            long[] e = (bitmap & (1L << (16 + n))) != 0 ? guest.get(16 + n) : new long[2];
            if (a.xmmLow(n) != e[0] || a.xmmHigh(n) != e[1]) {
                bad.append(String.format("%n  XMM%d: expected %s, got %s", n, xmmHex(e), xmmHex(new long[] {a.xmmLow(n), a.xmmHigh(n)})));
            }
        }
        assertThat(bad.length()).withFailMessage("%s: the host's registers after the TD exit:%s", world.where(), bad).isZero();
    }

    /** An asynchronous TD exit: RBX, RSI, RDI, R10-R15 and XMM0-15 are 0 (RBP: see the RBP steps). */
    @Then("the host sees no guest register")
    public void hostSeesNothing() {
        RegisterFile a = world.after();
        StringBuilder bad = new StringBuilder();
        for (int i : new int[] {3, 6, 7, 10, 11, 12, 13, 14, 15}) {
            if (a.gpr(i) != 0) bad.append(String.format("%n  %s = %s", Gpr.of(i), Hex.of(a.gpr(i))));
        }
        for (int n = 0; n < 16; n++) {
            if ((a.xmmLow(n) | a.xmmHigh(n)) != 0) bad.append(String.format("%n  XMM%d is not 0", n));
        }
        assertThat(bad.length()).withFailMessage("%s: registers not cleared at the TD exit:%s", world.where(), bad).isZero();
    }

    @Then("RBP is unchanged after TDH.VP.ENTER")
    public void rbpUnchanged() {
        assertThat(world.after().gpr(5)).withFailMessage("%s: RBP was %s before TDH.VP.ENTER and is %s after", world.where(),
                Hex.of(world.before().gpr(5)), Hex.of(world.after().gpr(5))).isEqualTo(world.before().gpr(5));
    }

    @Then("RBP is clobbered after TDH.VP.ENTER")
    public void rbpClobbered() {
        assertThat(world.after().gpr(5)).withFailMessage("%s: RBP kept the host's value %s", world.where(),
                Hex.of(world.before().gpr(5))).isNotEqualTo(world.before().gpr(5));
    }

    // ------------------------------------------------------------------ Then: the guest side

    @Then("the guest saw {gpr} = {hex}")
    public void guestSaw(Gpr reg, Long value) {
        RegisterFile g = lastCall();
        assertThat(g.get(reg)).withFailMessage("%s: after its TDCALL the guest has %s = %s, expected %s", world.where(), reg,
                Hex.of(g.get(reg)), Hex.of(value)).isEqualTo(value);
    }

    @Then("the guest saw XMM{int} = {xmmvalue}")
    public void guestSawXmm(int n, BigInteger v) {
        assertXmm("after its TDCALL the guest has", n, lastCall(), v);
    }

    @Then("the guest's call returned {tdx}")
    public void guestStatus(String status) {
        long got = lastCall().gpr(0);
        StatusCode code = world.catalogue.tdxStatus().get(status);
        boolean match = code.allValues().contains(got & 0xFFFF_FFFF_0000_0000L) && !(code.allValues().contains(0L) && got != 0);
        assertThat(match).withFailMessage("%s: the guest's RAX: expected %s, got %s", world.where(), status,
                world.checker.describeStatus(got)).isTrue();
    }

    @Then("the guest's call returned {tdx} with operand {word}")
    public void guestStatusOperand(String status, String operand) {
        guestStatus(status);
        long got = lastCall().gpr(0);
        var op = world.catalogue.operands().get(operand);
        if (op == null) throw new IllegalArgumentException(operand + " is not in leaf-specs/status/operand-ids.yaml");
        assertThat(got & 0xFFFF_FFFFL).withFailMessage("%s: the guest's RAX operand id: expected %s, got %s", world.where(),
                operand, world.checker.describeStatus(got)).isEqualTo((long) op.value());
    }

    /** Every register the guest's last completed call did not select (RAX, RCX excepted) kept its value. */
    @Then("the guest's registers outside the bitmap are unchanged")
    public void guestUnselectedUnchanged() {
        int k = completedCalls();
        RegisterFile g = lastCall();
        Map<Integer, long[]> before = expectedBeforeCall(k);
        long bitmap = before.get(1)[0];
        StringBuilder bad = new StringBuilder();
        for (int i = 2; i < 16; i++) {
            if (i == 4 || (bitmap & (1L << i)) != 0 || !before.containsKey(i)) continue;
            if (g.gpr(i) != before.get(i)[0]) {
                bad.append(String.format("%n  %s: expected %s, got %s", Gpr.of(i), Hex.of(before.get(i)[0]), Hex.of(g.gpr(i))));
            }
        }
        for (int n = 0; n < 16; n++) {
            if ((bitmap & (1L << (16 + n))) != 0 || !before.containsKey(16 + n)) continue;
            long[] e = before.get(16 + n);
            if (g.xmmLow(n) != e[0] || g.xmmHigh(n) != e[1]) {
                bad.append(String.format("%n  XMM%d: expected %s, got %s", n, xmmHex(e), xmmHex(new long[] {g.xmmLow(n), g.xmmHigh(n)})));
            }
        }
        assertThat(bad.length()).withFailMessage("%s: guest registers outside the bitmap changed across call %d:%s",
                world.where(), k, bad).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private RegisterFile observe(String name) {
        try {
            return world.impl.observe(name);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    private RegisterFile lastCall() {
        RegisterFile g = observe("guest.last-call");
        assertThat(g).withFailMessage("%s: the guest has not completed a TDCALL (observation guest.last-call is empty)",
                world.where()).isNotNull();
        return g;
    }

    /** @return how many TDCALLs the guest has completed (the largest N with an observation guest.call.N) */
    private int completedCalls() {
        int n = 0;
        while (n < calls.size() + 64 && observe("guest.call." + (n + 1)) != null) n++;
        return n;
    }

    /** @return the 1-based index of the call whose TDG.VP.VMCALL made the current TD exit */
    private int exitingCall() {
        return completedCalls() + 1;
    }

    /** The guest's registers as call {@code k} (1-based) starts: its row over the state after call k-1 (or the start). */
    private Map<Integer, long[]> expectedBeforeCall(int k) {
        Map<Integer, long[]> s = new LinkedHashMap<>();
        RegisterFile prev = k > 1 ? observe("guest.call." + (k - 1)) : null;
        if (prev != null) {
            for (int i = 0; i < 16; i++) s.put(i, new long[] {prev.gpr(i), 0});
            for (int n = 0; n < 16; n++) s.put(16 + n, new long[] {prev.xmmLow(n), prev.xmmHigh(n)});
        } else {
            for (int i = 2; i < 16; i++) if (i != 4) s.put(i, new long[] {guestPattern(i), 0});
            for (int n = 0; n < 16; n++) s.put(16 + n, guestXmm(n));
        }
        s.putAll(k <= calls.size() ? calls.get(k - 1) : HLT_CALL);
        return s;
    }

    private void assertXmm(String what, int n, RegisterFile r, BigInteger v) {
        long lo = v.longValue(), hi = v.shiftRight(64).longValue();
        assertThat(r.xmmLow(n) == lo && r.xmmHigh(n) == hi).withFailMessage("%s: %s XMM%d = %s, expected %s", world.where(),
                what, n, xmmHex(new long[] {r.xmmLow(n), r.xmmHigh(n)}), xmmHex(new long[] {lo, hi})).isTrue();
    }

    static String xmmHex(long[] v) {
        return String.format("0x%016x%016x", v[1], v[0]);
    }
}
