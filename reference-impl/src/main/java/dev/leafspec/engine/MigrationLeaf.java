package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * The TD-migration SEAMCALL leaves up to the checks the model can reach (intel/tdx-module tdx_1.5
 * {@code src/vmm_dispatcher/migration_api_calls/tdh_export_*.c, tdh_import_*.c, tdh_mig_stream_create.c}; {@code include/auto_gen/op_state_lookup.c}).
 *
 * <p>Every leaf first checks its target TD: the TDR page in RCX (EXPORT.ABORT/PAUSE/STATE.IMMUTABLE/STATE.TD/TRACK,
 * IMPORT.ABORT/COMMIT/END/STATE.IMMUTABLE/STATE.TD/TRACK) or RDX (EXPORT.BLOCKW/MEM/RESTORE/
 * UNBLOCKW, IMPORT.MEM, MIG.STREAM.CREATE) — TDX_OPERAND_INVALID / TDX_OPERAND_ADDR_RANGE_ERROR / TDX_OPERAND_BUSY /
 * TDX_PAGE_METADATA_INCORRECT with that operand — or, for EXPORT.STATE.VP and IMPORT.STATE.VP, the TDVPR page in RCX
 * (same statuses, operand RCX, page type TDVPR) and then its owner TDR (operand TDR, 128). Then the TD: fatal →
 * TDX_TD_FATAL, lifecycle not KEYS_CONFIGURED → TDX_TD_KEYS_NOT_CONFIGURED, fewer than 6 TDCS pages →
 * TDX_TDCS_NOT_ALLOCATED, and the operation state against the leaf's op_state_lookup row → TDX_OP_STATE_INCORRECT
 * (0xC000060800000000). The model's TDs are UNINITIALIZED, INITIALIZED or RUNNABLE (no migration session exists), so
 * BLOCKW, ABORT, MEM, PAUSE, TRACK, STATE.TD/VP of export, and every import leaf but STATE.IMMUTABLE end there.
 *
 * <p>Modelled beyond: TDH.MIG.STREAM.CREATE (MAX_MIGS, then the MIGSC page in RCX becomes a TDCX page of the TD).
 * TDH.EXPORT.STATE.IMMUTABLE on a RUNNABLE TD: ATTRIBUTES.MIGRATABLE (bit 29) clear → TDX_TD_NOT_MIGRATABLE
 * (0xC0000E0900000000); fewer than 2 streams → TDX_MIN_MIGS_NOT_CREATED (0xC0000E1400000000); then R8/R10/R9 checks,
 * the migration keys (fixture td.mig-keys) and the AES-GCM export ({@link #exportStateImmutable}), after which the
 * dispatcher zeroes XMM0-15. TDH.IMPORT.STATE.IMMUTABLE on an UNINITIALIZED TD (the
 * platform does not set IA32_MISC_ENABLE.LIMIT_CPUID_MAXVAL) → TDX_MIN_MIGS_NOT_CREATED, before any AES-GCM
 * operation, so XMM0-15 are untouched (the module zeroes them only once a flow ran AES-GCM). The other paths past the
 * TD checks (EXPORT.RESTORE/UNBLOCKW on an INITIALIZED/RUNNABLE TD) end the
 * call NOT_SUPPORTED. Before their first check EXPORT.STATE.IMMUTABLE/TD/VP set RDX to 0, and EXPORT.UNBLOCKW and
 * IMPORT.STATE.IMMUTABLE/TD/VP set RCX and RDX to 0 (as the handlers do); no other output register is written on these
 * paths.
 */
final class MigrationLeaf implements SeamLeaf {
    private static final int UNINIT = 1, INIT = 2, RUNNABLE = 4;
    private final String name;
    private final int leaf;
    /** 1 = RCX, 2 = RDX: the register holding the TDR; 0 = RCX holds a TDVPR. */
    private final int tdrReg;
    /** op_state_lookup row restricted to UNINITIALIZED (bit 0), INITIALIZED (bit 1), RUNNABLE (bit 2). */
    private final int allowed;

    private MigrationLeaf(String name, int leaf, int tdrReg, int allowed) {
        this.name = name;
        this.leaf = leaf;
        this.tdrReg = tdrReg;
        this.allowed = allowed;
    }

    /** @return the handlers for the migration leaves */
    static MigrationLeaf[] all() {
        return new MigrationLeaf[] {
            new MigrationLeaf("TDH.EXPORT.ABORT", 64, 1, 0), new MigrationLeaf("TDH.EXPORT.BLOCKW", 65, 2, 0),
            new MigrationLeaf("TDH.EXPORT.RESTORE", 66, 2, RUNNABLE), new MigrationLeaf("TDH.EXPORT.MEM", 68, 2, 0),
            new MigrationLeaf("TDH.EXPORT.PAUSE", 70, 1, 0), new MigrationLeaf("TDH.EXPORT.TRACK", 71, 1, 0),
            new MigrationLeaf("TDH.EXPORT.STATE.IMMUTABLE", 72, 1, RUNNABLE),
            new MigrationLeaf("TDH.EXPORT.STATE.TD", 73, 1, 0), new MigrationLeaf("TDH.EXPORT.STATE.VP", 74, 0, 0),
            new MigrationLeaf("TDH.EXPORT.UNBLOCKW", 75, 2, RUNNABLE),
            new MigrationLeaf("TDH.IMPORT.ABORT", 80, 1, 0), new MigrationLeaf("TDH.IMPORT.END", 81, 1, 0),
            new MigrationLeaf("TDH.IMPORT.COMMIT", 82, 1, 0), new MigrationLeaf("TDH.IMPORT.MEM", 83, 2, 0),
            new MigrationLeaf("TDH.IMPORT.TRACK", 84, 1, 0),
            new MigrationLeaf("TDH.IMPORT.STATE.IMMUTABLE", 85, 1, UNINIT),
            new MigrationLeaf("TDH.IMPORT.STATE.TD", 86, 1, 0), new MigrationLeaf("TDH.IMPORT.STATE.VP", 87, 0, 0),
            new MigrationLeaf("TDH.MIG.STREAM.CREATE", 96, 2, UNINIT | INIT | RUNNABLE),
        };
    }

    int number() {
        return leaf;
    }

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long rcx = r.gpr(1), rdx = r.gpr(2);
        // outputs the handlers clear before their first check
        if (leaf == 72 || leaf == 73 || leaf == 74 || leaf == 75 || leaf >= 85 && leaf <= 87) r.gpr(2, 0);
        if (leaf == 75 || leaf >= 85 && leaf <= 87) r.gpr(1, 0);
        long tdr;
        if (tdrReg == 0) {
            long tdvpr = rcx;
            long s = h.checkPage(tdvpr, SeamStatus.OP_RCX, SeamHost.PT_TDVPR);
            if (s != 0) return s;
            tdr = h.pageOwner(tdvpr);
            s = h.checkTdr(tdr, SeamStatus.OP_TDR);
            if (s != 0) return s;
        } else {
            tdr = tdrReg == 1 ? rcx : rdx;
            long s = h.checkTdr(tdr, tdrReg == 1 ? SeamStatus.OP_RCX : SeamStatus.OP_RDX);
            if (s != 0) return s;
        }
        SeamHost.TdCtx td = h.tds.get(tdr);
        long s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        int state = td.opState == SeamHost.OP_UNINITIALIZED ? UNINIT : td.opState == SeamHost.OP_INITIALIZED ? INIT : RUNNABLE;
        if ((allowed & state) == 0) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (leaf == 72) return exportStateImmutable(h, td, r);
        if (leaf == 96) return streamCreate(h, td, tdr, rcx);
        if (leaf == 85) return SeamStatus.TDX_MIN_MIGS_NOT_CREATED;
        throw new NotSupportedException("leaf " + name + " past its TD state checks (no migration session is modelled)");
    }

    /** td_control_structures.h MIN_MIGS / MAX_MIGS; migration.h MBMD_ALIGN, sizeof(mbmd_immutable_td_state_t). */
    static final int MIN_MIGS = 2, MAX_MIGS = 512, MBMD_ALIGN = 128, MBMD_IMMUTABLE_SIZE = 48;
    /** migration.h MIN_TD_IMMUTABLE_STATE_EXPORT_PAGES (the page list's LAST_ENTRY must be at least this - 1). */
    static final int MIN_TD_IMMUTABLE_STATE_EXPORT_PAGES = 3;
    /**
     * Pages a complete TDH.EXPORT.STATE.IMMUTABLE writes: NUM_SYS_STATE_EXPORT_PAGES (1) for the SYS metadata list, then
     * one for the TD's immutable list — the TDR/TDCS fields exported immutably (tdr_tdcs_fields_lookup.c, mig_export MB
     * or mig_import IE/IES/IEME/IESME: 38 fields, 272 elements) need at most 2,112 bytes with a sequence header per
     * field, which fits one 4 KB list.
     */
    static final int IMMUTABLE_EXPORT_PAGES = 2;

    /**
     * tdh_export_state_immutable.c past the op-state check (MIGRATABLE, MIN_MIGS, R8, R10, then a NEW or RESUME
     * command): a NEW command with the migration keys set runs AES-GCM (migsc_init, aes_gcm_reset/process_aad), so
     * from there on the dispatcher zeroes XMM0-15 whatever the status; the page-list entries must be shared 4 KB pages
     * (operand MIG_BUFF_LIST_ENTRY); on success RDX = pages written and OP_STATE becomes LIVE_EXPORT. The ciphertext and
     * the MBMD contents are not modelled (the host memory is left as it was).
     */
    private static long exportStateImmutable(SeamHost h, SeamHost.TdCtx td, RegisterFile r) {
        if ((td.attributes & (1L << 29)) == 0) return SeamStatus.TDX_TD_NOT_MIGRATABLE;
        // TDCS.MIG_COUNT is 0: no export session ever ran (TDX_PREVIOUS_EXPORT_CLEANUP_INCOMPLETE is not reachable)
        if (td.numMigs < MIN_MIGS) return SeamStatus.TDX_MIN_MIGS_NOT_CREATED;
        long r8 = r.gpr(8), r9 = r.gpr(9), r10 = r.gpr(10);
        if ((r8 >>> 52) < MBMD_IMMUTABLE_SIZE || !h.validSharedHpa(r8 & 0x000F_FFFF_FFFF_FFFFL, MBMD_ALIGN)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        }
        if ((r10 & 0x7FFF_FFFF_FFFF_FFFFL) != 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R10);
        if (r10 < 0) {
            // RESUME: the stream must have been initialised by a NEW call; the model never interrupts one
            return td.migsc0Initialized ? SeamStatus.TDX_INVALID_RESUMPTION : SeamStatus.TDX_MIGRATION_STREAM_STATE_INCORRECT;
        }
        long lastEntry = r9 >>> 55, list = r9 & 0x000F_FFFF_FFFF_F000L;
        if (lastEntry < MIN_TD_IMMUTABLE_STATE_EXPORT_PAGES - 1 || (r9 & 0xFFF) != 0 || ((r9 >>> 52) & 7) != 0
                || !h.validSharedHpa(list, SeamHost.PAGE)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R9);
        }
        if (!td.migDecKeySet) return SeamStatus.TDX_MIGRATION_DECRYPTION_KEY_NOT_SET;
        // the keys move to the working keys (a new encryption key is drawn) and MIG_DEC_KEY_SET is cleared
        td.migDecKeySet = false;
        h.resetAvxState = true; // migsc_init → aes_gcm_init
        td.migsc0Initialized = true;
        td.exportCount++;
        for (int i = 0; i < IMMUTABLE_EXPORT_PAGES; i++) {
            if (!h.validSharedHpa(h.read64(list + 8L * i), SeamHost.PAGE)) {
                return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_MIG_BUFF_LIST_ENTRY);
            }
        }
        r.gpr(2, IMMUTABLE_EXPORT_PAGES);
        td.opState = SeamHost.OP_LIVE_EXPORT;
        return TdxStatus.TDX_SUCCESS;
    }

    /** tdh_mig_stream_create.c past the op-state check: NUM_MIGS below MAX_MIGS, then the MIGSC page (RCX, an NDA page). */
    private static long streamCreate(SeamHost h, SeamHost.TdCtx td, long tdr, long migsc) {
        if (td.numMigs >= MAX_MIGS) return SeamStatus.TDX_MAX_MIGS_NUM_EXCEEDED;
        long s = h.checkPage(migsc, SeamStatus.OP_RCX, SeamHost.PT_NDA);
        if (s != 0) return s;
        h.assign(migsc, SeamHost.PT_TDCX, tdr);
        td.childPages++;
        td.numMigs++;
        return TdxStatus.TDX_SUCCESS;
    }
}
