package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.steps.contract.Registers;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps for the guest's side of a TDCALL: set up the TD, call a leaf, check registers. */
public class GuestSteps {
    private final World world;

    public GuestSteps(World world) {
        this.world = world;
    }

    // ---------------------------------------------------------------- Given

    @Given("a TDX module")
    public void aTdxModule() {
        // the implementation was reset by Hooks
    }

    @Given("a TD guest")
    public void aTdGuest() {
        // the implementation was reset by Hooks; nothing else to do
    }

    @Given("the TD runs with NO_RBP_MOD")
    public void noRbpMod() {
        world.fixture("td.config", Map.of("NO_RBP_MOD", "true"));
        world.noRbpMod = true;
    }

    @Given("the TD is configured with:")
    public void configured(DataTable table) {
        Map<String, String> m = new LinkedHashMap<>(table.asMap(String.class, String.class));
        world.fixture("td.config", m);
        if ("true".equalsIgnoreCase(m.get("NO_RBP_MOD"))) world.noRbpMod = true;
        if (m.containsKey("VERSION")) world.moduleVersion = m.get("VERSION");
    }

    @Given("the TDX module version is {string}")
    public void moduleVersion(String version) {
        world.fixture("td.config", Map.of("VERSION", version));
        world.moduleVersion = version;
    }

    @Given("a pending {word} page at {hex}")
    public void pendingPage(String level, Long gpa) {
        world.fixture("td.pending-page", Map.of("gpa", Hex.of(gpa), "level", level));
    }

    @Given("an accepted {word} page at {hex}")
    public void privatePage(String level, Long gpa) {
        world.fixture("td.private-page", Map.of("gpa", Hex.of(gpa), "level", level));
    }

    @Given("a #VE is pending with:")
    public void vePending(DataTable table) {
        world.fixture("td.ve", table.asMap(String.class, String.class));
    }

    @Given("the TD metadata field {hex} holds {hex}")
    public void tdField(Long field, Long value) {
        world.fixture("td.field", Map.of("field", Hex.of(field), "value", Hex.of(value)));
    }

    @Given("the guest writes {string} to memory at {hex}")
    public void writeMemory(String bytes, Long gpa) {
        try {
            world.impl.writeGuestMemory(gpa, Hex.bytes(bytes));
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    @Given("the guest writes {int} bytes of {hex} to memory at {hex}")
    public void fillMemory(int count, Long value, Long gpa) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) (long) value);
        try {
            world.impl.writeGuestMemory(gpa, b);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    // ---------------------------------------------------------------- When

    @When("the guest calls {leaf}")
    public void calls(LeafSpec leaf) {
        callWith(leaf, 0, Map.of());
    }

    @When("the guest calls {leaf} with:")
    public void callsWith(LeafSpec leaf, DataTable table) {
        callWith(leaf, 0, values(table));
    }

    @When("the guest calls {leaf} version {int}")
    public void callsVersion(LeafSpec leaf, int version) {
        callWith(leaf, version, Map.of());
    }

    @When("the guest calls {leaf} version {int} with:")
    public void callsVersionWith(LeafSpec leaf, int version, DataTable table) {
        callWith(leaf, version, values(table));
    }

    @When("the guest repeats the call")
    public void repeat() {
        world.call(world.leaf(), Instruction.TDCALL, world.before());
    }

    @When("the guest issues TDCALL with RAX = {hex}")
    public void raw(Long rax) {
        RegisterFile r = World.patterned();
        r.set(Gpr.RAX, rax);
        LeafSpec spec = world.catalogue.leaves().stream()
                .filter(l -> l.instruction() == Instruction.TDCALL && !l.isSubfunction() && l.number() == (rax & 0xFFFF))
                .findFirst().orElse(null);
        // a raw call is checked against RAX semantics only: bypass the capability filter
        world.leaf = spec;
        world.call(null, Instruction.TDCALL, r);
        world.leaf = spec;
    }

    private void callWith(LeafSpec leaf, int version, Map<String, Long> values) {
        if (leaf.instruction() != Instruction.TDCALL) {
            throw new IllegalArgumentException(leaf.leaf() + " is a " + leaf.instruction() + " leaf, not a guest TDCALL");
        }
        world.call(leaf, Instruction.TDCALL, world.prepare(leaf, version, values));
    }

    /** Reads a two-column register | value table; values are hex, decimal, or "bitmap R10 R11 XMM0". */
    static Map<String, Long> values(DataTable table) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (List<String> row : table.asLists()) {
            if (row.size() < 2) throw new IllegalArgumentException("register table rows need two cells: | register | value |");
            String reg = row.get(0).trim();
            if (reg.equalsIgnoreCase("register")) continue; // header
            m.put(reg.toUpperCase(Locale.ROOT), value(row.get(1)));
        }
        return m;
    }

