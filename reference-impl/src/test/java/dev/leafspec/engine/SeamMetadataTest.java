package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TDH.SYS.INFO, TDH.SYS.RD/RDALL, TDH.MNG.RD/WR, TDH.VP.RD/WR. */
class SeamMetadataTest extends SeamTestBase {
    static final long MAJOR = 0x0800000100000004L, MINOR = 0x0800000100000003L, FEATURES0 = 0x0A00000300000008L;
    static final long NULL_ID = -1L;

    @Test
    void sysRdNeedsLpInitButNotReady() {
        RegisterFile r = seam(SeamcallDispatcher.TDH_SYS_RD, 0, MAJOR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_SYS_LP_INIT_NOT_DONE);
        assertThat(r.gpr(2)).isEqualTo(-1L);
        assertThat(r.gpr(8)).isZero();
        ok(SeamcallDispatcher.TDH_SYS_INIT, 0, 0, 0, 0);
        ok(SeamcallDispatcher.TDH_SYS_LP_INIT, 0, 0, 0, 0);
        r = seam(SeamcallDispatcher.TDH_SYS_RD, 0, MAJOR, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(1);
        assertThat(r.gpr(2)).isEqualTo(0x0800000100000005L);
    }

    @Test
    void sysRdFields() {
        m.fixture("platform.ready", Map.of());
        assertThat(seam(SeamcallDispatcher.TDH_SYS_RD, 0, MINOR, 0, 0).gpr(8)).isEqualTo(5);
        RegisterFile r = seam(SeamcallDispatcher.TDH_SYS_RD, 0, FEATURES0 | (1L << 52), 0, 0); // context ignored
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8) & (1L << 18)).as("NO_RBP_MOD").isNotZero();
        r = seam(SeamcallDispatcher.TDH_SYS_RD, 0, NULL_ID, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT);
        assertThat(r.gpr(2)).isEqualTo(0x0000000200000000L);
        assertThat(seam(SeamcallDispatcher.TDH_SYS_RD, 0, 0x0000000200000000L, 0, 0).gpr(8)).isEqualTo(2); // NUM_PKGS
        assertThat(seam(SeamcallDispatcher.TDH_SYS_RD, 0, 0x9000000300000100L, 0, 0).gpr(8)).isEqualTo(0x1_0000_0000L);
        assertThat(seam(SeamcallDispatcher.TDH_SYS_RD, 0, 0x9000000300000101L, 0, 0).gpr(8)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_SYS_RD, 0, MAJOR | (1L << 24), 0, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT);
        assertThat(status(SeamcallDispatcher.TDH_SYS_RD, 0, 0x0800000100000007L, 0, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT);
        // the last field
        r = seam(SeamcallDispatcher.TDH_SYS_RD, 0, 0xA200000300000006L, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(2)).isEqualTo(-1L);
    }

