package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.leafspec.engine.SeamcallDispatcher.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TDH.SYS.LP.SHUTDOWN / SHUTDOWN / UPDATE, TDH.MEM.SEPT.RD, TDH.MEM.RD/WR and TDH.MEM.PAGE.DEMOTE/PROMOTE/RELOCATE
 * on the TD of {@link SeamTestBase#buildTd} (statuses from intel/tdx-module tdx_1.5 api_calls/tdh_sys_*.c,
 * tdh_mem_sept_rd.c, tdh_mem_rd_wr.c, tdh_mem_page_demote.c, tdh_mem_page_promote.c, tdh_mem_page_relocate.c).
 */
class SeamMemAndShutdownTest extends SeamTestBase {
    static final long OP_RCX = 1, OP_RDX = 2, OP_R8 = 8, FREE_PAGE = TDR + 0x40000;

    @Test
    void lpShutdownRunsInEveryState() {
        assertThat(status(TDH_SYS_LP_SHUTDOWN, 0, 0, 0, 0)).as("before TDH.SYS.INIT").isZero();
        m.fixture("platform.ready", Map.of());
        ok(TDH_SYS_LP_SHUTDOWN, 0, 0, 0, 0);
    }

    @Test
    void shutdownChecksTheHandoffVersionThenShutsTheModuleDown() {
        assertThat(status(TDH_SYS_SHUTDOWN, 0, 0, 0, 0)).as("not READY").isEqualTo(SeamStatus.TDX_SYS_NOT_READY);
        m.fixture("platform.ready", Map.of());
        assertThat(status(TDH_SYS_SHUTDOWN, 1, 0, 0, 0)).as("HV above MODULE_HV 0")
                .isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        ok(TDH_SYS_RD, 0, 0x0A00000300000008L, 0, 0);
        RegisterFile r = seam(TDH_SYS_SHUTDOWN, 0, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).as("no output").isZero();
        for (int leaf : new int[] {TDH_SYS_RD, TDH_SYS_INIT, TDH_SYS_SHUTDOWN, TDH_SYS_UPDATE, TDH_MNG_CREATE}) {
            assertThat(status(leaf, 0, 0, 0, 0)).as("leaf %d", leaf).isEqualTo(SeamStatus.TDX_SYS_SHUTDOWN);
        }
        ok(TDH_SYS_LP_SHUTDOWN, 0, 0, 0, 0);
    }

