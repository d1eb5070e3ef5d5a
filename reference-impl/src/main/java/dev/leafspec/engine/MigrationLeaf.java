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
 * <p>Modelled beyond: TDH.EXPORT.STATE.IMMUTABLE on a RUNNABLE TD: ATTRIBUTES.MIGRATABLE (bit 29) clear →
 * TDX_TD_NOT_MIGRATABLE (0xC0000E0900000000); otherwise no migration stream exists (TDH.MIG.STREAM.CREATE stops at its
 * TD checks) → TDX_MIN_MIGS_NOT_CREATED (0xC0000E1400000000). TDH.IMPORT.STATE.IMMUTABLE on an UNINITIALIZED TD (the
 * platform does not set IA32_MISC_ENABLE.LIMIT_CPUID_MAXVAL) → TDX_MIN_MIGS_NOT_CREATED. Both fail before any AES-GCM
 * operation, so XMM0-15 are untouched (the module zeroes them only once a flow ran AES-GCM). The other paths past the
 * TD checks (EXPORT.RESTORE/UNBLOCKW on an INITIALIZED/RUNNABLE TD, MIG.STREAM.CREATE) end the
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
        if (leaf == 72) {
            if ((td.attributes & (1L << 29)) == 0) return SeamStatus.TDX_TD_NOT_MIGRATABLE;
            return SeamStatus.TDX_MIN_MIGS_NOT_CREATED;
        }
        if (leaf == 85) return SeamStatus.TDX_MIN_MIGS_NOT_CREATED;
        throw new NotSupportedException("leaf " + name + " past its TD state checks (no migration session is modelled)");
    }
}
