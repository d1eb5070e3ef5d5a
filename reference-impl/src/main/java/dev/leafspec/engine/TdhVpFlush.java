package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.FLUSH (leaf 18, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_vp_flush.c}): flushes a VCPU's
 * TLB entries and VMCS from the current logical processor and dissociates the VCPU from it (TDVPS.ASSOC_LPID = -1,
 * TDCS.NUM_ASSOC_VCPUS decremented). The VMM runs it on the LP the VCPU is associated with (KVM: on the VCPU's last
 * CPU, for every VCPU, before TDH.MNG.VPFLUSHDONE).
 *
 * <p>Input: RCX (64 bits) = TDVPR HPA. No outputs. Errors in order: TDVPR page checks with operand RCX
 * (TDX_OPERAND_INVALID, TDX_OPERAND_ADDR_RANGE_ERROR, TDX_OPERAND_BUSY, TDX_PAGE_METADATA_INCORRECT: not a TDVPR);
 * the owner TDR locked → TDX_OPERAND_BUSY(TDR); lifecycle not KEYS_CONFIGURED → TDX_TD_KEYS_NOT_CONFIGURED (no fatal
 * check here); fewer than 6 + 3 x NUM_L2_VMS TDVPS pages → TDX_TDCX_NUM_INCORRECT; the VCPU associated with another LP
 * or with none (never initialised, or flushed already) → TDX_VCPU_NOT_ASSOCIATED.
 */
final class TdhVpFlush implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdvpr = r.gpr(1);
        long s = h.checkPage(tdvpr, SeamStatus.OP_RCX, SeamHost.PT_TDVPR);
        if (s != 0) return s;
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        if (h.lockedPages.contains(v.tdr >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
        SeamHost.TdCtx td = h.tds.get(v.tdr);
        if (td.lifecycle != SeamHost.TD_KEYS_CONFIGURED) return SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED;
        if (v.pages < SeamHost.MIN_TDVPS_PAGES + SeamHost.TDVPS_PAGES_PER_L2_VM * td.numL2Vms) {
            return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        }
        if (v.assocLp != h.currentLp) return SeamStatus.TDX_VCPU_NOT_ASSOCIATED;
        v.assocLp = -1;
        return TdxStatus.TDX_SUCCESS;
    }
}
