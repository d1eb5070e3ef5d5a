package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.TRACK (leaf 38, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_track.c}): increments the
 * TD's TLB epoch (TDCS.TD_EPOCH). Ranges blocked in an earlier epoch count as tracked once no VCPU runs in the epoch
 * before the current one; the host then kicks the VCPUs out (KVM: an IPI to every VCPU) so they flush their TLBs
 * on the next TD entry.
 *
 * <p>Input: RCX (64 bits) = TDR HPA. No outputs. Errors in order: TDR checks (operand RCX); TD fatal / keys / TDCS /
 * OP_STATE UNINITIALIZED ({@link SeptTeardown#checkTd}). TDX_OPERAND_BUSY(TD_EPOCH) and
 * TDX_PREVIOUS_TLB_EPOCH_BUSY (a VCPU still in the previous epoch) cannot happen in the model: no VCPU is inside the
 * TD between SEAMCALLs.
 */
final class TdhMemTrack implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        h.tds.get(tdr).epoch++;
        return TdxStatus.TDX_SUCCESS;
    }
}
