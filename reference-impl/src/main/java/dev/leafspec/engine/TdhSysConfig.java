package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import java.util.ArrayList;
import java.util.List;

/**
 * TDH.SYS.CONFIG (leaf 45; tdx_1.5 {@code api_calls/tdh_sys_config.c}, {@code include/tdx_api_defs.h}
 * tdmr_info_entry_t). Inputs: RCX = shared PA of an array of TDMR_INFO PAs (512-byte aligned), RDX = number of TDMRs
 * (1..64), R8 = global private HKID (bits 15:0; 63:16 reserved). Each TDMR_INFO (512 bytes) holds, as 64-bit
 * little-endian words: TDMR base, size, PAMT_1G base, size, PAMT_2M base, size, PAMT_4K base, size, then 16 reserved
 * areas (offset, size; size 0 ends the list). No outputs.
 *
 * <p>Errors in the source's order: state not SYSINIT_DONE or some LP without TDH.SYS.LP.INIT →
 * TDX_SYS_CONFIG_NOT_PENDING; bad RCX → TDX_OPERAND_INVALID(RCX); RDX above 64 or 0 → (RDX); R8[63:16] set or the
 * HKID not private → (R8). Then the HKID is reserved in the KOT (even if a TDMR check fails later) and, per TDMR i:
 * a bad TDMR_INFO pointer → (RCX); check_and_set_tdmrs: base + size overflows → TDX_INVALID_TDMR; base below the
 * previous base or inside the previous TDMR → TDX_NON_ORDERED_TDMR; base/size not 1 GB aligned, size 0, base or last
 * byte not below MAX_PA with HKID 0 → TDX_INVALID_TDMR; reserved areas (check_tdmr_reserved_areas, detail j in bits
 * 15:8): a null entry followed by a non-null one, an area starting below the previous one or inside it →
 * TDX_NON_ORDERED_RESERVED_IN_TDMR, offset/size overflow, not 4 KB aligned, or outside the TDMR →
 * TDX_INVALID_RESERVED_IN_TDMR; PAMTs (1G, 2M, 4K in that order; detail level in bits 15:8: PT_4KB 0, PT_2MB 1,
 * PT_1GB 2): base + size overflows, base/size not 4 KB aligned, base or last byte not below MAX_PA with HKID 0, size
 * below (TDMR size / page size of the level) x 16 → TDX_INVALID_PAMT; overlapping a PAMT of an earlier TDMR (4K, 2M,
 * 1G of TDMR i against every earlier TDMR j, detail j in bits 23:16), then 4K/2M, 4K/1G, 2M/1G of the same TDMR →
 * TDX_PAMT_OVERLAP; overlapping memory of TDMR j &lt;= i that is not reserved (and PAMTs of earlier TDMRs against
 * TDMR i) → TDX_PAMT_OVERLAP; a PAMT outside the CMRs → TDX_PAMT_OUTSIDE_CMRS; a non-reserved part of the TDMR outside
 * the CMRs → TDX_TDMR_OUTSIDE_CMRS. Bits 7:0 of these statuses are the TDMR index (api_error_with_multiple_info).
 * Contiguous CMRs count as one area (is_area_in_cmr). Success: state SYSCONFIG_DONE.
 */
final class TdhSysConfig implements SeamLeaf {
    static final long TDX_INVALID_RESERVED_IN_TDMR = 0xC0000A2000000000L, TDX_NON_ORDERED_RESERVED_IN_TDMR = 0xC0000A2100000000L;
    static final int PT_4KB = 0, PT_2MB = 1, PT_1GB = 2;
    private static final int MAX_RESERVED_AREAS = 16;
    private static final long PAMT_ENTRY_SIZE = 16;

