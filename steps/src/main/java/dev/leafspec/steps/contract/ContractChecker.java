package dev.leafspec.steps.contract;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.Clobber;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.OperandId;
import dev.leafspec.spec.model.OutputsOnError;
import dev.leafspec.spec.model.RegisterBlock;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.spec.model.StatusRef;
import dev.leafspec.spec.model.VectorState;
import dev.leafspec.spec.model.VmcallStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one leaf call (register file before and after) against the leaf's spec. This is the only
 * place, with the generated features, that reads the YAML; implementations never do.
 *
 * <p>Rules checked after every call (rule ids as they appear in reports):
 * <ul>
 *   <li>{@code CONTRACT-STATUS}: the status register holds a catalogued completion status (bits 31:0 masked)
 *       that the leaf lists; where the leaf lists operand ids for that code, bits 31:0 carry one of them.</li>
 *   <li>{@code CONTRACT-HOST-STATUS}: for a TDG.VP.VMCALL sub-function that completed with TDX_SUCCESS, R10 holds
 *       a TDG.VP.VMCALL status the sub-function lists.</li>
 *   <li>{@code CONTRACT-PRESERVE}: every GPR that is not the status register, an output, a clobbered register
 *       or (TDG.VP.VMCALL) selected by the RCX bitmap is unchanged.</li>
 *   <li>{@code CONTRACT-RESERVED-OUT}: on success, reserved output bits read as zero.</li>
 *   <li>{@code CONTRACT-ERROR-OUTPUTS}: on error, outputs are zero where the leaf says {@code outputs-on-error: zeroed}.</li>
 *   <li>{@code CONTRACT-VECTOR}: XMM registers follow the leaf's vector-state: preserved; passed-by-bitmap (unselected ones
 *       preserved); zeroed (each XMM untouched or zero, never another value).</li>
 * </ul>
 */
public final class ContractChecker {
    /** Operand-id mask: bits 31:0 of a completion status. */
    public static final long DETAIL_MASK = 0xFFFF_FFFFL;

    private final Catalogue catalogue;

