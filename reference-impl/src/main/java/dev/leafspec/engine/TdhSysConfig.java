package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.CONFIG (leaf 45; tdx_1.5 {@code api_calls/tdh_sys_config.c}). Inputs: RCX = shared PA of an array of
 * TDMR_INFO PAs (512-byte aligned), RDX = number of TDMRs (1..64), R8 = global private HKID (bits 15:0; 63:16
 * reserved). Each TDMR_INFO (512 bytes) holds, as 64-bit little-endian words: base, size, PAMT_1G base, size,
 * PAMT_2M base, size, PAMT_4K base, size, then 16 reserved areas (offset, size). No outputs.
 *
 * <p>Errors in order: state not SYSINIT_DONE or some LP without TDH.SYS.LP.INIT → TDX_SYS_CONFIG_NOT_PENDING; bad
 * RCX → TDX_OPERAND_INVALID(RCX); RDX 0 or above 64 → (RDX); HKID not private or R8[63:16] set → (R8); per TDMR:
 * a bad TDMR_INFO pointer → (RCX), base/size not 1 GB aligned or empty → TDX_INVALID_TDMR, not above the previous
 * TDMR → TDX_NON_ORDERED_TDMR, not inside one CMR → TDX_TDMR_OUTSIDE_CMRS, a reserved area misaligned or outside →
 * TDX_INVALID_RESERVED_IN_TDMR, a PAMT misaligned or smaller than 16 bytes per page of its level → TDX_INVALID_PAMT,
 * outside the CMRs → TDX_PAMT_OUTSIDE_CMRS, overlapping TDMR memory that is not reserved or another PAMT →
 * TDX_PAMT_OVERLAP; the detail (bits 31:0) of these TDMR statuses is the TDMR index.
 * Success: state SYSCONFIG_DONE, the HKID reserved for the module in the KOT.
 */
final class TdhSysConfig implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long arrayPa = r.gpr(1), num = r.gpr(2), hkidIn = r.gpr(8);
        if (h.sysState != SeamHost.SYSINIT_DONE || h.numInitLps < h.numLps) return SeamStatus.TDX_SYS_CONFIG_NOT_PENDING;
        if (!h.validSharedHpa(arrayPa, 512)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (num > SeamHost.MAX_TDMRS || num < 1) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        if ((hkidIn >>> 16) != 0 || !h.isPrivateHkid(hkidIn)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        }
        int hkid = (int) hkidIn;
        h.kot[hkid] = 1;
        h.globalHkid = hkid;
        java.util.List<SeamHost.Tdmr> list = new java.util.ArrayList<>();
        java.util.List<long[]> pamts = new java.util.ArrayList<>();
        for (int i = 0; i < num; i++) {
            long infoPa = h.read64(arrayPa + 8L * i);
            if (!h.validSharedHpa(infoPa, 512)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
            long[] w = new long[8 + 32];
            for (int k = 0; k < w.length; k++) w[k] = h.read64(infoPa + 8L * k);
            SeamHost.Tdmr t = new SeamHost.Tdmr();
            t.base = w[0];
            t.size = w[1];
            t.lastInitialized = t.base;
            if ((t.base & (SeamHost.GB - 1)) != 0 || (t.size & (SeamHost.GB - 1)) != 0 || t.size == 0
                    || t.base + t.size < t.base || ((t.base + t.size - 1) >>> SeamHost.HKID_SHIFT) != 0) {
                return TdxStatus.withOperand(SeamStatus.TDX_INVALID_TDMR, i);
            }
            if (!list.isEmpty()) {
                SeamHost.Tdmr prev = list.get(list.size() - 1);
                if (t.base < prev.base + prev.size) return TdxStatus.withOperand(SeamStatus.TDX_NON_ORDERED_TDMR, i);
            }
            if (!inCmr(h, t.base, t.size)) return TdxStatus.withOperand(SeamStatus.TDX_TDMR_OUTSIDE_CMRS, i);
            long prevEnd = 0;
            for (int k = 0; k < 16; k++) {
                long off = w[8 + 2 * k], sz = w[9 + 2 * k];
                if (sz == 0) break;
                if ((off & (SeamHost.PAGE - 1)) != 0 || (sz & (SeamHost.PAGE - 1)) != 0 || off + sz > t.size) {
                    return TdxStatus.withOperand(0xC0000A2000000000L, i); // TDX_INVALID_RESERVED_IN_TDMR
                }
                if (off < prevEnd) return TdxStatus.withOperand(0xC0000A2100000000L, i); // TDX_NON_ORDERED_RESERVED_IN_TDMR
                prevEnd = off + sz;
                t.reserved.add(new long[] {off, sz});
            }
            for (int lvl = 0; lvl < 3; lvl++) {
                long pb = w[2 + 2 * lvl], ps = w[3 + 2 * lvl];
                long entries = t.size / (lvl == 0 ? SeamHost.GB : lvl == 1 ? (2L << 20) : SeamHost.PAGE);
                long need = (entries * 16 + SeamHost.PAGE - 1) & ~(SeamHost.PAGE - 1);
                if ((pb & (SeamHost.PAGE - 1)) != 0 || (ps & (SeamHost.PAGE - 1)) != 0 || ps < need) {
                    return TdxStatus.withOperand(SeamStatus.TDX_INVALID_PAMT, i);
                }
                if (!inCmr(h, pb, ps)) return TdxStatus.withOperand(SeamStatus.TDX_PAMT_OUTSIDE_CMRS, i);
                for (long[] p : pamts) {
                    if (pb < p[0] + p[1] && p[0] < pb + ps) return TdxStatus.withOperand(SeamStatus.TDX_PAMT_OVERLAP, i);
                }
                pamts.add(new long[] {pb, ps});
            }
            list.add(t);
        }
        // PAMT areas must not overlap TDMR memory that is not reserved
        for (long[] p : pamts) {
            for (int i = 0; i < list.size(); i++) {
                SeamHost.Tdmr t = list.get(i);
                for (long a = Math.max(p[0], t.base); a < Math.min(p[0] + p[1], t.base + t.size); a += SeamHost.PAGE) {
                    boolean rsvd = false;
                    for (long[] rr : t.reserved) rsvd |= a >= t.base + rr[0] && a < t.base + rr[0] + rr[1];
                    if (!rsvd) return TdxStatus.withOperand(SeamStatus.TDX_PAMT_OVERLAP, i);
                }
            }
        }
        h.tdmrs.clear();
        h.tdmrs.addAll(list);
        h.pkgConfigBitmap = 0;
        h.sysState = SeamHost.SYSCONFIG_DONE;
        return TdxStatus.TDX_SUCCESS;
    }

    private static boolean inCmr(SeamHost h, long base, long size) {
        for (long[] c : h.cmrs) if (base >= c[0] && base + size <= c[0] + c[1]) return true;
        return false;
    }
}
