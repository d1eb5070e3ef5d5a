package dev.leafspec.steps;

import dev.leafspec.api.Capabilities;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Identity;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.RegisterBlock;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Deliberately broken implementations: each wraps the reference engine and breaks exactly one rule.
 * The self-test proves the features catch every one of them with a message naming leaf, rule and register.
 */
final class Mutants {
    private Mutants() {
    }

    /** A decorator that lets a mutation edit the registers before and/or after the real call (by default only TDCALLs:
     *  SEAMCALL leaf numbers overlap the TDCALL ones, e.g. 0 is both TDG.VP.VMCALL and TDH.VP.ENTER). */
    static final class Mutant implements LeafImplementation {
        final String name;
        private final Instruction only;
        private final LeafImplementation real;
        private final BiConsumer<RegisterFile, RegisterFile> before;
        private final BiConsumer<RegisterFile, RegisterFile> after;

        Mutant(String name, LeafImplementation real, BiConsumer<RegisterFile, RegisterFile> before,
               BiConsumer<RegisterFile, RegisterFile> after) {
            this(name, Instruction.TDCALL, real, before, after);
        }

        /** A mutant that edits only calls made with {@code only} (TDCALL or SEAMCALL); null: every call. */
        Mutant(String name, Instruction only, LeafImplementation real, BiConsumer<RegisterFile, RegisterFile> before,
               BiConsumer<RegisterFile, RegisterFile> after) {
            this.name = name;
            this.only = only;
            this.real = real;
            this.before = before;
            this.after = after;
        }

        @Override
        public Identity identity() {
            return new Identity("mutant " + name, "0", "LeafSpec self-test");
        }

        @Override
        public Capabilities capabilities() {
            return real.capabilities();
        }

        @Override
        public void reset() {
            real.reset();
        }

        @Override
        public void call(Instruction instruction, RegisterFile regs) {
            if (only != null && instruction != only) {
                real.call(instruction, regs);
                return;
            }
            RegisterFile original = regs.copy();
            if (before != null) before.accept(original, regs);
            real.call(instruction, regs);
            if (after != null) after.accept(original, regs);
        }

        @Override
        public void fixture(String fixture, Map<String, String> params) {
            real.fixture(fixture, params);
        }

        @Override
        public RegisterFile observe(String observation) {
            return real.observe(observation);
        }

        @Override
        public byte[] readGuestMemory(long gpa, int length) {
            return real.readGuestMemory(gpa, length);
        }