    /** One TDMR_INFO entry as read from host memory. */
    private static final class Info {
        long base, size;
        final long[] pamtBase = new long[3], pamtSize = new long[3]; // indexed by PT_4KB, PT_2MB, PT_1GB
        final long[] rsvdOff = new long[MAX_RESERVED_AREAS], rsvdSize = new long[MAX_RESERVED_AREAS];
    }

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long arrayPa = r.gpr(1), num = r.gpr(2), hkidIn = r.gpr(8);
        if (h.sysState != SeamHost.SYSINIT_DONE || h.numInitLps < h.numLps) return SeamStatus.TDX_SYS_CONFIG_NOT_PENDING;
        if (!h.validSharedHpa(arrayPa, 512)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (Long.compareUnsigned(num, SeamHost.MAX_TDMRS) > 0 || num < 1) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        }
        if ((hkidIn >>> 16) != 0 || !h.isPrivateHkid(hkidIn)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        }
        int hkid = (int) hkidIn;
        h.kot[hkid] = 1;
        h.globalHkid = hkid;
        List<Info> infos = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            long infoPa = h.read64(arrayPa + 8L * i);
            if (!h.validSharedHpa(infoPa, 512)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
            Info t = new Info();
            t.base = h.read64(infoPa);
            t.size = h.read64(infoPa + 8);
            for (int lvl = 0; lvl < 3; lvl++) { // memory order: 1G, 2M, 4K
                t.pamtBase[PT_1GB - lvl] = h.read64(infoPa + 16 + 16L * lvl);
                t.pamtSize[PT_1GB - lvl] = h.read64(infoPa + 24 + 16L * lvl);
            }
            for (int j = 0; j < MAX_RESERVED_AREAS; j++) {
                t.rsvdOff[j] = h.read64(infoPa + 64 + 16L * j);
                t.rsvdSize[j] = h.read64(infoPa + 72 + 16L * j);
            }
            infos.add(t);
            long err = checkTdmr(h, infos, i);
            if (err != TdxStatus.TDX_SUCCESS) return err;
        }
        h.tdmrs.clear();
        for (Info t : infos) {
            SeamHost.Tdmr m = new SeamHost.Tdmr();
            m.base = t.base;
            m.size = t.size;
            m.lastInitialized = t.base;
            for (int j = 0; j < MAX_RESERVED_AREAS && t.rsvdSize[j] != 0; j++) m.reserved.add(new long[] {t.rsvdOff[j], t.rsvdSize[j]});
            h.tdmrs.add(m);
        }
        h.pkgConfigBitmap = 0;
        h.sysState = SeamHost.SYSCONFIG_DONE;
        return TdxStatus.TDX_SUCCESS;
    }

    private static long info(long status, int i0, int i1, int i2) {
        return status + (i0 & 0xFF) + ((long) (i1 & 0xFF) << 8) + ((long) (i2 & 0xFF) << 16);
    }

    /** check_and_set_tdmrs for TDMR {@code i}. */
    private static long checkTdmr(SeamHost h, List<Info> all, int i) {
        Info t = all.get(i);
        if (!validRange(t.base, t.size)) return info(SeamStatus.TDX_INVALID_TDMR, i, 0, 0);
        if (i > 0) {
            Info p = all.get(i - 1);
            if (Long.compareUnsigned(t.base, p.base) < 0 || Long.compareUnsigned(t.base, p.base + p.size) < 0) {
                return info(SeamStatus.TDX_NON_ORDERED_TDMR, i, 0, 0);
            }
        }
        if ((t.base & (SeamHost.GB - 1)) != 0 || (t.size & (SeamHost.GB - 1)) != 0 || t.size == 0
                || !belowMaxPaHkid0(t.base) || !belowMaxPaHkid0(t.base + t.size - 1)) {
            return info(SeamStatus.TDX_INVALID_TDMR, i, 0, 0);
        }
        long err = checkReserved(t, i);
        if (err != TdxStatus.TDX_SUCCESS) return err;
        // check_pamt_addresses: 1G, 2M, 4K
        for (int lvl = PT_1GB; lvl >= PT_4KB; lvl--) {
            if (!pamtOk(t.pamtBase[lvl], t.pamtSize[lvl], SeamHost.PAGE << (9 * lvl), t.size)) {
                return info(SeamStatus.TDX_INVALID_PAMT, i, lvl, 0);
            }
        }
        // check_all_pamt_overlap: against the PAMTs of earlier TDMRs, then within this TDMR
        for (int j = 0; j < i; j++) {
            Info o = all.get(j);
            for (int lvl = PT_4KB; lvl <= PT_1GB; lvl++) {
                for (int ol = PT_4KB; ol <= PT_1GB; ol++) {
                    if (overlap(t.pamtBase[lvl], t.pamtSize[lvl], o.pamtBase[ol], o.pamtSize[ol])) {
                        return info(SeamStatus.TDX_PAMT_OVERLAP, i, lvl, j);
                    }
                }
            }
        }
        int[][] pairs = {{PT_4KB, PT_2MB}, {PT_4KB, PT_1GB}, {PT_2MB, PT_1GB}};
        for (int[] pr : pairs) {
            if (overlap(t.pamtBase[pr[0]], t.pamtSize[pr[0]], t.pamtBase[pr[1]], t.pamtSize[pr[1]])) {
                return info(SeamStatus.TDX_PAMT_OVERLAP, i, pr[0], i);
            }
        }
        // check_pamt_overlaps_available_areas
        for (int j = 0; j <= i; j++) {
            Info o = all.get(j);
            for (int lvl = PT_4KB; lvl <= PT_1GB; lvl++) {
                if (overlapsAvailable(o, t.pamtBase[lvl], t.pamtSize[lvl])) return info(SeamStatus.TDX_PAMT_OVERLAP, i, lvl, j);
            }
            if (j < i) {
                for (int lvl = PT_4KB; lvl <= PT_1GB; lvl++) {
                    if (overlapsAvailable(t, o.pamtBase[lvl], o.pamtSize[lvl])) return info(SeamStatus.TDX_PAMT_OVERLAP, j, lvl, i);
                }
            }
        }
        // check_pamt_in_cmr: 1G, 2M, 4K
        for (int lvl = PT_1GB; lvl >= PT_4KB; lvl--) {
            if (!inCmr(h, t.pamtBase[lvl], t.pamtBase[lvl] + t.pamtSize[lvl])) return info(SeamStatus.TDX_PAMT_OUTSIDE_CMRS, i, lvl, 0);
        }
        // check_tdmr_available_areas
        for (long[] a : availableAreas(t)) {
            if (!inCmr(h, a[0], a[1])) return info(SeamStatus.TDX_TDMR_OUTSIDE_CMRS, i, 0, 0);
        }
        return TdxStatus.TDX_SUCCESS;
    }

    /** check_tdmr_reserved_areas; detail: TDMR index, area index. */
    private static long checkReserved(Info t, int i) {
        for (int j = 0; j < MAX_RESERVED_AREAS; j++) {
            long off = t.rsvdOff[j], sz = t.rsvdSize[j];
            if (sz == 0) {
                if (j < MAX_RESERVED_AREAS - 1 && t.rsvdSize[j + 1] != 0) return info(TDX_NON_ORDERED_RESERVED_IN_TDMR, i, j, 0);
                continue;
            }
            if (!validRange(off, sz)) return info(TDX_INVALID_RESERVED_IN_TDMR, i, j, 0);
            if (j > 0 && (Long.compareUnsigned(off, t.rsvdOff[j - 1]) < 0
                    || Long.compareUnsigned(off, t.rsvdOff[j - 1] + t.rsvdSize[j - 1]) < 0)) {
                return info(TDX_NON_ORDERED_RESERVED_IN_TDMR, i, j, 0);
            }
            if ((off & (SeamHost.PAGE - 1)) != 0 || (sz & (SeamHost.PAGE - 1)) != 0) return info(TDX_INVALID_RESERVED_IN_TDMR, i, j, 0);
            if (!validRange(t.base, off) || !validRange(t.base + off, sz)
                    || Long.compareUnsigned(t.base + off + sz, t.base + t.size) > 0) {
                return info(TDX_INVALID_RESERVED_IN_TDMR, i, j, 0);
            }
        }
        return TdxStatus.TDX_SUCCESS;
    }

    /** check_pamt_addresses_and_size */
    private static boolean pamtOk(long base, long size, long pageSize, long tdmrSize) {
        return validRange(base, size) && (base & (SeamHost.PAGE - 1)) == 0 && (size & (SeamHost.PAGE - 1)) == 0
                && belowMaxPaHkid0(base) && belowMaxPaHkid0(base + size - 1)
                && Long.compareUnsigned(size, (tdmrSize / pageSize) * PAMT_ENTRY_SIZE) >= 0;
    }

    /** The parts of a TDMR that are not reserved, as [start, end) pairs (the walk of check_tdmr_available_areas). */
    private static List<long[]> availableAreas(Info t) {
        List<long[]> out = new ArrayList<>();
        long start = t.base, end = t.base + t.size;
        for (int j = 0; j < MAX_RESERVED_AREAS && t.rsvdSize[j] != 0; j++) {
            long rs = t.base + t.rsvdOff[j];
            if (rs != start) out.add(new long[] {start, rs});
            start = rs + t.rsvdSize[j];
        }
        if (start != end) out.add(new long[] {start, end});
        return out;
    }

    private static boolean overlapsAvailable(Info t, long base, long size) {
        for (long[] a : availableAreas(t)) if (overlap(base, size, a[0], a[1] - a[0])) return true;
        return false;
    }

    /** helpers.h is_valid_integer_range */
    private static boolean validRange(long base, long size) {
        return Long.compareUnsigned(base, -1L - size) <= 0;
    }

    /** Below MAX_PA (52) with HKID bits 51:46 zero: bits 63:46 clear. */
    private static boolean belowMaxPaHkid0(long pa) {
        return (pa >>> SeamHost.HKID_SHIFT) == 0;
    }

    /** helpers.h is_overlap (ranges already checked for overflow) */
    private static boolean overlap(long b1, long s1, long b2, long s2) {
        return Long.compareUnsigned(b1, b2 + s2) < 0 && Long.compareUnsigned(b2, b1 + s1) < 0;
    }

    /** is_area_in_cmr: [start, end) inside one CMR, contiguous CMRs merged with the one before. */
    private static boolean inCmr(SeamHost h, long start, long end) {
        long lastStart = 0, lastEnd = 0;
        for (long[] c : h.cmrs) {
            if (c[1] == 0) continue;
            long cs = c[0], ce = c[0] + c[1];
            if (cs == lastEnd) cs = lastStart;
            if (Long.compareUnsigned(start, cs) >= 0 && Long.compareUnsigned(end, ce) <= 0) return true;
            lastStart = cs;
            lastEnd = ce;
        }
        return false;
    }
}
