package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.leafspec.engine.SeamcallDispatcher.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TD teardown leaves, one test per leaf, on the TD of {@link SeamTestBase#buildTd} (HKID 33, 6 TDCS pages, one
 * VCPU associated with LP 0, SEPT levels 3..1 and one page at GPA 0). The platform has 4 LPs in 2 packages (LPs 0-1,
 * 2-3). Statuses from intel/tdx-module tdx_1.5 api_calls/tdh_mem_*.c, tdh_vp_flush.c, tdh_mng_*.c, tdh_phymem_*.c.
 */
class SeamTeardownTest extends SeamTestBase {
    static final long TDCS1 = TDR + 0x1000, MNG_RD_TD_EPOCH = 0x9210000300000000L;
    static final long OP_RCX = 1, OP_RDX = 2, OP_TDR = 128, OP_SEPT_TREE = 146, OP_KOT = 186, OP_WBCACHE = 188;

    private void lp(int n) {
        m.fixture("platform.lp", Map.of("lp", Integer.toString(n)));
    }

    /** Block, track and remove the page; flush the VCPU; VPFLUSHDONE; CACHE.WB on both packages; KEY.FREEID. */
    private void toTeardown() {
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        ok(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0);
        ok(TDH_VP_FLUSH, VP, 0, 0, 0);
        ok(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        lp(2);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        lp(0);
        ok(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0);
    }

    private long tdEpoch() {
        RegisterFile r = seam(TDH_MNG_RD, TDR, MNG_RD_TD_EPOCH, 0, 0);
        assertThat(r.gpr(0)).isZero();
        return r.gpr(8);
    }

    @Test
    void rangeBlock() {
        buildTd(true);
        RegisterFile r = seam(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isZero();
        assertThat(r.gpr(2)).isZero();
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0).gpr(9)).as("BEPOCH = TD epoch 1").isEqualTo(1);
        r = seam(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_GPA_RANGE_ALREADY_BLOCKED | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo((1L << 63) | PAGE0);
        assertThat(r.gpr(2)).isEqualTo(1L << 8);
        r = seam(TDH_MEM_RANGE_BLOCK, 0x1000, TDR, 0, 0);
        assertThat(r.gpr(0)).as("FREE entry").isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(1L << 63);
        r = seam(TDH_MEM_RANGE_BLOCK, 0x20_0000, TDR, 0, 0);
        assertThat(r.gpr(0)).as("no level-1 SEPT page").isEqualTo(SeamStatus.TDX_EPT_WALK_FAILED | OP_RCX);
        assertThat(r.gpr(2)).isEqualTo(1);
        assertThat(status(TDH_MEM_RANGE_BLOCK, 0x8, TDR, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_MEM_RANGE_BLOCK, 4, TDR, 0, 0)).as("level above the walk").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_MEM_RANGE_BLOCK, 0, VP, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RDX);
        ok(TDH_MEM_RANGE_BLOCK, 1, TDR, 0, 0); // the non-leaf entry mapping SEPT1
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, SEPT1, 0, 0, 0).gpr(9)).isEqualTo(1);
    }

    @Test
    void track() {
        buildTd(true);
        assertThat(tdEpoch()).isEqualTo(1);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        assertThat(tdEpoch()).isEqualTo(3);
        assertThat(status(TDH_MEM_TRACK, VP, 0, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
        assertThat(status(TDH_MEM_TRACK, TDR + 1, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
    }

    @Test
    void trackNeedsAnInitializedTd() {
        m.fixture("platform.ready", Map.of());
        ok(TDH_MNG_CREATE, TDR, 33, 0, 0);
        assertThat(status(TDH_MEM_TRACK, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED);
    }

    @Test
    void rangeUnblock() {
        buildTd(true);
        RegisterFile r = seam(TDH_MEM_RANGE_UNBLOCK, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(PAGE0 | 7);
        assertThat(r.gpr(2)).isEqualTo(4L << 8);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        r = seam(TDH_MEM_RANGE_UNBLOCK, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).as("before TDH.MEM.TRACK").isEqualTo(SeamStatus.TDX_TLB_TRACKING_NOT_DONE | OP_SEPT_TREE);
        assertThat(r.gpr(1)).isZero();
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        ok(TDH_MEM_RANGE_UNBLOCK, 0, TDR, 0, 0);
        assertThat(seam(TDH_MEM_RANGE_UNBLOCK, 0, TDR, 0, 0).gpr(2)).as("MAPPED again").isEqualTo(4L << 8);
    }

    @Test
    void rangeUnblockBeforeFinalizeNeedsNoTracking() {
        buildTd(false);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        ok(TDH_MEM_RANGE_UNBLOCK, 0, TDR, 0, 0);
    }

    @Test
    void pageRemove() {
        buildTd(true);
        RegisterFile r = seam(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED | OP_RCX);
        assertThat(r.gpr(1)).isEqualTo(PAGE0 | 7);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        assertThat(status(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_TLB_TRACKING_NOT_DONE | OP_RCX);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        m.fixture("host.lock", Map.of("hpa", Long.toString(PAGE0)));
        assertThat(status(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_RCX);
        m.seam.lockedPages.clear();
        assertThat(status(TDH_MEM_PAGE_REMOVE, 1, TDR, 0, 0)).as("non-leaf").isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        assertThat(status(TDH_MEM_PAGE_REMOVE, 3, TDR, 0, 0)).as("level above 2").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        r = seam(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(PAGE0);
        assertThat(r.gpr(2)).isZero();
        r = seam(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0);
        assertThat(r.gpr(1)).as("NDA").isZero();
        assertThat(r.gpr(2)).as("owner kept").isEqualTo(TDR);
        assertThat(status(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0)).as("now FREE").isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | OP_RCX);
        assertThat(m.seam.tds.get(TDR).childPages).isEqualTo(6 + 6 + 3);
    }

    @Test
    void pageRemoveBeforeFinalizeNeedsNoBlock() {
        buildTd(false);
        assertThat(seam(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0).gpr(1)).isEqualTo(PAGE0);
    }

    @Test
    void septRemove() {
        buildTd(true);
        assertThat(status(TDH_MEM_SEPT_REMOVE, 1, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED | OP_RCX);
        ok(TDH_MEM_RANGE_BLOCK, 1, TDR, 0, 0);
        assertThat(status(TDH_MEM_SEPT_REMOVE, 1, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_TLB_TRACKING_NOT_DONE | OP_RCX);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        RegisterFile r = seam(TDH_MEM_SEPT_REMOVE, 1, TDR, 0, 0);
        assertThat(r.gpr(0)).as("PAGE0 still mapped below").isEqualTo(SeamStatus.TDX_EPT_PAGE_NOT_FREE | OP_RCX);
        assertThat(r.gpr(2)).isEqualTo(1 | (1L << 8));
        assertThat(status(TDH_MEM_SEPT_REMOVE, 0, TDR, 0, 0)).as("level 0").isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        // the page below the blocked level-1 entry: block, track, remove
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        ok(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0);
        r = seam(0x1_0000 | TDH_MEM_SEPT_REMOVE, 1, TDR, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(SEPT1);
        assertThat(r.gpr(9)).isEqualTo(-1L);
        assertThat(r.gpr(10)).isEqualTo(-1L);
        assertThat(r.gpr(11)).isEqualTo(-1L);
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, SEPT1, 0, 0, 0).gpr(1)).isZero();
        assertThat(status(0x2_0000 | TDH_MEM_SEPT_REMOVE, 1, TDR, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID);
    }

    @Test
    void vpFlush() {
        buildTd(true);
        lp(1);
        assertThat(status(TDH_VP_FLUSH, VP, 0, 0, 0)).isEqualTo(SeamStatus.TDX_VCPU_NOT_ASSOCIATED);
        lp(0);
        assertThat(status(TDH_VP_FLUSH, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
        m.fixture("host.lock", Map.of("hpa", Long.toString(TDR)));
        assertThat(status(TDH_VP_FLUSH, VP, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_TDR);
        m.seam.lockedPages.clear();
        ok(TDH_VP_FLUSH, VP, 0, 0, 0);
        assertThat(m.seam.vcpus.get(VP).assocLp).isEqualTo(-1);
        assertThat(status(TDH_VP_FLUSH, VP, 0, 0, 0)).as("no longer associated").isEqualTo(SeamStatus.TDX_VCPU_NOT_ASSOCIATED);
    }

    @Test
    void vpFlushDone() {
        buildTd(true);
        assertThat(status(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_FLUSHVP_NOT_DONE);
        ok(TDH_VP_FLUSH, VP, 0, 0, 0);
        m.fixture("host.lock", Map.of("resource", "KOT"));
        assertThat(status(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_KOT);
        m.seam.lockedResources.clear();
        ok(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0);
        assertThat(m.seam.tds.get(TDR).lifecycle).isEqualTo(SeamHost.TD_BLOCKED);
        assertThat(m.seam.wbinvdBitmap[33]).isEqualTo(3);
        assertThat(status(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        assertThat(status(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0)).as("no SEPT changes once BLOCKED").isEqualTo(SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED);
    }

    @Test
    void vpFlushDoneOnACreatedTd() {
        m.fixture("platform.ready", Map.of());
        ok(TDH_MNG_CREATE, TDR, 40, 0, 0);
        ok(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0);
    }

    @Test
    void cacheWb() {
        buildTd(true);
        assertThat(status(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_NO_HKID_READY_TO_WBCACHE);
        assertThat(status(TDH_PHYMEM_CACHE_WB, 2, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_PHYMEM_CACHE_WB, -1L, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_PHYMEM_CACHE_WB, 1, 0, 0, 0)).isEqualTo(SeamStatus.TDX_WBCACHE_RESUME_ERROR);
        m.fixture("host.lock", Map.of("resource", "WBCACHE"));
        assertThat(status(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_WBCACHE);
        m.seam.lockedResources.clear();
        ok(TDH_VP_FLUSH, VP, 0, 0, 0);
        ok(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0);
        lp(3);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        assertThat(m.seam.wbinvdBitmap[33]).as("package 1 done").isEqualTo(1);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        m.fixture("host.lock", Map.of("resource", "KOT"));
        assertThat(status(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_KOT);
    }

    @Test
    void keyFreeid() {
        buildTd(true);
        assertThat(status(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        ok(TDH_VP_FLUSH, VP, 0, 0, 0);
        ok(TDH_MNG_VPFLUSHDONE, TDR, 0, 0, 0);
        assertThat(status(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_WBCACHE_NOT_COMPLETE);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        assertThat(status(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0)).as("package 1 missing").isEqualTo(SeamStatus.TDX_WBCACHE_NOT_COMPLETE);
        lp(2);
        ok(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0);
        m.fixture("host.lock", Map.of("resource", "KOT"));
        assertThat(status(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_KOT);
        m.seam.lockedResources.clear();
        ok(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0);
        assertThat(status(TDH_MNG_KEY_FREEID, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        assertThat(status(TDH_PHYMEM_CACHE_WB, 0, 0, 0, 0)).as("no HKID left to flush").isEqualTo(SeamStatus.TDX_NO_HKID_READY_TO_WBCACHE);
        ok(TDH_MNG_CREATE, TDR + 0x100000, 33, 0, 0); // HKID 33 is free again
    }

    @Test
    void keyReclaimidIsANoOp() {
        m.fixture("platform.ready", Map.of());
        RegisterFile before = filled();
        RegisterFile r = seam(TDH_MNG_KEY_RECLAIMID, 0x1234, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(0x1234);
        for (int i = 3; i < 16; i++) if (i != 8 && i != 9) assertThat(r.gpr(i)).isEqualTo(before.gpr(i));
    }

    @Test
    void pageReclaim() {
        buildTd(true);
        RegisterFile r = seam(TDH_PHYMEM_PAGE_RECLAIM, TDCS1, 0, 0, 0);
        assertThat(r.gpr(0)).as("live TD").isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        assertThat(r.gpr(1)).isEqualTo(SeamHost.PT_TDCX);
        assertThat(r.gpr(2)).isEqualTo(TDR);
        assertThat(r.gpr(8)).isZero();
        assertThat(r.gpr(9)).isZero();
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        toTeardown();
        r = seam(TDH_PHYMEM_PAGE_RECLAIM, TDR, 0, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_TD_ASSOCIATED_PAGES_EXIST);
        assertThat(r.gpr(1)).isEqualTo(SeamHost.PT_TDR);
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, PAGE0, 0, 0, 0)).as("removed: NDA").isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, TDR | (33L << 46), 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, 0x1000, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR | OP_RCX);
        m.fixture("host.lock", Map.of("hpa", Long.toString(TDR)));
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, SEPT1, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_TDR);
        assertThat(status(TDH_PHYMEM_PAGE_RECLAIM, TDR, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_RCX);
        m.seam.lockedPages.clear();
        long[] children = {SEPT1, SEPT2, SEPT3, VP, VP + 0x1000, VP + 0x2000, VP + 0x3000, VP + 0x4000, VP + 0x5000,
            TDR + 0x1000, TDR + 0x2000, TDR + 0x3000, TDR + 0x4000, TDR + 0x5000, TDR + 0x6000};
        for (long p : children) {
            r = seam(TDH_PHYMEM_PAGE_RECLAIM, p, 0, 0, 0);
            assertThat(r.gpr(0)).as("reclaim %x", p).isZero();
            assertThat(r.gpr(2)).isEqualTo(TDR);
        }
        ok(TDH_PHYMEM_PAGE_RECLAIM, TDR, 0, 0, 0);
        assertThat(m.seam.tds).isEmpty();
        assertThat(m.seam.vcpus).isEmpty();
        for (long p : children) assertThat(seam(TDH_PHYMEM_PAGE_RDMD, p, 0, 0, 0).gpr(1)).isZero();
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, TDR, 0, 0, 0).gpr(1)).isZero();
        // the pages and the HKID can build a new TD
        ok(TDH_MNG_CREATE, TDR, 33, 0, 0);
    }

    @Test
    void pageRdmd() {
        buildTd(true);
        RegisterFile r = seam(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(SeamHost.PT_REG);
        assertThat(r.gpr(2)).isEqualTo(TDR);
        assertThat(r.gpr(8)).isZero();
        assertThat(r.gpr(9)).as("never blocked").isZero();
        assertThat(r.gpr(10)).isZero();
        assertThat(r.gpr(11)).isZero();
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, TDR, 0, 0, 0).gpr(1)).isEqualTo(SeamHost.PT_TDR);
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, VP, 0, 0, 0).gpr(1)).isEqualTo(SeamHost.PT_TDVPR);
        assertThat(seam(TDH_PHYMEM_PAGE_RDMD, SEPT3, 0, 0, 0).gpr(1)).isEqualTo(SeamHost.PT_EPT);
        r = seam(TDH_PHYMEM_PAGE_RDMD, 0x7000_0000L, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).as("free page").isZero();
        assertThat(r.gpr(2)).isZero();
        r = seam(TDH_PHYMEM_PAGE_RDMD, PAGE0 + 8, 0, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(r.gpr(2)).as("outputs zeroed").isZero();
        assertThat(r.gpr(9)).isZero();
        assertThat(status(TDH_PHYMEM_PAGE_RDMD, 0x1000, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR | OP_RCX);
        m.fixture("host.lock", Map.of("hpa", Long.toString(PAGE0)));
        assertThat(status(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | OP_RCX);
    }

    @Test
    void pageWbinvd() {
        buildTd(true);
        assertThat(status(TDH_PHYMEM_PAGE_WBINVD, PAGE0 | (33L << 46), 0, 0, 0)).as("still the TD's page")
                .isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | OP_RCX);
        ok(TDH_PHYMEM_PAGE_WBINVD, 0x7000_0000L | (33L << 46), 0, 0, 0);
        ok(TDH_MEM_RANGE_BLOCK, 0, TDR, 0, 0);
        ok(TDH_MEM_TRACK, TDR, 0, 0, 0);
        ok(TDH_MEM_PAGE_REMOVE, 0, TDR, 0, 0);
        ok(TDH_PHYMEM_PAGE_WBINVD, PAGE0 | (33L << 46), 0, 0, 0);
        assertThat(status(TDH_PHYMEM_PAGE_WBINVD, PAGE0 | (1L << 52), 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | OP_RCX);
        assertThat(status(TDH_PHYMEM_PAGE_WBINVD, 0x1000, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR | OP_RCX);
    }

    @Test
    void teardownLeavesAreAdvertised() {
        assertThat(m.capabilities().leaves()).contains("TDH.MEM.RANGE.BLOCK", "TDH.MEM.TRACK", "TDH.MEM.RANGE.UNBLOCK",
                "TDH.MEM.PAGE.REMOVE", "TDH.MEM.SEPT.REMOVE", "TDH.VP.FLUSH", "TDH.MNG.VPFLUSHDONE", "TDH.PHYMEM.CACHE.WB",
                "TDH.MNG.KEY.FREEID", "TDH.MNG.KEY.RECLAIMID", "TDH.PHYMEM.PAGE.RECLAIM", "TDH.PHYMEM.PAGE.RDMD",
                "TDH.PHYMEM.PAGE.WBINVD");
    }

    @Test
    void beforeReadyTheDispatcherRefuses() {
        assertThat(status(TDH_PHYMEM_PAGE_RDMD, PAGE0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_NOT_READY);
        assertThat(status(TDH_MNG_KEY_RECLAIMID, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_NOT_READY);
    }
}