    /** Parses a register value: hex or decimal, or {@code bitmap R10 R11 XMM3} (a TDG.VP.VMCALL RCX bitmap). */
    public static long value(String text) {
        String t = text.trim();
        if (t.startsWith("bitmap")) {
            long bm = 0;
            for (String r : t.substring(6).trim().split("[\\s,]+")) {
                if (r.isEmpty()) continue;
                int x = Registers.xmmIndex(r);
                bm |= x >= 0 ? 1L << (16 + x) : Gpr.parse(r).bit();
            }
            return bm;
        }
        return Hex.parse(t);
    }

    // ---------------------------------------------------------------- Then

    @Then("{gpr} is {tdx}")
    public void statusIs(Gpr reg, String status) {
        long got = world.after().get(reg);
        StatusCode code = world.catalogue.tdxStatus().get(status);
        boolean match = code.allValues().contains(got & 0xFFFF_FFFF_0000_0000L)
                // TDX_SUCCESS has no detail: RAX must be exactly 0 (a leaf number left in RAX is not a status)
                && !(code.allValues().contains(0L) && got != 0);
        assertThat(match).withFailMessage("%s %s: expected %s, got %s", world.where(), reg,
                status, world.checker.describeStatus(got)).isTrue();
    }

    @Then("{gpr} is {tdx} with operand {word}")
    public void statusWithOperand(Gpr reg, String status, String operand) {
        statusIs(reg, status);
        long got = world.after().get(reg);
        var op = world.catalogue.operands().get(operand);
        if (op == null) throw new IllegalArgumentException(operand + " is not in leaf-specs/status/operand-ids.yaml");
        assertThat(got & 0xFFFF_FFFFL).withFailMessage("%s %s[31:0] operand id: expected %s (%d), got %s",
                world.where(), reg, operand, op.value(), world.checker.describeStatus(got)).isEqualTo((long) op.value());
    }

    @Then("{gpr} is {vmstatus}")
    public void vmcallStatusIs(Gpr reg, String status) {
        long expected = world.catalogue.vmcallStatus().get(status).value();
        long got = world.after().get(reg);
        String gotName = world.catalogue.decodeVmcallStatus(got).map(s -> s.name() + " ").orElse("a value that is no TDG.VP.VMCALL status ");
        assertThat(got).withFailMessage("%s %s: expected %s (%s), got %s(%s)", world.where(), reg, status,
                Hex.of(expected), gotName, Hex.of(got)).isEqualTo(expected);
    }

    @Then("{gpr} is {hex}")
    public void registerIs(Gpr reg, Long expected) {
        long got = world.after().get(reg);
        assertThat(got).withFailMessage("%s %s: expected %s, got %s", world.where(), reg, Hex.of(expected),
                Registers.decode(world.leaf(), reg.name(), got)).isEqualTo(expected);
    }

    @Then("{gpr} is not {hex}")
    public void registerIsNot(Gpr reg, Long unexpected) {
        long got = world.after().get(reg);
        assertThat(got).withFailMessage("%s %s: must not be %s", world.where(), reg, Hex.of(unexpected)).isNotEqualTo(unexpected);
    }

    @Then("{gpr} field {word} is {hex}")
    public void fieldIs(Gpr reg, String fieldName, Long expected) {
        Field f = requireField(reg, fieldName);
        long got = f.bits().extract(world.after().get(reg));
        assertThat(got).withFailMessage("%s %s[%s] %s: expected 0x%x, got 0x%x (%s = %s)", world.where(), reg, f.bits(),
                fieldName, expected, got, reg, Registers.decode(world.leaf(), reg.name(), world.after().get(reg))).isEqualTo(expected);
    }

    @Then("{gpr} field {word} is at most {gpr} field {word}")
    public void fieldAtMost(Gpr a, String fa, Gpr b, String fb) {
        long va = requireField(a, fa).bits().extract(world.after().get(a));
        long vb = requireField(b, fb).bits().extract(world.after().get(b));
        assertThat(Long.compareUnsigned(va, vb) <= 0).withFailMessage("%s %s %s = 0x%x exceeds %s %s = 0x%x",
                world.where(), a, fa, va, b, fb, vb).isTrue();
    }

