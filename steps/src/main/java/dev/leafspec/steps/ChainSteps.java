package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.StatusCode;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps that chain calls the way guest code does: pass an output of the previous call back as an input (the
 * next metadata field ID, a handle computed from a value read), repeat a call while it reports "more to come",
 * and check that a TDCALL did not complete at all (every register, RAX included, as before).
 */
public class ChainSteps {
    /** Upper bound on repetitions, so that an implementation that never finishes fails instead of hanging. */
    static final int MAX_REPEATS = 256;
    private static final Pattern PREVIOUS = Pattern.compile(
            "previous\\s+(R[A-Z0-9]+)(?:\\s*([+-])\\s*(0x[0-9a-fA-F_]+|\\d+))?", Pattern.CASE_INSENSITIVE);

    private final World world;

    public ChainSteps(World world) {
        this.world = world;
    }

    @When("the guest calls {leaf} with values from the previous call:")
    public void callsWithPrevious(LeafSpec leaf, DataTable table) {
        call(leaf, 0, table);
    }

    @When("the guest calls {leaf} version {int} with values from the previous call:")
    public void callsVersionWithPrevious(LeafSpec leaf, int version, DataTable table) {
        call(leaf, version, table);
    }

    private void call(LeafSpec leaf, int version, DataTable table) {
        RegisterFile previous = world.after();
        Map<String, Long> values = new LinkedHashMap<>();
        for (List<String> row : table.asLists()) {
            if (row.size() < 2) throw new IllegalArgumentException("register table rows need two cells: | register | value |");
            String reg = row.get(0).trim().toUpperCase(Locale.ROOT);
            if (reg.equals("REGISTER")) continue;
            values.put(reg, value(previous, row.get(1)));
        }
        if (leaf.instruction() != Instruction.TDCALL) {
            throw new IllegalArgumentException(leaf.leaf() + " is a " + leaf.instruction() + " leaf, not a guest TDCALL");
        }
        world.call(leaf, Instruction.TDCALL, world.prepare(leaf, version, values));
    }

    /** A value: {@code previous RDX}, {@code previous R8 + 0x1}, or anything a register table accepts. */
    static long value(RegisterFile previous, String text) {
        Matcher m = PREVIOUS.matcher(text.trim());
        if (m.matches()) {
            long v = previous.get(Gpr.parse(m.group(1).toUpperCase(Locale.ROOT)));
            if (m.group(2) != null) {
                long d = Hex.parse(m.group(3));
                v = m.group(2).equals("+") ? v + d : v - d;
            }
            return v;
        }
        return GuestSteps.value(text);
    }

    /**
     * Repeats the last call with {@code reg} set to its value after the previous call, as long as the status is
     * {@code status} (e.g. TDG.SYS.RDALL with R8 = NEXT_FIELD_ID while TDX_METADATA_LIST_OVERFLOW).
     */
    @When("the guest repeats the call with {gpr} from the previous call while RAX is {tdx}")
    public void repeatWhile(Gpr reg, String status) {
        StatusCode code = world.catalogue.tdxStatus().get(status);
        int calls = 0;
        while (code.allValues().contains(world.after().get(Gpr.RAX) & 0xFFFF_FFFF_0000_0000L)) {
            if (++calls > MAX_REPEATS) {
                throw new AssertionError(String.format("%s: still %s after %d repetitions (%s = %s)", world.where(), status,
                        MAX_REPEATS, reg, Hex.of(world.after().get(reg))));
            }
            RegisterFile next = world.before().copy();
            next.set(reg, world.after().get(reg));
            world.call(world.leaf(), Instruction.TDCALL, next);
        }
    }

    /** The TDCALL did not complete (a #VE or TD exit instead of a status): RAX and every other register as before. */
    @Then("every register is unchanged")
    public void everyRegisterUnchanged() {
        RegisterFile b = world.before();
        RegisterFile a = world.after();
        StringBuilder bad = new StringBuilder();
        for (Gpr g : Gpr.values()) {
            if (b.get(g) != a.get(g)) {
                String got = g == Gpr.RAX ? world.checker.describeStatus(a.get(g)) : Hex.of(a.get(g));
                bad.append(String.format("%n  %s: expected %s, got %s", g, Hex.of(b.get(g)), got));
            }
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            if (b.xmmLow(i) != a.xmmLow(i) || b.xmmHigh(i) != a.xmmHigh(i)) {
                bad.append(String.format("%n  XMM%d changed", i));
            }
        }
        assertThat(bad.length()).withFailMessage("%s the TDCALL must not complete, so no register (RAX included) may change:%s",
                world.where(), bad).isZero();
    }
}
