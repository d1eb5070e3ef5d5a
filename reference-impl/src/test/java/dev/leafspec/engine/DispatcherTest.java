package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Role;

import java.util.ServiceLoader;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DispatcherTest extends EngineTestBase {

    @ParameterizedTest
    @ValueSource(longs = {0x0000_0000_0100_0001L, 0x0000_0000_8000_0001L, 0x0000_0001_0000_0001L,
            0x8000_0000_0000_0001L, 13, 14, 17, 19, 21, 28, 0xFFFF, 0x0001_0001L, 0x00FF_0000L, 0x0001_0000L})
    void invalidRaxGivesOperandInvalidRaxAndChangesNothingElse(long rax) {
        RegisterFile before = filled();
        RegisterFile r = before.copy();
        tdcall(rax, r);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        assertOnlyChanged(before, r, Gpr.RAX);
        assertThat(m.observe("host.last-exit")).isNull();
    }

    @Test
    void versionOneIsAcceptedOnlyForVmRdOnModule15() {
        RegisterFile r = tdcall(0x0001_0007L, 0, 0x1110000300000000L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        r = tdcall(0x0002_0007L, 0, 0x1110000300000000L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        m.fixture("td.config", p("VERSION", "1.0"));
        r = tdcall(0x0001_0007L, 0, 0x1110000300000000L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11, 12, 18, 20, 22, 23, 24, 25, 26, 27})
    void leavesAddedIn15AreUnknownOnModule10(int leaf) {
        m.fixture("td.config", p("VERSION", "1.0"));
        RegisterFile before = filled();
        RegisterFile r = tdcall(leaf, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        assertOnlyChanged(before, r, Gpr.RAX);
    }

    @Test
    void unmodelledSeamcallLeafIsNotSupported() {
        RegisterFile r = new RegisterFile();
        r.gpr(0, SeamcallDispatcher.TDH_MEM_SEPT_WR);
        assertThatThrownBy(() -> m.call(Instruction.SEAMCALL, r))
                .isInstanceOf(NotSupportedException.class)
                .extracting(e -> ((NotSupportedException) e).capability()).isEqualTo("leaf TDH.MEM.SEPT.WR");
    }

    @Test
    void identityCapabilitiesAndServiceLoader() {
        assertThat(m.identity().name()).isEqualTo("LeafSpec reference engine");
        assertThat(m.capabilities().roles()).containsExactlyInAnyOrder(Role.MODULE_TDCALL, Role.VMM_TDVMCALL, Role.MODULE_SEAMCALL);
        assertThat(m.capabilities().specVersions()).containsExactlyInAnyOrder("1.0", "1.5");
        assertThat(m.capabilities().leaves()).contains("TDG.VP.INFO", "TDG.VP.VMCALL", "TDG.VP.VMCALL<MapGPA>",
                "TDG.VP.VMCALL<Instruction.CPUID>", "TDG.VP.VMCALL<#VE.RequestMMIO>", "TDG.MEM.PAGE.ACCEPT",
                "TDG.SERVTD.RD", "TDG.SERVTD.WR", "TDG.VP.RD", "TDG.VP.WR", "TDG.SYS.RDALL", "TDG.MEM.PAGE.ATTR.WR",
                "TDG.VP.VMCALL<MigTD>");
        assertThat(m.capabilities().features()).contains("NO_RBP_MOD", "vector-state", "host-view", "guest-memory");
        assertThat(ServiceLoader.load(LeafImplementation.class).stream().map(ServiceLoader.Provider::type))
                .contains(TdxModule.class);
    }

    @Test
    void unknownFixtureAndObservationAreNotSupported() {
        assertThatThrownBy(() -> m.fixture("td.nonsense", p())).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> m.observe("nonsense")).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void resetRestoresDefaults() {
        m.fixture("td.config", p("GPAW", "52", "NUM_VCPUS", "7"));
        m.fixture("host.write", p("register", "R12", "value", "5"));
        m.reset();
        RegisterFile r = tdcall(1, filled());
        assertThat(r.get(Gpr.RCX)).isEqualTo(48);
        assertThat(r.get(Gpr.R8)).isEqualTo((8L << 32) | 4);
    }
}