    @Then("{gpr} field {word} is below {gpr} field {word}")
    public void fieldBelow(Gpr a, String fa, Gpr b, String fb) {
        long va = requireField(a, fa).bits().extract(world.after().get(a));
        long vb = requireField(b, fb).bits().extract(world.after().get(b));
        assertThat(Long.compareUnsigned(va, vb) < 0).withFailMessage("%s %s %s = 0x%x is not below %s %s = 0x%x",
                world.where(), a, fa, va, b, fb, vb).isTrue();
    }

    private Field requireField(Gpr reg, String fieldName) {
        Field f = world.leaf() == null ? null : Registers.field(world.leaf(), reg.name(), fieldName);
        if (f == null) {
            throw new IllegalArgumentException("the spec of " + (world.leaf() == null ? "this call" : world.leaf().leaf())
                    + " has no field " + fieldName + " in " + reg);
        }
        return f;
    }

    @Then("{gpr} is unchanged")
    public void unchanged(Gpr reg) {
        long b = world.before().get(reg);
        long a = world.after().get(reg);
        assertThat(a).withFailMessage("%s %s: must be unchanged: expected %s, got %s", world.where(), reg, Hex.of(b), Hex.of(a)).isEqualTo(b);
    }

    @Then("XMM{int} is unchanged")
    public void xmmUnchanged(int n) {
        assertXmmUnchanged(n);
    }

    @Then("every register except {registers} is unchanged")
    public void allExcept(List<String> except) {
        assertUnchangedExcept(except, 0);
    }

    @Then("no other register changed")
    public void noOtherRegister() {
        String statusReg = world.leaf() != null ? world.leaf().status().register() : "RAX";
        assertUnchangedExcept(List.of(statusReg), 0);
    }

    @Then("every register outside the bitmap is unchanged")
    public void outsideBitmap() {
        long bitmap = world.before().get(Gpr.RCX);
        assertUnchangedExcept(List.of("RAX"), bitmap);
    }

    private void assertUnchangedExcept(List<String> except, long bitmap) {
        StringBuilder bad = new StringBuilder();
        for (Gpr g : Gpr.values()) {
            if (except.contains(g.name()) || (bitmap & g.bit()) != 0) continue;
            if (world.before().get(g) != world.after().get(g)) {
                bad.append(String.format("%n  %s: expected %s, got %s", g, Hex.of(world.before().get(g)), Hex.of(world.after().get(g))));
            }
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            if (except.contains("XMM" + i) || (bitmap & (1L << (16 + i))) != 0) continue;
            if (world.before().xmmLow(i) != world.after().xmmLow(i) || world.before().xmmHigh(i) != world.after().xmmHigh(i)) {
                bad.append(String.format("%n  XMM%d: expected 0x%016x%016x, got 0x%016x%016x", i,
                        world.before().xmmHigh(i), world.before().xmmLow(i), world.after().xmmHigh(i), world.after().xmmLow(i)));
            }
        }
        assertThat(bad.length()).withFailMessage("%s registers that must be unchanged changed:%s", world.where(), bad).isZero();
    }

    private void assertXmmUnchanged(int n) {
        RegisterFile b = world.before();
        RegisterFile a = world.after();
        assertThat(a.xmmLow(n) == b.xmmLow(n) && a.xmmHigh(n) == b.xmmHigh(n))
                .withFailMessage("%s XMM%d: must be unchanged: expected 0x%016x%016x, got 0x%016x%016x", world.where(), n,
                        b.xmmHigh(n), b.xmmLow(n), a.xmmHigh(n), a.xmmLow(n)).isTrue();
    }

    @Then("XMM{int} is {xmmvalue}")
    public void xmmIs(int n, BigInteger v) {
        long lo = v.longValue();
        long hi = v.shiftRight(64).longValue();
        RegisterFile a = world.after();
        assertThat(a.xmmLow(n) == lo && a.xmmHigh(n) == hi)
                .withFailMessage("%s XMM%d: expected 0x%016x%016x, got 0x%016x%016x", world.where(), n, hi, lo, a.xmmHigh(n), a.xmmLow(n))
                .isTrue();
    }

    @Then("the call complies with the leaf's contract")
    public void complies() {
        world.failIfAny(world.checker.check(world.leaf(), world.before(), world.after(), world.context()));
    }

    @Then("guest memory at {hex} holds {string}")
    public void memoryHolds(Long gpa, String bytes) {
        byte[] expected = Hex.bytes(bytes);
        byte[] got;
        try {
            got = world.impl.readGuestMemory(gpa, expected.length);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
        assertThat(Hex.bytesOf(got)).withFailMessage("%s guest memory at %s: expected %s, got %s", world.where(), Hex.of(gpa),
                Hex.bytesOf(expected), Hex.bytesOf(got)).isEqualTo(Hex.bytesOf(expected));
    }
}