        @Override
        public void writeGuestMemory(long gpa, byte[] data) {
            real.writeGuestMemory(gpa, data);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static boolean isVmcall(RegisterFile original) {
        return (original.get(Gpr.RAX) & 0xFFFF) == 0;
    }

    static boolean isLeaf(RegisterFile original, int leaf) {
        return (original.get(Gpr.RAX) & 0xFFFF) == leaf;
    }

    static LeafImplementation real() {
        return Harness.create(Harness.DEFAULT_IMPL);
    }

    /** TDG.VP.VMCALL leaks the host's R14 into the guest although R14 is not selected. */
    static Mutant unselectedGprNotRestored() {
        return new Mutant("unselected R14 not restored after TDG.VP.VMCALL", real(), null, (orig, regs) -> {
            if (isVmcall(orig) && (orig.get(Gpr.RCX) & Gpr.R14.bit()) == 0 && regs.get(Gpr.RAX) == 0) {
                regs.set(Gpr.R14, 0xBAD0BAD0BAD0BAD0L);
            }
        });
    }

    /** TDG.VP.VMCALL leaves XMM5 clobbered although it is not selected. */
    static Mutant xmmNotRestored() {
        return new Mutant("XMM5 not restored after TDG.VP.VMCALL", real(), null, (orig, regs) -> {
            if (isVmcall(orig) && (orig.get(Gpr.RCX) & (1L << 21)) == 0 && regs.get(Gpr.RAX) == 0) {
                regs.xmm(5, 0xBADL, 0xBADL);
            }
        });
    }

    /** The module ignores RAX bits 63:24. */
    static Mutant reservedRaxBitsIgnored() {
        return new Mutant("reserved RAX bits ignored", real(), (orig, regs) ->
                regs.set(Gpr.RAX, regs.get(Gpr.RAX) & 0xFF_FFFFL), null);
    }

    /** The module accepts RSP in the TDG.VP.VMCALL bitmap (it strips the bit and goes on). */
    static Mutant forbiddenRspAccepted() {
        return new Mutant("RSP accepted in the TDG.VP.VMCALL bitmap", real(), (orig, regs) -> {
            if (isVmcall(orig)) regs.set(Gpr.RCX, regs.get(Gpr.RCX) & ~Gpr.RSP.bit());
        }, (orig, regs) -> regs.set(Gpr.RCX, orig.get(Gpr.RCX)));
    }

    /** TDX_OPERAND_INVALID names operand 0 (RAX) whatever the faulty operand was. */
    static Mutant wrongOperandId() {
        return new Mutant("wrong operand id in TDX_OPERAND_INVALID", null, real(), null, (orig, regs) -> {
            long rax = regs.get(Gpr.RAX);
            if ((rax >>> 63) != 0 && (rax & 0xFFFF_FFFFL) != 0) regs.set(Gpr.RAX, rax & 0xFFFF_FFFF_0000_0000L);
        });
    }

    /** TDG.VP.INFO sets a reserved bit of R9 (bit 40). */
    static Mutant reservedOutputBitSet() {
        return new Mutant("TDG.VP.INFO sets reserved bit R9[40]", real(), null, (orig, regs) -> {
            if (isLeaf(orig, 1)) regs.set(Gpr.R9, regs.get(Gpr.R9) | (1L << 40));
        });
    }

    /** TDG.VP.INFO puts NUM_VCPUS where MAX_VCPUS belongs. */
    static Mutant vcpuFieldsSwapped() {
        return new Mutant("TDG.VP.INFO swaps NUM_VCPUS and MAX_VCPUS", real(), null, (orig, regs) -> {
            if (isLeaf(orig, 1)) {
                long r8 = regs.get(Gpr.R8);
                regs.set(Gpr.R8, (r8 << 32) | (r8 >>> 32));
            }
        });
    }

    /** The module copies the host's R10 into RAX: the status lands in the wrong register. */
    static Mutant statusInWrongRegister() {
        return new Mutant("TDG.VP.VMCALL returns the host's R10 in RAX", real(), null, (orig, regs) -> {
            if (isVmcall(orig) && regs.get(Gpr.RAX) == 0) regs.set(Gpr.RAX, regs.get(Gpr.R10));
        });
    }

    /** R10 and R11 swapped on the way back from the host. */
    static Mutant r10R11Swapped() {
        return new Mutant("R10 and R11 swapped after TDG.VP.VMCALL", real(), null, (orig, regs) -> {
            if (isVmcall(orig) && regs.get(Gpr.RAX) == 0) {
                long r10 = regs.get(Gpr.R10);
                regs.set(Gpr.R10, regs.get(Gpr.R11));
                regs.set(Gpr.R11, r10);
            }
        });
    }

    /** TDG.VP.VEINFO.GET leaves its outputs (RCX) holding the caller's value when it fails. */
    static Mutant outputsNotZeroedOnError() {
        return new Mutant("TDG.VP.VEINFO.GET outputs not zeroed on error", real(), null, (orig, regs) -> {
            if (isLeaf(orig, 3) && (regs.get(Gpr.RAX) >>> 63) != 0) regs.set(Gpr.RCX, orig.get(Gpr.RCX));
        });
    }

    /** MapGPA RETRY comes back without the resume GPA: R11 still holds the sub-function number. */
    static Mutant retryWithoutResumeGpa() {
        return new Mutant("MapGPA RETRY without a resume GPA in R11", real(), null, (orig, regs) -> {
            if (isVmcall(orig) && regs.get(Gpr.RAX) == 0 && regs.get(Gpr.R10) == 1) regs.set(Gpr.R11, orig.get(Gpr.R11));
        });
    }

    /** RBP is accepted in the TDG.VP.VMCALL bitmap even when the TD runs with NO_RBP_MOD. */
    static Mutant rbpAcceptedUnderNoRbpMod() {
        return new Mutant("RBP accepted in the bitmap under NO_RBP_MOD", real(), (orig, regs) -> {
            if (isVmcall(orig)) regs.set(Gpr.RCX, regs.get(Gpr.RCX) & ~Gpr.RBP.bit());
        }, (orig, regs) -> regs.set(Gpr.RCX, orig.get(Gpr.RCX)));
    }

    /** TDG.VP.INFO never writes its status: RAX keeps the leaf number (1), which masks to TDX_SUCCESS. */
    static Mutant statusNotWritten() {
        return new Mutant("TDG.VP.INFO leaves the leaf number in RAX", real(), null, (orig, regs) -> {
            if (isLeaf(orig, 1) && regs.get(Gpr.RAX) == 0) regs.set(Gpr.RAX, orig.get(Gpr.RAX));
        });
    }

    /** SEAMCALL leaf 0 is TDH.VP.ENTER. */
    static final int TDH_VP_ENTER = 0;

    /** TDH.VP.ENTER returns with the host's RBP zeroed even when the TD runs with NO_RBP_MOD (the module ignores the flag). */
    static Mutant rbpClobberedByVpEnter() {
        return new Mutant("TDH.VP.ENTER clobbers RBP despite NO_RBP_MOD", Instruction.SEAMCALL, real(), null, (orig, regs) -> {
            if (isLeaf(orig, TDH_VP_ENTER)) regs.set(Gpr.RBP, 0);
        });
    }

    /** TDH.VP.ENTER returns to the host without resetting the vector state: XMM registers the module should have
     *  reset to INIT (zero) hold stale TD data. */
    static Mutant xmmDirtyAfterVpEnter() {
        return new Mutant("TDH.VP.ENTER leaves XMM state dirty at a TD exit", Instruction.SEAMCALL, real(), null, (orig, regs) -> {
            if (!isLeaf(orig, TDH_VP_ENTER)) return;
            for (int x = 0; x < RegisterFile.XMM_COUNT; x++) {
                if (regs.xmmLow(x) == 0 && regs.xmmHigh(x) == 0) regs.xmm(x, 0xD1D1_D1D1_0000_0000L | x, 0xD1D1_D1D1_D1D1_D1D1L);
            }
        });
    }

    /** The dispatcher's XMM scrub is skipped after a flow that ran AES-GCM (TDH.EXPORT.STATE.IMMUTABLE, SEAMCALL leaf 72):
     *  AVX/XMM state left dirty where the spec resets it (tdx_1.5 tdx_vmm_dispatcher.c clear_xmms after reset_avx_state). */
    static Mutant xmmDirtyAfterAesGcm() {
        return new Mutant("AVX/XMM state left dirty after an AES-GCM leaf", Instruction.SEAMCALL, real(), null, (orig, regs) -> {
            if (!isLeaf(orig, 72)) return;
            for (int x = 0; x < RegisterFile.XMM_COUNT; x++) {
                if (regs.xmmLow(x) == 0 && regs.xmmHigh(x) == 0) regs.xmm(x, 0xAE5A_E5A0_0000_0000L | x, 0xAE5A_E5A0_AE5A_E5A0L);
            }
        });
    }

    /** The module ignores the version in RAX[23:16] (it calls version 0 of every leaf). */
    static Mutant versionIgnored() {
        return new Mutant("leaf version in RAX[23:16] ignored", Instruction.TDCALL, real(), (orig, regs) ->
                regs.set(Gpr.RAX, regs.get(Gpr.RAX) & ~0xFF_0000L), null);
    }

    /** TDG.VP.VMCALL returns with RCX zeroed instead of holding the guest's bitmap. */
    static Mutant bitmapNotEchoedInRcx() {
        return new Mutant("TDG.VP.VMCALL does not return the bitmap in RCX", Instruction.TDCALL, real(), null, (orig, regs) -> {
            if (isVmcall(orig) && regs.get(Gpr.RAX) == 0) regs.set(Gpr.RCX, 0);
        });
    }

    /** TDG.VP.VMCALL hands the host status back in RAX as well as R10 only when it is an error: the guest sees a
     *  TDX error for a sub-function that merely failed (R10 read as RAX). */
    static Mutant subfunctionErrorInRax() {
        return new Mutant("TDG.VP.VMCALL sub-function error reported in RAX", Instruction.TDCALL, real(), null, (orig, regs) -> {
            if (isVmcall(orig) && regs.get(Gpr.RAX) == 0 && regs.get(Gpr.R10) != 0) regs.set(Gpr.RAX, 0x8000_0000_0000_0000L | regs.get(Gpr.R10));
        });
    }

    /** The module ignores reserved input bits: it clears every reserved-zero input field (per the leaf spec) before
     *  the call instead of rejecting it, and puts the caller's value back afterwards. */
    static Mutant reservedInputBitsIgnored() {
        return new Mutant("reserved input bits ignored", Instruction.TDCALL, real(), (orig, regs) -> {
            LeafSpec spec = tdcallSpec(orig);
            if (spec == null) return;
            for (var e : spec.inputs().entrySet()) {
                if (!dev.leafspec.steps.contract.Registers.isGpr(e.getKey())) continue;
                Gpr g = Gpr.parse(e.getKey());
                regs.set(g, regs.get(g) & ~e.getValue().reservedZeroMask());
            }
        }, (orig, regs) -> {
            LeafSpec spec = tdcallSpec(orig);
            if (spec == null) return;
            for (var e : spec.inputs().entrySet()) {
                if (!dev.leafspec.steps.contract.Registers.isGpr(e.getKey()) || spec.outputs().containsKey(e.getKey())) continue;
                Gpr g = Gpr.parse(e.getKey());
                RegisterBlock b = e.getValue();
                if (regs.get(g) == (orig.get(g) & ~b.reservedZeroMask())) regs.set(g, orig.get(g));
            }
        });
    }

    /** @return the spec of the (non-sub-function) TDCALL leaf a caller's register file calls, or null */
    static LeafSpec tdcallSpec(RegisterFile orig) {
        long number = orig.get(Gpr.RAX) & 0xFFFF;
        return Harness.catalogue().leaves().stream()
                .filter(l -> l.instruction() == Instruction.TDCALL && !l.isSubfunction() && l.number() == number)
                .findFirst().orElse(null);
    }

    /** Every mutant, for the kill matrix. */
    static java.util.List<java.util.function.Supplier<Mutant>> all() {
        return java.util.List.of(Mutants::unselectedGprNotRestored, Mutants::xmmNotRestored, Mutants::reservedRaxBitsIgnored,
                Mutants::forbiddenRspAccepted, Mutants::wrongOperandId, Mutants::reservedOutputBitSet, Mutants::vcpuFieldsSwapped,
                Mutants::statusInWrongRegister, Mutants::r10R11Swapped, Mutants::outputsNotZeroedOnError,
                Mutants::retryWithoutResumeGpa, Mutants::rbpAcceptedUnderNoRbpMod, Mutants::statusNotWritten,
                Mutants::rbpClobberedByVpEnter, Mutants::xmmDirtyAfterVpEnter, Mutants::versionIgnored,
                Mutants::bitmapNotEchoedInRcx, Mutants::subfunctionErrorInRax, Mutants::reservedInputBitsIgnored,
                Mutants::xmmDirtyAfterAesGcm);
    }
}