    @Test
    void updateNeedsSysInitAndEveryLpThenFindsNoHandoff() {
        assertThat(status(TDH_SYS_UPDATE, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_STATE_INCORRECT);
        ok(TDH_SYS_INIT, 0, 0, 0, 0);
        assertThat(status(TDH_SYS_UPDATE, 0, 0, 0, 0)).as("LPs not initialised").isEqualTo(SeamStatus.TDX_SYS_STATE_INCORRECT);
        for (int lp = 0; lp < 4; lp++) {
            m.fixture("platform.lp", Map.of("lp", Integer.toString(lp)));
            ok(TDH_SYS_LP_INIT, 0, 0, 0, 0);
        }
        assertThat(status(TDH_SYS_UPDATE, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_INVALID_HANDOFF);
    }

    @Test
    void septRdReadsEveryLevel() {
        buildTd(true);
        RegisterFile r = seam(TDH_MEM_SEPT_RD, 0, TDR, 0x77, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(PAGE0 | 7);
        assertThat(r.gpr(2)).isEqualTo(4L << 8);
        assertThat(r.gpr(8)).as("R8 untouched without READ_L2_ATTRIBUTES").isEqualTo(0x77);
        r = seam(TDH_MEM_SEPT_RD, 1, TDR, 0, 0);
        assertThat(r.gpr(1)).isEqualTo(SEPT1 | 7);
        assertThat(r.gpr(2)).isEqualTo(1 | (4L << 8));
        r = seam(TDH_MEM_SEPT_RD, 0x1000, TDR, 0, 0);
        assertThat(r.gpr(0)).as("a FREE entry is readable").isZero();
        assertThat(r.gpr(1)).isEqualTo(1L << 63);
        assertThat(r.gpr(2)).isZero();
        r = seam(TDH_MEM_SEPT_RD, 0x20_0000, TDR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_EPT_WALK_FAILED | OP_RCX);
        assertThat(r.gpr(2)).isEqualTo(1);
        assertThat(status(TDH_MEM_SEPT_RD, 4, TDR, 0, 0)).as("LEVEL 4 with 4-level EPT").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_MEM_SEPT_RD, 0, TDR | 1, 0, 0)).as("L2 attributes of a non-debug TD")
                .isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RDX);
        assertThat(status(TDH_MEM_SEPT_RD, 0, TDR | 2, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RDX);
    }

    @Test
    void memRdWrNeedADebugTd() {
        buildTd(true);
        assertThat(status(TDH_MEM_RD, 0, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_TD_NON_DEBUG);
        assertThat(status(TDH_MEM_WR, 0, TDR, 1, 0)).isEqualTo(SeamStatus.TDX_TD_NON_DEBUG);
        m.seam.tds.get(TDR).attributes |= 1;
        RegisterFile r = seam(TDH_MEM_RD, 8, TDR, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(0xABABABABABABABABL);
        assertThat(r.gpr(1)).isZero();
        assertThat(r.gpr(2)).isZero();
        r = seam(TDH_MEM_WR, 8, TDR, 0x1122334455667788L, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).as("old data").isEqualTo(0xABABABABABABABABL);
        assertThat(seam(TDH_MEM_RD, 8, TDR, 0, 0).gpr(8)).isEqualTo(0x1122334455667788L);
        assertThat(status(TDH_MEM_RD, 4, TDR, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_MEM_RD, 1L << 47, TDR, 0, 0)).as("shared GPA").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        r = seam(TDH_MEM_RD, 0x1000, TDR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_EPT_ENTRY_NOT_PRESENT | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(1L << 63);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        r = seam(TDH_MEM_RD, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).as("blocked: RWX clear").isEqualTo(SeamStatus.TDX_EPT_ENTRY_NOT_PRESENT | OP_RCX);
        assertThat(r.gpr(2)).isEqualTo(1L << 8);
    }

    @Test
    void demoteAndPromoteOnAFourKilobyteOnlyHost() {
        buildTd(true);
        RegisterFile r = seam(TDH_MEM_PAGE_DEMOTE, 1, TDR, FREE_PAGE, 0);
        assertThat(r.gpr(0)).as("level-1 entry is a non-leaf").isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(SEPT1 | 7);
        assertThat(status(TDH_MEM_PAGE_DEMOTE, 0, TDR, FREE_PAGE, 0)).as("LEVEL 0").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_MEM_PAGE_DEMOTE, 1, TDR | 0x10, FREE_PAGE, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RDX);
        assertThat(status(TDH_MEM_PAGE_DEMOTE, 0x20_0001, TDR, FREE_PAGE, 0)).isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        r = seam(TDH_MEM_PAGE_PROMOTE, 1, TDR, 0, 0);
        assertThat(r.gpr(0)).as("RUNNABLE, not blocked").isEqualTo(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED | OP_RCX);
        ok(TDH_MEM_RANGE_BLOCK, 1, TDR, 0, 0);
        assertThat(status(TDH_MEM_PAGE_PROMOTE, 1, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_TLB_TRACKING_NOT_DONE | OP_RCX);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        assertThat(status(TDH_MEM_PAGE_PROMOTE, 1, TDR, 0, 0)).as("one page, not 512")
                .isEqualTo(SeamStatus.TDX_EPT_INVALID_PROMOTE_CONDITIONS | OP_RCX);
        assertThat(status(TDH_MEM_PAGE_PROMOTE | (2 << 16), 1, TDR, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID);
        assertThat(status(TDH_MEM_PAGE_PROMOTE, 0x20_0001, TDR, 0, 0)).as("FREE level-1 entry")
                .isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
    }

    @Test
    void relocateMovesABlockedTrackedPage() {
        buildTd(true);
        assertThat(status(TDH_MEM_PAGE_RELOCATE, 0, TDR, PAGE0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_R8);
        RegisterFile r = seam(TDH_MEM_PAGE_RELOCATE, 0, TDR, FREE_PAGE, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(PAGE0 | 7);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        assertThat(status(TDH_MEM_PAGE_RELOCATE, 0, TDR, FREE_PAGE, 0)).isEqualTo(SeamStatus.TDX_TLB_TRACKING_NOT_DONE | OP_RCX);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        assertThat(status(TDH_MEM_PAGE_RELOCATE, 0, TDR, SEPT1, 0)).as("target not NDA")
                .isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_R8);
        assertThat(status(TDH_MEM_PAGE_RELOCATE, 1, TDR, FREE_PAGE, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        r = seam(TDH_MEM_PAGE_RELOCATE, 0, TDR, FREE_PAGE, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).as("old HPA").isEqualTo(PAGE0);
        r = seam(TDH_MEM_SEPT_RD, 0, TDR, 0, 0);
        assertThat(r.gpr(1)).as("maps the target, unblocked").isEqualTo(FREE_PAGE | 7);
        assertThat(r.gpr(2)).isEqualTo(4L << 8);
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0).gpr(1)).as("old page NDA").isZero();
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, FREE_PAGE, 0, 0, 0).gpr(1)).as("PT_REG").isEqualTo(3);
        m.seam.tds.get(TDR).attributes |= 1;
        assertThat(seam(TDH_MEM_RD, 0, TDR, 0, 0).gpr(8)).as("contents copied").isEqualTo(0xABABABABABABABABL);
        assertThat(status(TDH_MEM_PAGE_RELOCATE, 0x1000, TDR, FREE_PAGE + 0x1000, 0))
                .isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
    }
}