    public ContractChecker(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Context of one call: the TD's NO_RBP_MOD setting and the module version modelled ("1.0", "1.5"). */
    public record CallContext(boolean noRbpMod, String moduleVersion) {
        public static final CallContext DEFAULT = new CallContext(false, "1.5");
    }

    /** @return every violation of the post-call rules; empty when the call complies */
    public List<Violation> check(LeafSpec spec, RegisterFile before, RegisterFile after, CallContext ctx) {
        List<Violation> out = new ArrayList<>();
        String statusReg = spec.status().register();
        long status = after.get(Gpr.parse(statusReg));
        Optional<StatusCode> code = checkStatus(spec, statusReg, status, out);
        boolean error = code.map(StatusCode::error).orElse((status >>> 63) != 0);
        if (spec.isSubfunction() && status == 0) {
            checkHostStatus(spec, after, out);
        }
        checkPreservation(spec, before, after, ctx, out);
        if (!error) {
            if (!spec.isSubfunction()) checkReservedOutputs(spec, after, ctx, out);
        } else if (outputsOnError(spec, status, code.orElse(null)) == OutputsOnError.ZEROED) {
            for (RegisterBlock b : spec.outputs().values()) {
                if (!Registers.isGpr(b.register()) || b.register().equals(statusReg)) continue;
                long v = after.get(Gpr.parse(b.register()));
                if (v != 0) {
                    out.add(new Violation(spec.leaf(), "CONTRACT-ERROR-OUTPUTS", b.register(), null,
                            "outputs are zeroed on error: expected 0x0, got " + Registers.decode(spec, b.register(), v)));
                }
            }
        }
        checkVectorState(spec, before, after, out);
        return out;
    }

    /**
     * @return what the outputs must hold with this error status: the matching status entry's own
     * {@code outputs-on-error} if it has one, else the leaf's
     */
    static OutputsOnError outputsOnError(LeafSpec spec, long status, StatusCode code) {
        if (code != null) {
            for (StatusRef r : spec.status().codes()) {
                if (r.code().equals(code.name()) && r.outputsOnError() != null) return r.outputsOnError();
            }
        }
        return spec.outputsOnError();
    }

    /** Decodes a status value and checks it against the leaf's list; adds violations to {@code out}. */
    public Optional<StatusCode> checkStatus(LeafSpec spec, String statusReg, long status, List<Violation> out) {
        Optional<StatusCode> code = catalogue.decodeStatus(status);
        if (code.isEmpty()) {
            out.add(new Violation(spec.leaf(), "CONTRACT-STATUS", statusReg, null,
                    String.format("0x%016x is not a TDX completion status in the catalogue (bits 63:32 = 0x%08x)", status, status >>> 32)));
            return code;
        }
        String name = code.get().name();
        if (code.get().allValues().contains(0L) && status != 0) {
            // TDX_SUCCESS carries no operand id or detail: a non-zero RAX that masks to 0 is not a status at all
            // (for example the leaf number left in RAX by an implementation that did not complete the call)
            out.add(new Violation(spec.leaf(), "CONTRACT-STATUS", statusReg, "[31:0]",
                    String.format("TDX_SUCCESS has bits 31:0 clear, got 0x%016x", status)));
            return code;
        }
        List<StatusRef> listed = spec.status().codes().stream().filter(r -> r.code().equals(name)).toList();
        if (listed.isEmpty()) {
            out.add(new Violation(spec.leaf(), "CONTRACT-STATUS", statusReg, null,
                    name + " is not a status this leaf may return (it lists "
                            + String.join(", ", spec.status().codes().stream().map(StatusRef::code).distinct().toList()) + ")"));
            return code;
        }
        boolean anyWithoutOperand = listed.stream().anyMatch(r -> r.operand() == null);
        if (!anyWithoutOperand && code.get().error()) {
            long detail = status & DETAIL_MASK;
            Set<Long> allowed = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (StatusRef r : listed) {
                OperandId id = catalogue.operands().get(r.operand());
                if (id != null) {
                    allowed.add((long) id.value());
                    names.add(r.operand() + "=" + id.value());
                }
            }
            if (!allowed.isEmpty() && !allowed.contains(detail)) {
                out.add(new Violation(spec.leaf(), "CONTRACT-STATUS", statusReg, "[31:0] operand id",
                        name + " must name operand " + String.join(" or ", names) + ", got " + detail
                                + operandName(detail).map(n -> " (" + n + ")").orElse("")));
            }
        }
        return code;
    }

    /** @return the catalogue name of an operand id, if any */
    public Optional<String> operandName(long id) {
        return catalogue.operands().values().stream().filter(o -> o.value() == id).map(OperandId::name).findFirst();
    }

    private void checkHostStatus(LeafSpec spec, RegisterFile after, List<Violation> out) {
        // an empty list means the host is not expected to resume the TD (ReportFatalError): nothing to check
        if (spec.leafStatus() == null || spec.leafStatus().codes().isEmpty()) return;
        String reg = spec.leafStatus().register();
        long v = after.get(Gpr.parse(reg));
        Optional<VmcallStatus> s = catalogue.decodeVmcallStatus(v);
        if (s.isEmpty()) {
            out.add(new Violation(spec.leaf(), "CONTRACT-HOST-STATUS", reg, null,
                    String.format("0x%016x is not a TDG.VP.VMCALL status in the catalogue", v)));
        } else if (!spec.leafStatus().allows(s.get().name())) {
            out.add(new Violation(spec.leaf(), "CONTRACT-HOST-STATUS", reg, null,
                    s.get().name() + " is not a status this sub-function lists"));
        }
    }

    /**
     * @return the GPRs the leaf may change in this call: status register, outputs, clobbered registers
     * (unless their condition holds), and for TDG.VP.VMCALL the GPRs selected by the RCX bitmap
     */
    public Set<Gpr> mayChange(LeafSpec spec, RegisterFile before, CallContext ctx) {
        Set<Gpr> s = new HashSet<>();
        s.add(Gpr.parse(spec.status().register()));
        if (spec.bitmap() != null || spec.isSubfunction()) {
            long bitmap = before.get(Gpr.RCX);
            for (int i = 0; i < 16; i++) {
                if ((bitmap & (1L << i)) != 0) s.add(Gpr.of(i));
            }
        } else {
            for (String r : spec.outputs().keySet()) {
                if (Registers.isGpr(r)) s.add(Gpr.parse(r));
            }
        }
        for (Clobber c : spec.clobbered()) {
            boolean exempt = c.unless() != null && c.unless().equals("NO_RBP_MOD") && ctx.noRbpMod();
            if (!exempt && Registers.isGpr(c.register())) s.add(Gpr.parse(c.register()));
        }
        return s;
    }

    private void checkPreservation(LeafSpec spec, RegisterFile before, RegisterFile after, CallContext ctx, List<Violation> out) {
        Set<Gpr> change = mayChange(spec, before, ctx);
        Iterable<Gpr> checked = spec.preserved().allOtherGprs()
                ? List.of(Gpr.values())
                : spec.preserved().registers().stream().filter(Registers::isGpr).map(Gpr::parse).toList();
        for (Gpr g : checked) {
            if (change.contains(g)) continue;
            if (before.get(g) != after.get(g)) {
                out.add(new Violation(spec.leaf(), "CONTRACT-PRESERVE", g.name(), null,
                        "must be preserved: expected " + String.format("0x%016x", before.get(g))
                                + ", got " + String.format("0x%016x", after.get(g))));
            }
        }
    }

    private void checkReservedOutputs(LeafSpec spec, RegisterFile after, CallContext ctx, List<Violation> out) {
        for (RegisterBlock b : spec.outputs().values()) {
            if (!Registers.isGpr(b.register())) continue;
            if (b.since() != null && compareVersions(b.since(), ctx.moduleVersion()) > 0) continue;
            long v = after.get(Gpr.parse(b.register()));
            for (Field f : b.fields()) {
                if (f.reserved() != Field.Reserved.ZERO || f.bits().high() > 63) continue;
                long got = f.bits().extract(v);
                if (got != 0) {
                    out.add(new Violation(spec.leaf(), "CONTRACT-RESERVED-OUT", b.register(),
                            "[" + f.bits() + "] reserved", "expected 0x0, got 0x" + Long.toHexString(got)
                            + " (" + b.register() + " = " + Registers.decode(spec, b.register(), v) + ")"));
                }
            }
        }
    }

    private void checkVectorState(LeafSpec spec, RegisterFile before, RegisterFile after, List<Violation> out) {
        VectorState vs = spec.vectorState();
        if (vs == null || vs.xmm() == null) return;
        long bitmap = before.get(Gpr.RCX);
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            boolean mustKeep = switch (vs.xmm()) {
                case PRESERVED -> true;
                case PASSED_BY_BITMAP -> (bitmap & (1L << (16 + i))) == 0;
                default -> false;
            };
            boolean mustZero = vs.xmm() == VectorState.Mode.ZEROED;
            boolean same = before.xmmLow(i) == after.xmmLow(i) && before.xmmHigh(i) == after.xmmHigh(i);
            if (mustKeep && !same) {
                out.add(new Violation(spec.leaf(), "CONTRACT-VECTOR", "XMM" + i, null,
                        "must be preserved (" + vs.xmm().yaml() + "): expected " + xmm(before, i) + ", got " + xmm(after, i)));
            } else if (mustZero && !same && (after.xmmLow(i) != 0 || after.xmmHigh(i) != 0)) {
                // "zeroed" is what a leaf may do (the AES-GCM migration leaves zero XMM0-15 only once they reach
                // AES-GCM): each XMM is either untouched or zero, never another value
                out.add(new Violation(spec.leaf(), "CONTRACT-VECTOR", "XMM" + i, null,
                        "may only be preserved or zeroed: expected " + xmm(before, i) + " or 0, got " + xmm(after, i)));
            }
        }
    }

