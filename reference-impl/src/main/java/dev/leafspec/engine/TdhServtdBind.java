package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * TDH.SERVTD.BIND (leaf 48) and TDH.SERVTD.PREBIND (leaf 49) (intel/tdx-module tdx_1.5
 * {@code src/vmm_dispatcher/migration_api_calls/tdh_servtd_bind.c, tdh_servtd_prebind.c}, {@code src/common/helpers/service_td.h},
 * {@code include/auto_gen/op_state_lookup.c}).
 *
 * <p><b>BIND</b> (RCX target TDR, RDX service TD's TDR, R8 slot, R9 type, R10 attributes): RCX and R10..R13 are set to 0
 * first. Then, in this order: RDX equal to RCX → TDX_OPERAND_INVALID (RDX), before the target TDR is looked at; the target
 * TDR checks (operand RCX), the target's fatal/keys/TDCS state and its op-state row 48 (UNINITIALIZED, INITIALIZED,
 * RUNNABLE and the migration states); the service TD's TDR checks (operand RDX), its fatal/keys/TDCS state and the
 * other-TD op-state row (RUNNABLE and the live/paused/post export and post/live import states, not UNINITIALIZED or
 * INITIALIZED) → TDX_OP_STATE_INCORRECT; slot not below MAX_SERVTDS (1) → TDX_OPERAND_INVALID (R8); type above 0xFFFF or
 * not MigTD (0) → (R9); attributes outside SERVTD_ATTRIBUTES_FIXED_0 0x000007FF00000001 → (R10). The service TD's
 * TEE_INFO_HASH (SHA-384 of its 512-byte TDINFO with the IGNORE_TDINFO fields zero) is then matched against the slot:
 * NOT_BOUND needs the target UNINITIALIZED or INITIALIZED (TDX_OP_STATE_INCORRECT) and records type, attributes, hash and
 * the service TD's TD_UUID; PRE_BOUND must match type (TDX_SERVTD_TYPE_MISMATCH), attributes (TDX_SERVTD_ATTR_MISMATCH)
 * and hash (TDX_SERVTD_INFO_HASH_MISMATCH); BOUND must match type and attributes, then with INSTANCE_BINDING the UUID
 * (TDX_SERVTD_UUID_MISMATCH; the hash is replaced) or else the hash (the UUID is replaced). On success the slot is BOUND,
 * RCX = the binding handle ((target TDR page | slot) + the slot's UUID bits 63:0) and R10..R13 = the target's TD_UUID.
 * With MAX_SERVTDS = 1 the singleton check (TDX_SERVTD_ALREADY_BOUND_FOR_TYPE) is compiled out of the source; the
 * binding-table and RTMR locks are never contended in the model.
 *
 * <p><b>PREBIND</b> (RCX target TDR, RDX shared HPA of the 48-byte hash, R8 slot, R9 type, R10 attributes; no output
 * register): target TDR checks (RCX), state, op-state row 49 (UNINITIALIZED, INITIALIZED); RDX not a 64-byte aligned
 * shared HPA → TDX_OPERAND_INVALID (RDX); R8/R9/R10 as BIND; a BOUND slot → TDX_SERVTD_BOUND; otherwise the slot becomes
 * PRE_BOUND with the type, attributes and the hash read from RDX.
 */
final class TdhServtdBind implements SeamLeaf {
    static final int MAX_SERVTDS = 1, SERVTD_TYPE_MIGTD = 0;
    static final long SERVTD_ATTRIBUTES_FIXED_0 = 0x0000_07FF_0000_0001L;
    private final boolean prebind;

    TdhServtdBind(boolean prebind) {
        this.prebind = prebind;
    }

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long targetTdr = r.gpr(1), rdx = r.gpr(2), slot = r.gpr(8), type = r.gpr(9), attr = r.gpr(10);
        if (!prebind) {
            for (int g : new int[] {1, 10, 11, 12, 13}) r.gpr(g, 0);
            if (rdx == targetTdr) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        }
        long s = h.checkTdr(targetTdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(targetTdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        // op_state_lookup.c rows 48 and 49 restricted to the modelled states
        boolean allowed = prebind ? td.opState != SeamHost.OP_RUNNABLE : true;
        if (!allowed) return SeamStatus.TDX_OP_STATE_INCORRECT;
        SeamHost.TdCtx servtd = null;
        byte[] hash;
        if (prebind) {
            if (!h.validSharedHpa(rdx, 64)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
            hash = h.read(rdx, 48);
        } else {
            s = h.checkTdr(rdx, SeamStatus.OP_RDX);
            if (s != 0) return s;
            servtd = h.tds.get(rdx);
            s = SeamHost.checkTdUsable(servtd);
            if (s != 0) return s;
            // servtd_bind_othertd_state_lookup: of the modelled states only RUNNABLE
            if (servtd.opState != SeamHost.OP_RUNNABLE) return SeamStatus.TDX_OP_STATE_INCORRECT;
            hash = null;
        }
        if (Long.compareUnsigned(slot, MAX_SERVTDS) >= 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        }
        // SERVTD_TYPE is 16 bits and tdx_1.5 knows one type (0, MigTD): any other R9 value is refused
        if (type != SERVTD_TYPE_MIGTD) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R9);
        }
        if ((attr & ~SERVTD_ATTRIBUTES_FIXED_0) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R10);
        }
        SeamHost.ServtdBinding b = td.servtdBindings[(int) slot];
        if (prebind) {
            if (b.state == SeamHost.ServtdBinding.BOUND) return SeamStatus.TDX_SERVTD_BOUND;
            if (b.state == SeamHost.ServtdBinding.NOT_BOUND) td.servtdNum++;
            b.type = (int) type;
            b.attributes = attr;
            b.infoHash = hash;
            b.state = SeamHost.ServtdBinding.PRE_BOUND;
            return TdxStatus.TDX_SUCCESS;
        }
        hash = teeInfoHash(servtd, (int) ((attr >>> 32) & 0xFFFF));
        switch (b.state) {
            case SeamHost.ServtdBinding.NOT_BOUND:
                if (td.opState != SeamHost.OP_UNINITIALIZED && td.opState != SeamHost.OP_INITIALIZED) {
                    return SeamStatus.TDX_OP_STATE_INCORRECT;
                }
                b.type = (int) type;
                b.attributes = attr;
                b.infoHash = hash;
                b.uuid = servtd.uuid.clone();
                td.servtdNum++;
                break;
            case SeamHost.ServtdBinding.PRE_BOUND:
                if (b.type != type) return SeamStatus.TDX_SERVTD_TYPE_MISMATCH;
                if (b.attributes != attr) return SeamStatus.TDX_SERVTD_ATTR_MISMATCH;
                if (!Arrays.equals(b.infoHash, hash)) return SeamStatus.TDX_SERVTD_INFO_HASH_MISMATCH;
                b.uuid = servtd.uuid.clone();
                break;
            default: // BOUND: rebinding
                if (b.type != type) return SeamStatus.TDX_SERVTD_TYPE_MISMATCH;
                if (b.attributes != attr) return SeamStatus.TDX_SERVTD_ATTR_MISMATCH;
                if ((attr & 1) != 0) {
                    if (!Arrays.equals(b.uuid, servtd.uuid)) return SeamStatus.TDX_SERVTD_UUID_MISMATCH;
                    b.infoHash = hash;
                } else {
                    if (!Arrays.equals(b.infoHash, hash)) return SeamStatus.TDX_SERVTD_INFO_HASH_MISMATCH;
                    b.uuid = servtd.uuid.clone();
                }
        }
        b.state = SeamHost.ServtdBinding.BOUND;
        r.gpr(1, handle(b.uuid[0], targetTdr, slot));
        for (int i = 0; i < 4; i++) r.gpr(10 + i, td.uuid[i]);
        return TdxStatus.TDX_SUCCESS;
    }

    /** service_td.h create_servtd_binding_handle: (TDR page number in bits 51:12 | slot in 11:0) + UUID bits 63:0. */
    static long handle(long uuid0, long tdr, long slot) {
        return ((tdr & 0x000F_FFFF_FFFF_F000L) | (slot & 0xFFF)) + uuid0;
    }

    /**
     * helpers.c get_teeinfohash: SHA-384 of the TD's TDINFO (ATTRIBUTES +0, XFAM +8, MRTD +16, MRCONFIGID +64,
     * MROWNER +112, MROWNERCONFIG +160, RTMR0..3 +208, SERVTD_HASH +400, reserved to 512) with the fields named in
     * {@code ignore} (bit 0 ATTRIBUTES, 1 XFAM, 2 MRTD, 3 MRCONFIGID, 4 MROWNER, 5 MROWNERCONFIG, 6..9 RTMR0..3,
     * 10 SERVTD_HASH) left zero. The RTMRs are the guest side's (zero before the TD first ran).
     */
    static byte[] teeInfoHash(SeamHost.TdCtx td, int ignore) {
        byte[] info = new byte[512];
        if ((ignore & 1) == 0) putLe(info, 0, td.attributes);
        if ((ignore & 2) == 0) putLe(info, 8, td.xfam);
        if ((ignore & 4) == 0) System.arraycopy(td.mrtdValue, 0, info, 16, 48);
        if ((ignore & 8) == 0) System.arraycopy(td.mrConfigId, 0, info, 64, 48);
        if ((ignore & 16) == 0) System.arraycopy(td.mrOwner, 0, info, 112, 48);
        if ((ignore & 32) == 0) System.arraycopy(td.mrOwnerConfig, 0, info, 160, 48);
        for (int i = 0; i < 4; i++) {
            if ((ignore & (64 << i)) == 0 && td.guest != null) System.arraycopy(td.guest.rtmr[i], 0, info, 208 + 48 * i, 48);
        }
        if ((ignore & 1024) == 0) System.arraycopy(td.servtdHash, 0, info, 400, 48);
        MessageDigest d = SeamHost.sha384();
        return d.digest(info);
    }

    /**
     * tdh_mr_finalize.c SERVTD_HASH: SHA-384 over the slots not NOT_BOUND, 58 bytes each (info hash, type as 2 bytes,
     * attributes as 8 bytes, little-endian); all zero when there are none.
     */
    static byte[] servtdHash(SeamHost.TdCtx td) {
        MessageDigest d = SeamHost.sha384();
        int n = 0;
        for (SeamHost.ServtdBinding b : td.servtdBindings) {
            if (b.state == SeamHost.ServtdBinding.NOT_BOUND) continue;
            byte[] e = new byte[58];
            System.arraycopy(b.infoHash, 0, e, 0, 48);
            e[48] = (byte) b.type;
            e[49] = (byte) (b.type >>> 8);
            for (int i = 0; i < 8; i++) e[50 + i] = (byte) (b.attributes >>> (8 * i));
            d.update(e);
            n++;
        }
        return n == 0 ? new byte[48] : d.digest();
    }

    private static void putLe(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