    @Test
    void sysRdallDumpsEveryField() {
        m.fixture("platform.ready", Map.of());
        assertThat(status(SeamcallDispatcher.TDH_SYS_RDALL, 0, 0x1001, NULL_ID, 0)).isEqualTo(0xC000010000000002L);
        RegisterFile r = seam(SeamcallDispatcher.TDH_SYS_RDALL, 0, 0x1000, NULL_ID, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(-1L);
        assertThat(m.seam.read64(0x1008)).isEqualTo(0x0000000200000000L | (8L << 38)); // NUM_PKGS + 8 PKG_FMS in one sequence
        assertThat(m.seam.read64(0x1010)).isEqualTo(2);
        assertThat(count(0x1000)).isEqualTo(354);
        // from MAJOR_VERSION: the rest of the table
        r = seam(SeamcallDispatcher.TDH_SYS_RDALL, 0, 0x2000, MAJOR, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(m.seam.read64(0x2008) & 0xFFFFFF).isEqualTo(4);
        assertThat(count(0x2000)).isEqualTo(354 - 13);
        assertThat(status(SeamcallDispatcher.TDH_SYS_RDALL, 0, 0x1000, MAJOR | 0x100, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT);
    }

    private int count(long pa) {
        long hdr = m.seam.read64(pa);
        int size = (int) (hdr & 0xFFFF), n = 0;
        for (int off = 8; off < size; ) {
            long sh = m.seam.read64(pa + off);
            int per = (int) ((sh >>> 34) & 0xF) + 1, fields = (int) ((sh >>> 38) & 0x1FF) + 1;
            n += per * fields;
            off += 8 + 8 * per * fields;
        }
        return n;
    }

    @Test
    void sysInfo() {
        m.fixture("platform.ready", Map.of());
        assertThat(status(SeamcallDispatcher.TDH_SYS_INFO, 0x1000, 1023, 0x2000, 32)).isEqualTo(0xC000010000000002L);
        RegisterFile r = seam(SeamcallDispatcher.TDH_SYS_INFO, 0x1000, 1024, 0x2000, 31);
        assertThat(r.gpr(0)).isEqualTo(0xC000010000000009L);
        assertThat(r.gpr(2)).isZero();
        r = seam(SeamcallDispatcher.TDH_SYS_INFO, 0x1000, 1024, 0x2000, 32);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(2)).isEqualTo(1024);
        assertThat(r.gpr(9)).isEqualTo(32);
        assertThat(m.seam.read64(0x1000) >>> 32).isEqualTo(0x8086);
        assertThat(m.seam.read(0x1000 + 16, 3)).containsExactly(1, 0, 1);
        assertThat(m.seam.read64(0x2008)).isEqualTo(0x1_0000_0000L);
    }

    @Test
    void mngRdWr() {
        buildTd(true);
        RegisterFile r = seam(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x9010000200000004L, 0, 0); // OP_STATE
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(SeamHost.OP_RUNNABLE);
        assertThat(seam(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x8110000100000001L, 0, 0).gpr(8)).isEqualTo(33); // HKID
        assertThat(seam(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x1110000300000001L, 0, 0).gpr(8)).isEqualTo(3); // XFAM
        long mrtd0 = seam(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x1310000300000000L, 0, 0).gpr(8);
        assertThat(mrtd0).isEqualTo(TdhMngInit.le(m.seam.tds.get(TDR).mrtdValue, 0, 8));
        assertThat(status(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x1310000300000040L, 0, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_NOT_READABLE); // RTMR
        assertThat(status(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x1110000300000050L, 0, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT);
        // version 1: next field id; null id → first
        r = seam(SeamcallDispatcher.TDH_MNG_RD | (1 << 16), TDR, NULL_ID, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT);
        assertThat(r.gpr(2)).isEqualTo(0x8010000000000001L | (1L << 52));
        r = seam(SeamcallDispatcher.TDH_MNG_RD | (1 << 16), TDR, 0x8110000100000001L, 0, 0);
        assertThat(r.gpr(2)).isEqualTo(0x8110000300000002L | (1L << 52));
        assertThat(status(SeamcallDispatcher.TDH_MNG_RD | (2 << 16), TDR, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RAX);
        // write HP_LOCK_TIMEOUT
        long hp = 0x9110000300000011L;
        assertThat(status(SeamcallDispatcher.TDH_MNG_WR, TDR, hp, 50_000, 0xFFFF)).isEqualTo(TdxStatus.TDX_METADATA_WR_MASK_NOT_VALID);
        assertThat(status(SeamcallDispatcher.TDH_MNG_WR, TDR, hp, 5, -1L)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_VALUE_NOT_VALID);
        r = seam(SeamcallDispatcher.TDH_MNG_WR, TDR, hp, 50_000, -1L);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(1_000_000);
        assertThat(seam(SeamcallDispatcher.TDH_MNG_RD, TDR, hp, 0, 0).gpr(8)).isEqualTo(50_000);
        assertThat(status(SeamcallDispatcher.TDH_MNG_WR, TDR, 0x1110000300000000L, 1, -1L)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE);
        assertThat(status(SeamcallDispatcher.TDH_MNG_RD, TDR + 0x1000, hp, 0, 0)).isEqualTo(0xC000030000000001L);
    }

    @Test
    void mngRdBeforeInit() {
        m.fixture("platform.ready", Map.of());
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0);
        assertThat(status(SeamcallDispatcher.TDH_MNG_RD, TDR, 0x8110000100000001L, 0, 0)).isEqualTo(SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED);
    }

    @Test
    void vpRdWr() {
        buildTd(false);
        RegisterFile r = seam(SeamcallDispatcher.TDH_VP_RD, VP, 0xA020000000000003L, 0, 0); // NUM_TDVPS_PAGES
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isEqualTo(6);
        assertThat(seam(SeamcallDispatcher.TDH_VP_RD, VP, 0xA020000300000011L, 0, 0).gpr(8)).isEqualTo(VP + 0x1000); // TDVPS_PAGE_PA[1]
        assertThat(seam(SeamcallDispatcher.TDH_VP_RD, VP, 0xA020000200000004L, 0, 0).gpr(8)).isZero(); // ASSOC_LPID
        assertThat(status(SeamcallDispatcher.TDH_VP_RD, VP, 0x1020000300000000L, 0, 0)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_NOT_READABLE); // RAX
        assertThatThrownBy(() -> seam(SeamcallDispatcher.TDH_VP_RD, VP, 0x0000000300006800L, 0, 0)).isInstanceOf(NotSupportedException.class);
        r = seam(SeamcallDispatcher.TDH_VP_WR, VP, 0x202000000000000BL, 1, 0xFF);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(8)).isZero();
        assertThat(seam(SeamcallDispatcher.TDH_VP_RD, VP, 0x202000000000000BL, 0, 0).gpr(8)).isEqualTo(1);
        assertThat(status(SeamcallDispatcher.TDH_VP_WR, VP, 0xA020000200000002L, 1, -1L)).isEqualTo(TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE);
        // associated with LP 0: another LP gets TDX_VCPU_ASSOCIATED
        m.fixture("platform.lp", Map.of("lp", "1"));
        assertThat(status(SeamcallDispatcher.TDH_VP_RD, VP, 0xA020000000000003L, 0, 0)).isEqualTo(SeamStatus.TDX_VCPU_ASSOCIATED);
        assertThat(status(SeamcallDispatcher.TDH_VP_RD, TDR, 0xA020000000000003L, 0, 0)).isEqualTo(0xC000030000000001L);
    }
}
