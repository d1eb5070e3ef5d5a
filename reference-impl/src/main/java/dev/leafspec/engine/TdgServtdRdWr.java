package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.SERVTD.RD (leaf 18) and TDG.SERVTD.WR (leaf 20), module 1.5: a service TD reads or writes a metadata
 * field of a target TD it is bound to. The model has no other TD and no binding: every binding handle
 * fails before the metadata access. Rules from intel/tdx-module tdx_1.5
 * {@code src/vmm_dispatcher/migration_api_calls/tdg_servtd_rd_wr.c}, {@code src/common/helpers/service_td.h}
 * ({@code servtd_binding_handle_t, break_servtd_binding_handle}, MAX_SERVTDS = 1),
 * {@code helpers.c othertd_check_lock_and_map_explicit_tdr, hpa_check_with_pwr_2_alignment,
 * non_shared_hpa_metadata_check_and_lock} and {@code td_exit.c async_tdexit_cross_td}.
 *
 * <p><b>Inputs</b>: RCX = binding handle (64 bits), RDX = field id, R8 = value and R9 = mask (WR only),
 * R10..R13 = target TD_UUID bits 63:0, 127:64, 191:128, 255:192.
 *
 * <p><b>Behaviour</b>:
 * <ol>
 * <li>Defaults: TDG.SERVTD.RD sets RDX = all ones; both set R8 = 0.</li>
 * <li>The handle minus the caller's TD_UUID[63:0] (modulo 2^64) is decoded: bits 11:0 binding slot, 51:12
 *     target TDR page, 63:52 ignored. Slot &ge; 1 (MAX_SERVTDS) → TDX_OPERAND_INVALID (0xC000010000000000)
 *     | operand RCX (1), returned normally.</li>
 * <li>Slot 0: the target TDR HPA names no TD in this model, so the TDR check fails and the module makes a
 *     cross-TD trap TD exit (status TDX_CROSS_TD_TRAP, see {@link TdxModule#crossTdTrap}) instead of
 *     accessing metadata. Detail: HKID bits (HPA bits 51:46 in the modelled platform: MAX_PA 52, 6 HKID
 *     bits) set → TDX_OPERAND_INVALID | operand TDR (128); otherwise the page is not a TDR page →
 *     TDX_PAGE_METADATA_INCORRECT (0xC000030000000000) | operand TDR. When the host resumes the VCPU the
 *     guest continues after the TDCALL with RAX = that detail, RDX/R8 at their defaults.</li>
 * </ol>
 * The later outcomes (target UUID mismatch/updated, TDX_SERVTD_NOT_BOUND, INFO_HASH mismatch, metadata
 * statuses, TDX_SUCCESS) need a bound target TD, which the model does not have.
 */
final class TdgServtdRdWr implements Leaf {
    static final long TDX_PAGE_METADATA_INCORRECT = 0xC000030000000000L;
    static final int OPERAND_ID_TDR = 128;
    /** service_td.h MAX_SERVTDS. */
    static final int MAX_SERVTDS = 1;
    /** Modelled platform: HKID bits of a physical address (MAX_PA 52, 6 HKID bits at 51:46). */
    static final long HKID_BITS = 0x3FL << 46;

    private final boolean write;

    TdgServtdRdWr(boolean write) {
        this.write = write;
    }

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        if (!write) regs.gpr(2, TdMetadata.FIELD_ID_NA);
        regs.gpr(8, 0);
        long decoded = regs.gpr(1) - m.td.tdUuid[0];
        long slot = decoded & 0xFFF;
        long tdrPa = decoded & 0x000FFFFFFFFFF000L;
        if (slot >= MAX_SERVTDS) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long detail = (tdrPa & HKID_BITS) != 0
                ? TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, OPERAND_ID_TDR)
                : TdxStatus.withOperand(TDX_PAGE_METADATA_INCORRECT, OPERAND_ID_TDR);
        return m.crossTdTrap(detail, tdrPa);
    }
}