    static String xmm(RegisterFile r, int i) {
        return String.format("0x%016x%016x", r.xmmHigh(i), r.xmmLow(i));
    }

    /** Compares dotted module versions ("1.0" &lt; "1.5" &lt; "2.0"); see {@link dev.leafspec.spec.Values#compareVersions}. */
    public static int compareVersions(String a, String b) {
        return dev.leafspec.spec.Values.compareVersions(a, b);
    }

    /** @return the status value of {@code name} for the module version (falls back to any known value) */
    public long statusValue(String name, String moduleVersion) {
        StatusCode c = catalogue.tdxStatus().get(name);
        if (c == null) throw new IllegalArgumentException("unknown TDX status " + name);
        if (c.valuesByVersion().containsKey(moduleVersion)) return c.valuesByVersion().get(moduleVersion);
        if (c.value() != null) return c.value();
        return c.valuesByVersion().values().iterator().next();
    }

    /** @return a status value with its name: {@code TDX_OPERAND_INVALID|RCX (0xc000010000000001)} */
    public String describeStatus(long status) {
        Optional<StatusCode> c = catalogue.decodeStatus(status);
        String detail = "";
        if (c.isPresent() && (status & DETAIL_MASK) != 0) {
            long d = status & DETAIL_MASK;
            detail = "|" + operandName(d).orElse("0x" + Long.toHexString(d));
        }
        return c.map(StatusCode::name).orElse("unknown status") + detail + String.format(" (0x%016x)", status);
    }

    public Catalogue catalogue() {
        return catalogue;
    }
}
