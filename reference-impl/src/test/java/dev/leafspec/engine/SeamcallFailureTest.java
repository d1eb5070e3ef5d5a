package dev.leafspec.engine;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixture platform.seam: with no SEAM module loaded every SEAMCALL fails VMfailInvalid (CF = 1, no register written). */
class SeamcallFailureTest extends SeamTestBase {
    @Test
    void unloadedModuleFailsEverySeamcallWithCfAndNoRegisterChange() {
        m.fixture("platform.seam", Map.of("state", "unloaded"));
        for (long rax : new long[] {SeamcallDispatcher.TDH_SYS_INIT, SeamcallDispatcher.TDH_MNG_CREATE, 0x7F, 1L << 40}) {
            RegisterFile r = filled();
            r.gpr(0, rax);
            RegisterFile before = r.copy();
            m.call(Instruction.SEAMCALL, r);
            assertThat(r.rflags() & 1).as("CF for RAX 0x%x", rax).isEqualTo(1);
            assertThat(r.rflags() & ~1L).isEqualTo(before.rflags() & ~1L);
            RegisterFile expected = before.copy();
            expected.rflags(r.rflags());
            assertThat(r).as("registers for RAX 0x%x", rax).isEqualTo(expected);
        }
    }

    @Test
    void loadedModuleSucceedsWithCfClearAndResetReloads() {
        m.fixture("platform.seam", Map.of("state", "unloaded"));
        m.reset();
        RegisterFile r = filled();
        r.rflags(0x2 | 0x8D5);
        r.gpr(0, SeamcallDispatcher.TDH_SYS_INIT);
        for (int g : new int[] {1, 2, 8, 9}) r.gpr(g, 0);
        m.call(Instruction.SEAMCALL, r);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.rflags()).isEqualTo(0x2);
    }

    @Test
    void tdcallUnaffectedAndBadStateRejected() {
        m.fixture("platform.seam", Map.of("state", "unloaded"));
        RegisterFile r = filled();
        r.gpr(0, TdxModule.TDG_VP_INFO);
        m.call(Instruction.TDCALL, r);
        assertThat(r.gpr(0)).isZero();
        assertThatThrownBy(() -> m.fixture("platform.seam", Map.of("state", "gone")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
