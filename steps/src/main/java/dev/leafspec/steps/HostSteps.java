package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.steps.contract.Registers;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps that script the host VMM behind TDG.VP.VMCALL and check what it saw. */
public class HostSteps {
    private final World world;

    public HostSteps(World world) {
        this.world = world;
    }

    @Given("the host answers {word} with {vmstatus}")
    public void answers(String subfunction, String status) {
        world.fixture("host.answer", Map.of("subfunction", subfunction, "status", status));
    }

    @Given("the host answers {word} with {vmstatus} once")
    public void answersOnce(String subfunction, String status) {
        world.fixture("host.answer", Map.of("subfunction", subfunction, "status", status, "times", "1"));
    }

    @Given("the host answers {word} with {vmstatus} and:")
    public void answersWith(String subfunction, String status, DataTable registers) {
        answer(subfunction, status, registers, null);
    }

    @Given("the host answers {word} with {vmstatus} once and:")
    public void answersOnceWith(String subfunction, String status, DataTable registers) {
        answer(subfunction, status, registers, "1");
    }

    private void answer(String subfunction, String status, DataTable registers, String times) {
        Map<String, String> p = new LinkedHashMap<>();
        if (times != null) p.put("times", times);
        p.put("subfunction", subfunction);
        p.put("status", status);
        for (List<String> row : registers.asLists()) {
            if (row.get(0).equalsIgnoreCase("register")) continue;
            p.put(row.get(0).trim(), row.get(1).trim());
        }
        world.fixture("host.answer", p);
    }

    @Given("the host writes {hex} into {word} on every exit")
    public void hostileWrite(Long value, String register) {
        world.fixture("host.write", Map.of("register", register, "value", Hex.of(value)));
    }

    @Given("the host writes {hex} into every register on every exit")
    public void hostileWriteAll(Long value) {
        for (Gpr g : Gpr.values()) {
            if (g == Gpr.RAX || g == Gpr.RCX || g == Gpr.RSP) continue;
            world.fixture("host.write", Map.of("register", g.name(), "value", Hex.of(value ^ g.ordinal())));
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            world.fixture("host.write", Map.of("register", "XMM" + i, "value", Hex.of(value ^ (0x100 + i))));
        }
    }

    @Given("the host's CPUID leaf {hex} subleaf {hex} returns:")
    public void cpuid(Long leaf, Long subleaf, DataTable table) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("leaf", Hex.of(leaf));
        p.put("subleaf", Hex.of(subleaf));
        for (var e : table.asMap(String.class, String.class).entrySet()) p.put(e.getKey().toLowerCase(), e.getValue());
        world.fixture("host.cpuid", p);
    }

    @Given("the host's MSR {hex} holds {hex}")
    public void msr(Long msr, Long value) {
        world.fixture("host.msr", Map.of("msr", Hex.of(msr), "value", Hex.of(value)));
    }

    @Given("the host's port {hex} holds {hex} of size {int}")
    public void port(Long port, Long value, int size) {
        world.fixture("host.port", Map.of("port", Hex.of(port), "value", Hex.of(value), "size", Integer.toString(size)));
    }

    @Given("the host's MMIO at {hex} holds {hex} of size {int}")
    public void mmio(Long gpa, Long value, int size) {
        world.fixture("host.mmio", Map.of("gpa", Hex.of(gpa), "value", Hex.of(value), "size", Integer.toString(size)));
    }

    @Given("the host fills GetQuote buffers with status {hex} and quote {string}")
    public void quote(Long status, String quote) {
        world.fixture("host.quote", Map.of("status", Hex.of(status), "quote", quote));
    }

    @Given("the host does not support {word}")
    public void unsupported(String subfunction) {
        world.fixture("host.unsupported", Map.of("subfunction", subfunction));
    }

    @Then("the host was not called")
    public void notCalled() {
        RegisterFile h = world.hostView();
        assertThat(h).withFailMessage("%s: the call must not exit to the host, but the host saw:%n%s", world.where(), h).isNull();
    }

    @Then("the host was called")
    public void called() {
        assertThat(world.hostView()).withFailMessage("%s: the call must exit to the host, but it did not", world.where()).isNotNull();
    }

    @Then("the host saw {gpr} = {hex}")
    public void hostSaw(Gpr reg, Long value) {
        RegisterFile h = requireHostView();
        assertThat(h.get(reg)).withFailMessage("%s host's view of %s: expected %s, got %s", world.where(), reg,
                Hex.of(value), Registers.decode(world.leaf(), reg.name(), h.get(reg))).isEqualTo(value);
    }

    @Then("the host saw XMM{int} = {hex}")
    public void hostSawXmm(int n, Long low) {
        RegisterFile h = requireHostView();
        assertThat(h.xmmLow(n)).withFailMessage("%s host's view of XMM%d[63:0]: expected %s, got %s", world.where(), n,
                Hex.of(low), Hex.of(h.xmmLow(n))).isEqualTo(low);
    }

    @Then("the host saw the guest's {gpr}")
    public void hostSawGuests(Gpr reg) {
        hostSaw(reg, world.before().get(reg));
    }

    @Then("the host saw only the registers the bitmap selects")
    public void onlySelected() {
        RegisterFile h = requireHostView();
        long bitmap = world.before().get(Gpr.RCX);
        StringBuilder bad = new StringBuilder();
        for (Gpr g : Gpr.values()) {
            if (g == Gpr.RAX || g == Gpr.RCX) continue; // RAX: exit information; RCX: the bitmap itself
            boolean selected = (bitmap & g.bit()) != 0;
            long seen = h.get(g);
            if (g == Gpr.RBP && !selected && world.noRbpMod) {
                // NO_RBP_MOD: the module leaves the host's own RBP in place; the guest's must not show through
                if (seen == world.before().get(g) && seen != 0) {
                    bad.append(String.format("%n  RBP is not selected (NO_RBP_MOD) but the host saw the guest's %s", Hex.of(seen)));
                }
            } else if (!selected && seen != 0) {
                bad.append(String.format("%n  %s is not selected but the host saw %s", g, Hex.of(seen)));
            } else if (selected && seen != world.before().get(g)) {
                bad.append(String.format("%n  %s is selected: the host must see the guest's %s, saw %s", g,
                        Hex.of(world.before().get(g)), Hex.of(seen)));
            }
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            boolean selected = (bitmap & (1L << (16 + i))) != 0;
            boolean zero = h.xmmLow(i) == 0 && h.xmmHigh(i) == 0;
            boolean same = h.xmmLow(i) == world.before().xmmLow(i) && h.xmmHigh(i) == world.before().xmmHigh(i);
            if (!selected && !zero) bad.append(String.format("%n  XMM%d is not selected but the host saw a value", i));
            if (selected && !same) bad.append(String.format("%n  XMM%d is selected but the host did not see the guest's value", i));
        }
        assertThat(bad.length()).withFailMessage("%s [bitmap %s] the host's view breaks the bitmap:%s", world.where(),
                Hex.of(bitmap), bad).isZero();
    }

    @Then("the host saw RCX = the bitmap")
    public void hostSawBitmap() {
        hostSaw(Gpr.RCX, world.before().get(Gpr.RCX));
    }

    private RegisterFile requireHostView() {
        RegisterFile h = world.hostView();
        assertThat(h).withFailMessage("%s: the call did not exit to the host", world.where()).isNotNull();
        return h;
    }
}
