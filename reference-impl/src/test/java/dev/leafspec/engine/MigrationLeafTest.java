package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration leaves up to their TD state checks (tdx_1.5 migration_api_calls/*.c, op_state_lookup.c): wrong pages,
 * operation states, TDX_TD_NOT_MIGRATABLE / TDX_MIN_MIGS_NOT_CREATED, and XMMs untouched (no AES-GCM reached).
 */
class MigrationLeafTest extends SeamTestBase {
    static final long OP_RCX = 1, OP_RDX = 2, OP_TDR = 128;

    @Test
    void exportStateImmutableStopsBeforeAesGcm() {
        buildTd(true);
        RegisterFile r = seam(72, TDR, 0x55, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_TD_NOT_MIGRATABLE);
        assertThat(r.gpr(2)).as("RDX cleared at the start").isZero();
        RegisterFile before = filled();
        for (int i = 0; i < 16; i++) {
            assertThat(r.xmmLow(i)).as("XMM%d", i).isEqualTo(before.xmmLow(i));
            assertThat(r.xmmHigh(i)).as("XMM%d", i).isEqualTo(before.xmmHigh(i));
        }
        m.seam.tds.get(TDR).attributes |= 1L << 29;
        assertThat(status(72, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_MIN_MIGS_NOT_CREATED);
        assertThat(status(72, VP, 0, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
    }

    @Test
    void opStateRowsOfTheOtherLeaves() {
        buildTd(true);
        for (int leaf : new int[] {64, 70, 71, 73, 80, 81, 82, 84, 85, 86}) {
            assertThat(status(leaf, TDR, 0, 0, 0)).as("leaf %d", leaf).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        }
        for (int leaf : new int[] {65, 68, 83}) {
            assertThat(status(leaf, 0, TDR, 0, 0)).as("leaf %d", leaf).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
            assertThat(status(leaf, 0, VP, 0, 0)).as("leaf %d", leaf).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RDX);
        }
        assertThat(status(74, VP, 0, 0, 0)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        assertThat(status(87, TDR, 0, 0, 0)).as("TDVPR expected").isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
        assertThat(status(96, 0, TDR, 0, 0)).as("MIGSC page outside the TDMR").isEqualTo(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR | OP_RCX);
    }

    @Test
    void importStateImmutableIntoAnUninitializedTd() {
        buildTd(true);
        assertThat(status(85, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        m.reset();
        m.fixture("platform.ready", java.util.Map.of());
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0);
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        m.fixture("platform.lp", java.util.Map.of("lp", "2"));
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        assertThat(status(85, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_TDCS_NOT_ALLOCATED);
        for (int i = 1; i <= 6; i++) ok(SeamcallDispatcher.TDH_MNG_ADDCX, TDR + i * 0x1000L, TDR, 0, 0);
        RegisterFile r = seam(85, TDR, 7, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_MIN_MIGS_NOT_CREATED);
        assertThat(r.gpr(1)).isZero();
        assertThat(r.gpr(2)).isZero();
    }
}
