package dev.leafspec.caller;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.caller.CallerResult.Status;
import dev.leafspec.caller.CallerSpec.Arg;
import dev.leafspec.caller.CallerSpec.Convention;
import dev.leafspec.caller.CallerSpec.Fixture;
import dev.leafspec.caller.CallerSpec.Function;
import dev.leafspec.caller.CallerSpec.Returns;
import dev.leafspec.engine.TdxModule;
import dev.leafspec.spec.model.Bitmap;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.RegisterBlock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Certifies a compiled caller library against its caller spec: runs each function natively in the harness, answers
 * every trapped TDCALL/SEAMCALL with the reference engine ({@link TdxModule}) and checks the caller rules of
 * docs/caller-spec-format.md against the leaf specs.
 */
public final class CallerChecker {
    /** What the module answers in the {@code module-error} case: TDX_OPERAND_INVALID (operand id in bits 31:0). */
    public static final long MODULE_ERROR = 0xC000010000000000L;
    /** Registers hold {@code PATTERN | index} at the call unless an argument goes there. */
    public static final long PATTERN = 0x5EEDCA1100000000L;
    public static final long XMM_PATTERN = 0x5EEDC0DE00000000L;
    /** YMMn bits 255:128 hold {@code XMM_PATTERN | 0x30n} (high) and {@code XMM_PATTERN | 0x20n} (low) where AVX is present. */
    public static final long YMM_LOW_TAG = 0x200, YMM_HIGH_TAG = 0x300;
    /** A hostile host writes {@code HOST_PATTERN | index} into registers on every TDG.VP.VMCALL exit. */
    public static final long HOST_PATTERN = 0xB057B05700000000L;

    private final Catalogue catalogue;
    private final Path home;
    private final long timeoutMs;
    private final TdxModule engine = new TdxModule();
    /** runPipelined's second engine: the next case is set up on it while the harness runs the current one */
    private TdxModule spare;
    private final Map<Long, String> statusNames = new java.util.HashMap<>();

    public CallerChecker(Catalogue catalogue, Path home, long timeoutMs) {
        this.catalogue = catalogue;
        this.home = home;
        this.timeoutMs = timeoutMs;
    }

    /** Runs every function of {@code spec} from {@code library}: the normal case and (unless disabled) the module-error case. */
    public List<CallerResult> certify(Path library, CallerSpec spec) {
        List<CallerResult> results = new ArrayList<>();
        var reason = NativeHarness.unavailableReason(home);
        if (reason.isPresent()) {
            for (Function f : spec.functions()) {
                results.add(new CallerResult(f.symbol(), f.issues(), "normal", Status.NOT_SUPPORTED, List.of(reason.get()), 0));
            }
            return results;
        }
        Path bin = NativeHarness.locate(home).orElseThrow();
        NativeHarness h = null;
        try {
            for (Function f : spec.functions()) {
                for (boolean err : f.errorCase() ? new boolean[] {false, true} : new boolean[] {false}) {
                    if (h == null || !h.alive()) {
                        if (h != null) h.close();
                        h = new NativeHarness(bin, library, timeoutMs);
                    }
                    try {
                        results.add(runCase(h, spec, f, err));
                    } catch (IOException e) {
                        // the function hung, ended the process or broke the protocol: its own row, then a fresh harness
                        results.add(lost(f, err, e));
                        h.close();
                        h = null;
                    }
                }
            }
        } catch (IOException e) {
            // the harness cannot start at all (the library does not load): nothing can run
            results.add(new CallerResult("(harness)", "", "", Status.FAIL, List.of("HARNESS: " + e.getMessage()), 0));
        } finally {
            if (h != null) h.close();
        }
        return results;
    }

    /**
     * The row of a case the harness did not finish. A function that does not return within the timeout or ends the
     * process (exit, abort, an unhandled signal) fails CALLER-FAULT, naming the function; anything else (a reply the
     * Java side cannot read) is a harness error, CALLER-HARNESS.
     */
    static CallerResult lost(Function f, boolean errorCase, IOException e) {
        String c = errorCase ? "module-error" : "normal";
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String head = f.symbol() + " [" + c + "]: RIP: ";
        String text;
        if (m.startsWith("TIMEOUT: ")) {
            text = head + "the function did not return: " + m.substring("TIMEOUT: ".length())
                    + "; the harness was restarted for the next case [CALLER-FAULT]";
        } else if (m.startsWith("the harness exited")) {
            text = head + "the process ended while the function ran (" + m.substring("the harness ".length())
                    + "): a wrapper must return to its caller; the harness was restarted for the next case [CALLER-FAULT]";
        } else {
            text = head + "harness: " + m + "; the harness was restarted for the next case [CALLER-HARNESS]";
        }
        return new CallerResult(f.symbol(), f.issues(), c, Status.FAIL, List.of(text), 0);
    }

    /** Runs one function once in one case on a started harness. */
    public CallerResult runCase(NativeHarness h, CallerSpec spec, Function f, boolean errorCase) throws IOException {
        Run r = new Run(spec, f, catalogue.requireLeaf(f.issues()), errorCase, h.ymm());
        try {
            r.begin();
            h.send(r.command);
            while (!r.handle(h.next(), h)) {
                // until the call ends
            }
            return r.result();
        } catch (NotSupportedException e) {
            return new CallerResult(f.symbol(), f.issues(), r.caseName, Status.NOT_SUPPORTED, List.of(e.getMessage()), r.traps);
        }
    }

    /**
     * Runs one function {@code n} times in one case, each run a complete case (fresh engine, every check), with the
     * next call's command sent ahead so that it travels with the answer to the current call's trap: one pipe round
     * trip a call instead of two. Work that the answer does not wait for (setting up the next case's engine, the
     * checks after a return) is done after the answer is sent, while the harness runs. Two engines alternate, so the
     * next case's engine is ready before its first trap. The results are those {@link #runCase} gives, in order.
     */
    public List<CallerResult> runPipelined(NativeHarness h, CallerSpec spec, Function f, boolean errorCase, int n) throws IOException {
        List<CallerResult> results = new ArrayList<>(n);
        if (n <= 0) return results;
        LeafSpec leaf = catalogue.requireLeaf(f.issues());
        if (spare == null) spare = new TdxModule();
        int made = 0;
        Run cur = new Run(spec, f, leaf, errorCase, h.ymm());
        made++;
        h.send(cur.command);
        Run ahead = null;
        if (made < n) {
            ahead = new Run(spec, f, leaf, errorCase, h.ymm());
            ahead.engine = spare;
            made++;
            h.send(ahead.command);
        }
        Run ended = null; // a run whose call has ended, its result not taken yet
        Run prepared = null; // the run after ahead: built while the harness runs, its command sent when ahead starts
        try {
            cur.begin();
            while (cur != null) {
                NativeHarness.Reply m = h.next();
                if (!cur.handle(m, h)) {
                    if (m.kind == NativeHarness.Reply.Kind.TRAP) {
                        // answered: the harness resumes; meanwhile finish the last run and set up the next ones
                        h.flush();
                        if (ended != null) {
                            results.add(ended.result());
                            ended = null;
                        }
                        if (ahead != null && !ahead.begun) ahead.begin();
                        if (prepared == null && made < n) {
                            prepared = new Run(spec, f, leaf, errorCase, h.ymm());
                            made++;
                        }
                    }
                    continue;
                }
                if (ended != null) results.add(ended.result());
                ended = cur;
                cur = ahead;
                ahead = null;
                if (cur == null) break;
                if (!cur.begun) cur.begin();
                if (prepared == null && made < n) {
                    prepared = new Run(spec, f, leaf, errorCase, h.ymm());
                    made++;
                }
                if (prepared != null) {
                    ahead = prepared;
                    prepared = null;
                    ahead.engine = ended.engine; // free once the ended run's call is over (its checks do not use it)
                    h.send(ahead.command);
                }
            }
            if (ended != null) results.add(ended.result());
        } catch (NotSupportedException e) {
            throw new IOException("a fixture is not supported by the reference engine: " + e.getMessage(), e);
        }
        return results;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final class Run {
        final CallerSpec spec;
        final Function f;
        final LeafSpec leaf;
        final boolean errorCase;
        final String caseName;
        final boolean vmcall;
        final List<String> fails = new ArrayList<>();
        final long[] in = new long[16];
        final long[] xin = new long[32];
        final long[] yin; // YMM0..15 bits 255:128 (low, high), null without AVX
        final String command;
        TdxModule engine = CallerChecker.this.engine;
        boolean begun;
        /** When a SEAMCALL fixture failed: how many failures setting up reported (the run's own checks are then noise). */
        int setupFailures = -1;
        NativeHarness.Reply done; // the return, checked in result()
        final Map<String, Long> expect = new LinkedHashMap<>();
        final Map<String, String> expectWhy = new LinkedHashMap<>();
        final Map<Integer, Integer> bufferOfArg = new LinkedHashMap<>(); // arg index -> register index
        final Map<String, Long> hostile = new LinkedHashMap<>();
        int traps;
        RegisterFile answered;
        String notSupported;
        final Retry retry;

        Run(CallerSpec spec, Function f, LeafSpec leaf, boolean errorCase, boolean ymm) {
            this.spec = spec;
            this.f = f;
            this.leaf = leaf;
            this.errorCase = errorCase;
            this.caseName = errorCase ? "module-error" : "normal";
            this.vmcall = leaf.instruction() == Instruction.TDCALL && leaf.number() == 0;
            this.retry = new Retry(this);
            this.yin = ymm ? new long[32] : null;
            this.command = prepare();
        }

        void fail(String reg, String text, String rule) {
            fails.add(f.symbol() + " [" + caseName + "]: " + reg + ": " + text + " [" + rule + "]");
        }

        /** Puts the reference engine in this case's starting state (reset, fixtures, the hostile host). */
        void begin() {
            begun = true;
            engine.reset();
            for (Fixture fx : f.fixtures()) {
                if (!fx.name().startsWith("TDH.")) {
                    engine.fixture(fx.name(), fx.params());
                    continue;
                }
                // a SEAMCALL the host makes first (e.g. building the TD that a TDH.VP.ENTER wrapper enters)
                LeafSpec setup = catalogue.requireLeaf(fx.name());
                RegisterFile rf = new RegisterFile().set(Gpr.RAX, setup.number());
                fx.params().forEach((reg, v) -> rf.set(Gpr.parse(reg), dev.leafspec.spec.Values.parseUnsigned(v)));
                engine.call(Instruction.SEAMCALL, rf);
                if ((rf.gpr(0) >>> 32) != 0 || (rf.rflags() & 1) != 0) {
                    fail("-", String.format("the fixture %s %s returned RAX = 0x%x%s: the caller spec's fixtures do not reach the state "
                            + "the function needs", fx.name(), fx.params(), rf.gpr(0), statusName(rf.gpr(0))), "CALLER-HARNESS");
                    setupFailures = fails.size(); // the function still runs (its command may be on its way), but only this is reported
                    return;
                }
            }
            if (vmcall && !errorCase) {
                for (Gpr g : Gpr.values()) {
                    String n = g.name();
                    if (g == Gpr.RAX || g == Gpr.RCX || g == Gpr.RSP || g == Gpr.R10 || leaf.outputs().containsKey(n)) continue;
                    long v = HOST_PATTERN | g.ordinal();
                    hostile.put(n, v);
                    engine.fixture("host.write", Map.of("register", n, "value", "0x" + Long.toHexString(v)));
                }
            }
        }

        /** The register values, expectations and the harness's C command. */
        String prepare() {
            for (int i = 0; i < 16; i++) in[i] = PATTERN | i;
            for (int n = 0; n < 16; n++) {
                xin[2 * n] = XMM_PATTERN | n;
                xin[2 * n + 1] = XMM_PATTERN | 0x100 | n;
                if (yin != null) {
                    yin[2 * n] = XMM_PATTERN | YMM_LOW_TAG | n;
                    yin[2 * n + 1] = XMM_PATTERN | YMM_HIGH_TAG | n;
                }
            }
            StringBuilder bufs = new StringBuilder();
            int nbuf = 0;
            for (int i = 0; i < f.args().size(); i++) {
                Arg a = f.args().get(i);
                String reg = f.convention().sysv() ? Convention.SYSV_ARGS.get(i) : a.to();
                int ri = Gpr.parse(reg).ordinal();
                if (a.struct() == null) {
                    in[ri] = a.value();
                    if (a.to() != null && (f.convention().sysv() || a.reaches() == null)) {
                        expect.put(a.to(), a.value());
                        expectWhy.put(a.to(), "args[" + i + "]");
                    }
                    if (a.reaches() != null) {
                        expect.put(a.reaches(), a.value());
                        expectWhy.put(a.reaches(), "args[" + i + "], reaches " + a.reaches());
                    }
                } else {
                    List<String> fields = spec.structs().get(a.struct());
                    StringBuilder hex = new StringBuilder();
                    for (String fld : fields) {
                        long v = a.fields().getOrDefault(fld, 0L);
                        for (int b = 0; b < 8; b++) hex.append(HEX[(int) (v >>> (8 * b + 4)) & 15]).append(HEX[(int) (v >>> (8 * b)) & 15]);
                        if (isInput(fld)) {
                            expect.put(fld, v);
                            expectWhy.put(fld, "args[" + i + "]." + fld);
                        }
                    }
                    bufs.append(' ').append(Integer.toHexString(ri)).append(' ').append(hex);
                    bufferOfArg.put(i, ri);
                    nbuf++;
                }
            }
            StringBuilder cmd = new StringBuilder("C ").append(f.symbol());
            for (long v : in) cmd.append(' ').append(Long.toHexString(v));
            for (long v : xin) cmd.append(' ').append(Long.toHexString(v));
            cmd.append(' ').append(Integer.toHexString(nbuf)).append(bufs);
            if (yin != null) {
                cmd.append(" Y");
                for (long v : yin) cmd.append(' ').append(Long.toHexString(v));
            }
            return cmd.toString();
        }

        /** Handles one reply of the harness; answers a trap. @return true when the call has ended */
        boolean handle(NativeHarness.Reply m, NativeHarness h) throws IOException {
            switch (m.kind) {
                case TRAP: {
                    traps++;
                    RegisterFile rf = m.regs;
                    String insn = m.instruction.name();
                    if (traps > f.maxCalls()) {
                        retry.tooMany(insn);
                        h.send("abort: more than " + f.maxCalls() + " calls");
                        return false;
                    }
                    checkTrap(insn, rf);
                    retry.atTrap(rf);
                    if (!errorCase && vmcall && traps <= f.hostAnswers().size()) {
                        Map<String, String> answer = new LinkedHashMap<>(f.hostAnswers().get(traps - 1));
                        answer.put("subfunction", "0x" + Long.toHexString(leaf.subfunction().r11()));
                        answer.put("times", "1");
                        engine.fixture("host.answer", answer);
                    }
                    if (errorCase) {
                        rf.gpr(0, MODULE_ERROR | (vmcall ? 1 : 0));
                    } else {
                        try {
                            engine.call(m.instruction, rf);
                        } catch (NotSupportedException e) {
                            notSupported = e.getMessage();
                            h.send("abort: not supported by the reference engine: " + e.getMessage().replace('\n', ' '));
                            return false;
                        }
                    }
                    answered = rf.copy();
                    retry.answered(rf);
                    // the reference engine models XMM only: the YMM upper halves go back as they were at the trap
                    h.sendAnswer(rf, m.ymmh);
                    return false;
                }
                case DONE:
                    done = m;
                    return true;
                case FAULT: {
                    var j = m.json;
                    fail("RIP", j.get("fault").asText() + " at " + j.path("at").asText("?") + " (RIP " + j.path("rip").asText()
                            + (j.has("bytes") ? ", bytes " + j.get("bytes").asText() : "") + "): " + j.path("message").asText(), "CALLER-FAULT");
                    return true;
                }
                case ABORTED:
                    return true;
                case ERROR:
                    fail("-", "harness: " + m.json.get("error").asText(), "CALLER-HARNESS");
                    return true;
                default:
                    return false;
            }
        }

        CallerResult result() {
            if (setupFailures >= 0) {
                return new CallerResult(f.symbol(), f.issues(), caseName, Status.FAIL, List.copyOf(fails.subList(0, setupFailures)), 0);
            }
            if (done != null && notSupported == null) {
                checkAfter(done);
                done = null;
            }
            if (notSupported != null) {
                return new CallerResult(f.symbol(), f.issues(), caseName, Status.NOT_SUPPORTED, List.of(notSupported), traps);
            }
            List<String> notes = List.of();
            if (yin == null && java.util.stream.IntStream.range(0, 16).anyMatch(f.convention()::preservesXmm)) {
                notes = List.of(f.symbol() + " [" + caseName + "]: YMM0..YMM15: upper halves (bits 255:128) NOT CHECKED: the harness carries "
                        + "no YMM state here (no AVX on this CPU/OS, or -Dleafspec.harness.ymm=off), so only XMM0..15 were checked [CALLER-YMM]");
            }
            return new CallerResult(f.symbol(), f.issues(), caseName, fails.isEmpty() ? Status.PASS : Status.FAIL, fails, traps, notes);
        }

        /** @return true if the leaf reads GPR {@code reg} (its inputs; R10/R11 select a TDG.VP.VMCALL sub-function) */
        boolean isInput(String reg) {
            if (leaf.inputs().containsKey(reg) && !(vmcall && reg.equals("RCX"))) return true;
            return leaf.isSubfunction() && (reg.equals("R10") || reg.equals("R11"));
        }

        void checkTrap(String insn, RegisterFile rf) {
            String at = " at the " + insn;
            if (!insn.equals(leaf.instruction().name())) {
                fail("RIP", "executed " + insn + ", but " + leaf.leaf() + " is a " + leaf.instruction() + " leaf", "CALLER-INSTRUCTION");
                return;
            }
            long rax = rf.gpr(0);
            int no = (int) (rax & 0xFFFF);
            int ver = (int) ((rax >>> 16) & 0xFF);
            if (no != leaf.number()) {
                fail("RAX", String.format("holds 0x%x%s: leaf number %d, expected %d (%s)", rax, at, no, leaf.number(), leaf.leaf()), "CALLER-LEAF");
            } else if (!leaf.versions().contains(ver)) {
                fail("RAX", String.format("holds 0x%x%s: version %d, %s accepts %s", rax, at, ver, leaf.leaf(), leaf.versions()), "CALLER-LEAF");
            }
            if ((rax >>> 24) != 0) {
                fail("RAX", String.format("holds 0x%x%s: bits 63:24 are reserved and must be zero", rax, at), "CALLER-RAX-RESERVED");
            }
            if (leaf.isSubfunction()) {
                if (rf.gpr(10) != leaf.subfunction().r10()) {
                    fail("R10", String.format("holds 0x%x%s, %s needs 0x%x", rf.gpr(10), at, leaf.leaf(), leaf.subfunction().r10()), "CALLER-SUBFUNCTION");
                }
                if (rf.gpr(11) != leaf.subfunction().r11()) {
                    fail("R11", String.format("holds 0x%x%s, %s is sub-function 0x%x", rf.gpr(11), at, leaf.leaf(), leaf.subfunction().r11()), "CALLER-SUBFUNCTION");
                }
            }
            for (Map.Entry<String, RegisterBlock> e : leaf.inputs().entrySet()) {
                String reg = e.getKey();
                if (!dev.leafspec.spec.Values.isGpr(reg) || (vmcall && reg.equals("RCX"))) continue;
                long v = rf.get(Gpr.parse(reg));
                long mask = e.getValue().reservedZeroMask();
                if ((v & mask) != 0) {
                    fail(reg, String.format("holds 0x%x%s: reserved bits 0x%x must be zero", v, at, v & mask), "CALLER-INPUT-RESERVED");
                }
            }
            for (Map.Entry<String, Long> e : expect.entrySet()) {
                if (retry.replaces(e.getKey())) continue; // a reissue after RETRY: CALLER-RETRY checks the range registers
                long v = rf.get(Gpr.parse(e.getKey()));
                if (v != e.getValue()) {
                    fail(e.getKey(), String.format("holds 0x%x%s, but the caller passed 0x%x (%s)", v, at, e.getValue(),
                            expectWhy.get(e.getKey())), "CALLER-INPUT");
                }
            }
            if (vmcall) checkBitmap(rf, at);
        }

        void checkBitmap(RegisterFile rf, String at) {
            Bitmap bm = catalogue.requireLeaf("TDG.VP.VMCALL").bitmap();
            long rcx = rf.gpr(1);
            if ((rcx & bm.reserved().mask()) != 0) {
                fail("RCX", String.format("bitmap 0x%x%s sets reserved bits %s", rcx, at, bm.reserved()), "CALLER-BITMAP-RESERVED");
            }
            Set<String> forbidden = new LinkedHashSet<>(bm.forbidden());
            for (Bitmap.Conditional c : bm.forbiddenWhen()) forbidden.add(c.register());
            for (String reg : forbidden) {
                Gpr g = Gpr.parse(reg);
                if ((rcx & g.bit()) != 0) {
                    String why = reg.equals("RBP") ? "the host could replace the frame pointer (and the module refuses it under NO_RBP_MOD)"
                            : "the module refuses it with TDX_OPERAND_INVALID";
                    fail(reg, String.format("selected in the TDG.VP.VMCALL bitmap (RCX = 0x%x, bit %d)%s: never expose %s, %s",
                            rcx, g.ordinal(), at, reg, why), "CALLER-BITMAP-FORBIDDEN");
                }
            }
            Set<String> uses = new LinkedHashSet<>();
            if (leaf.caller() != null) uses.addAll(leaf.caller().mustSelect());
            for (String r : leaf.inputs().keySet()) if (dev.leafspec.spec.Values.isGpr(r) && !r.equals("RCX")) uses.add(r);
            for (String r : leaf.outputs().keySet()) if (dev.leafspec.spec.Values.isGpr(r) && !r.equals("RCX")) uses.add(r);
            for (String r : uses) {
                if ((rcx & Gpr.parse(r).bit()) == 0) {
                    fail(r, String.format("not selected in the TDG.VP.VMCALL bitmap (RCX = 0x%x)%s, but %s reads or writes it",
                            rcx, at, leaf.leaf()), "CALLER-BITMAP-SELECT");
                }
            }
            for (Gpr g : Gpr.values()) {
                if ((rcx & g.bit()) == 0 || forbidden.contains(g.name()) || isInput(g.name())) continue;
                long v = rf.get(g);
                if (v != 0) {
                    fail(g.name(), String.format("selected in the bitmap but not an input of %s, holds 0x%x%s: the host sees it (must be zero)",
                            leaf.leaf(), v, at), "CALLER-BITMAP-LEAK");
                }
            }
            for (int n = 0; n < 16; n++) {
                if ((rcx & (1L << (16 + n))) == 0 || leaf.inputs().containsKey("XMM" + n)) continue;
                if (rf.xmmLow(n) != 0 || rf.xmmHigh(n) != 0) {
                    fail("XMM" + n, String.format("selected in the bitmap but not an input of %s, holds 0x%016x%016x%s: the host sees it (must be zero)",
                            leaf.leaf(), rf.xmmHigh(n), rf.xmmLow(n), at), "CALLER-BITMAP-LEAK");
                }
            }
        }

        void checkAfter(NativeHarness.Reply done) {
            RegisterFile outRegs = done.regs;
            long entryRsp = done.entryRsp;
            Convention conv = f.convention();
            if (outRegs.gpr(4) != entryRsp) {
                fail("RSP", String.format("0x%x after return, 0x%x at the call", outRegs.gpr(4), entryRsp), "CALLER-PRESERVE");
            }
            for (Gpr g : Gpr.values()) {
                if (g == Gpr.RSP || !conv.preserves(g.name())) continue;
                long v = outRegs.get(g);
                if (v != in[g.ordinal()]) {
                    String src = hostile.containsValue(v) ? " (a value the host wrote)" : "";
                    fail(g.name(), String.format("not preserved (%s): 0x%x before the call, 0x%x after return%s",
                            conv.describe(), in[g.ordinal()], v, src), "CALLER-PRESERVE");
                }
            }
            for (int n = 0; n < 16; n++) {
                if (!conv.preservesXmm(n)) continue;
                if (outRegs.xmmLow(n) != xin[2 * n] || outRegs.xmmHigh(n) != xin[2 * n + 1]) {
                    fail("XMM" + n, String.format("not preserved (%s): 0x%016x%016x before the call, 0x%016x%016x after return",
                            conv.describe(), xin[2 * n + 1], xin[2 * n], outRegs.xmmHigh(n), outRegs.xmmLow(n)), "CALLER-XMM");
                }
                if (yin != null && done.ymmh != null && (done.ymmh[2 * n] != yin[2 * n] || done.ymmh[2 * n + 1] != yin[2 * n + 1])) {
                    fail("YMM" + n, String.format("upper half (bits 255:128) not preserved (%s): 0x%016x%016x before the call, "
                            + "0x%016x%016x after return", conv.describe(), yin[2 * n + 1], yin[2 * n], done.ymmh[2 * n + 1],
                            done.ymmh[2 * n]), "CALLER-YMM");
                }
            }
            if (traps == 0) {
                fail("RIP", "returned without executing " + leaf.instruction() + " (expected " + leaf.leaf() + ")", "CALLER-NO-CALL");
                return;
            }
            for (Map.Entry<String, Long> e : hostile.entrySet()) {
                Gpr g = Gpr.parse(e.getKey());
                if (conv.preserves(g.name()) || g == Gpr.RAX) continue;
                if (outRegs.get(g) == e.getValue()) {
                    fail(g.name(), String.format("still holds 0x%x, a value the host wrote, after return: exposed registers that are "
                            + "not outputs must be cleared after the call", e.getValue()), "CALLER-HOST-VALUE");
                }
            }
            long ret = outRegs.gpr(0);
            long status = answered.gpr(0);
            String st = statusName(status);
            boolean ok = (status >>> 32) == 0; // TDX_SUCCESS, details in bits 31:0 (TDH.VP.ENTER: the exit reason)
            if (f.returns() == Returns.STATUS && ret != status) {
                fail("RAX", String.format("returned 0x%x, but the %s status was 0x%x%s", ret, leaf.instruction(), status, st), "CALLER-RETURN");
            } else if (f.returns() == Returns.HOST_STATUS) {
                long r10 = answered.gpr(10);
                if (ok && ret != r10) {
                    fail("RAX", String.format("returned 0x%x, but the host status in R10 was 0x%x", ret, r10), "CALLER-RETURN");
                } else if (!ok && ret == r10) {
                    fail("R10", String.format("returned R10 (0x%x) although the TDCALL failed with RAX = 0x%x%s: RAX must be checked "
                            + "before R10 is trusted", r10, status, st), "CALLER-RAX-BEFORE-R10");
                } else if (!ok && ret == 0) {
                    fail("RAX", String.format("returned 0 (success) although the TDCALL failed with RAX = 0x%x%s", status, st), "CALLER-ERROR-LOST");
                }
            }
            if (f.returns() == Returns.OUTPUT && ok && (!leaf.isSubfunction() || answered.gpr(10) == 0)) {
                long raw = answered.get(Gpr.parse(f.returnsOutput()));
                int bytes = f.returnsBytes();
                long want = bytes == 8 ? raw : raw & ((1L << (8 * bytes)) - 1);
                if (ret != want) {
                    fail("RAX", String.format("returned 0x%x, but %s was 0x%x: the result is %s[%d:0] = 0x%x zero-extended", ret,
                            f.returnsOutput(), raw, f.returnsOutput(), 8 * bytes - 1, want), "CALLER-RETURN");
                }
            }
            retry.afterReturn(ret);
            if (!ok) return;
            Map<Integer, byte[]> data = done.bufs;
            for (Map.Entry<String, String> e : f.results().entrySet()) {
                String[] kv = e.getKey().split("\\.");
                int ai = Integer.parseInt(kv[0].substring(3));
                Arg a = f.args().get(ai);
                int off = spec.structs().get(a.struct()).indexOf(kv[1]) * 8;
                byte[] d = data.get(bufferOfArg.get(ai));
                long v = 0;
                for (int b = 7; b >= 0; b--) v = (v << 8) | (d[off + b] & 0xFF);
                long want = answered.get(Gpr.parse(e.getValue()));
                if (v != want) {
                    fail(e.getValue(), String.format("args[%d].%s holds 0x%x after return, but the %s returned 0x%x in %s",
                            ai, kv[1], v, leaf.instruction(), want, e.getValue()), "CALLER-RESULT");
                }
            }
        }

        String statusName(long status) {
            // memoized: decoding walks every status code of the catalogue, and it runs after every call
            return statusNames.computeIfAbsent(status, st -> catalogue.decodeStatus(st).map(c -> " (" + c.name() + ")").orElse(""));
        }
    }

    /**
     * CALLER-RETRY, for TDG.VP.VMCALL sub-functions whose leaf spec says {@code caller.handle-retry} (GHCI MapGPA): after
     * the host answers TDG.VP.VMCALL_RETRY with the resume GPA in R11, the function must check that R11 lies in the range
     * and reissue the call from it (START_GPA = R11, SIZE = end - R11) until the whole range is mapped or a real error
     * comes back; it may give up (returning an error) only when the host made no progress (R11 = the start it asked for).
     * Sources: GHCI TDG.VP.VMCALL&lt;MapGPA&gt;; Linux arch/x86/coco/tdx/tdx.c tdx_map_gpa().
     */
    private final class Retry {
        final Run run;
        final boolean on;
        final String startReg;
        final String sizeReg;
        final long retryStatus;
        long end;
        long start;
        boolean lastRetry;
        long resume;
        boolean reported;

        Retry(Run run) {
            this.run = run;
            LeafSpec l = run.leaf;
            String sr = null;
            String zr = null;
            for (Map.Entry<String, RegisterBlock> e : l.inputs().entrySet()) {
                if ("START_GPA".equals(e.getValue().name())) sr = e.getKey();
                if ("SIZE".equals(e.getValue().name())) zr = e.getKey();
            }
            this.on = run.vmcall && l.caller() != null && l.caller().handleRetry() && sr != null && zr != null;
            this.startReg = sr;
            this.sizeReg = zr;
            this.retryStatus = catalogue.vmcallStatus().containsKey("TDG.VP.VMCALL_RETRY")
                    ? catalogue.vmcallStatus().get("TDG.VP.VMCALL_RETRY").value() : 1L;
        }

        /** @return true if {@code reg} is a range register of a reissue, checked here instead of by CALLER-INPUT */
        boolean replaces(String reg) {
            return on && run.traps > 1 && (reg.equals(startReg) || reg.equals(sizeReg));
        }

        void atTrap(RegisterFile rf) {
            if (!on) return;
            long s = rf.get(Gpr.parse(startReg));
            long z = rf.get(Gpr.parse(sizeReg));
            if (run.traps == 1) {
                start = s;
                end = s + z;
                return;
            }
            if (!lastRetry || reported) return;
            String at = " at call " + run.traps;
            int before = run.fails.size();
            if (Long.compareUnsigned(resume, start) < 0 || Long.compareUnsigned(resume, end) >= 0) {
                run.fail("R11", String.format("the host answered TDG.VP.VMCALL_RETRY with R11 = 0x%x, outside the range [0x%x, 0x%x), and the "
                        + "function reissued %s%s: R11 comes from the host and must be checked before use", resume, start, end,
                        run.leaf.leaf(), at), "CALLER-RETRY");
            } else {
                if (s != resume) {
                    run.fail(startReg, String.format("reissued %s from 0x%x%s, but the host answered TDG.VP.VMCALL_RETRY with R11 = 0x%x: "
                            + "resume from R11", run.leaf.leaf(), s, at, resume), "CALLER-RETRY");
                }
                if (z != end - resume) {
                    run.fail(sizeReg, String.format("holds 0x%x%s, but after TDG.VP.VMCALL_RETRY at 0x%x the rest of [0x%x, 0x%x) is 0x%x "
                            + "(end - R11)", z, at, resume, start, end, end - resume), "CALLER-RETRY");
                }
            }
            reported = run.fails.size() > before; // one wrong reissue is reported once, not at every call of a loop
            start = s;
        }

        void answered(RegisterFile rf) {
            if (!on) return;
            lastRetry = rf.gpr(0) == 0 && rf.gpr(10) == retryStatus;
            resume = rf.gpr(11);
        }

        void tooMany(String insn) {
            String what = on ? "without finishing: a RETRY loop must make progress and end (bounded at max-calls = " + run.f.maxCalls() + ")"
                    : "without returning (bounded at max-calls = " + run.f.maxCalls() + ")";
            run.fail("RIP", "issued more than " + run.f.maxCalls() + " " + insn + " calls of " + run.leaf.leaf() + " " + what
                    + "; the run was abandoned", on ? "CALLER-RETRY" : "CALLER-FAULT");
        }

        void afterReturn(long ret) {
            if (!on || !lastRetry) return;
            boolean progress = Long.compareUnsigned(resume, start) > 0 && Long.compareUnsigned(resume, end) < 0;
            if (progress) {
                run.fail("R10", String.format("returned after the host answered TDG.VP.VMCALL_RETRY with R11 = 0x%x: [0x%x, 0x%x) was never "
                        + "mapped; reissue %s from R11 with %s = end - R11 until the whole range is done", resume, resume, end,
                        run.leaf.leaf(), sizeReg), "CALLER-RETRY");
            } else if (ret == 0) {
                run.fail("RAX", String.format("returned 0 (success) after the host answered TDG.VP.VMCALL_RETRY with R11 = 0x%x: "
                        + "[0x%x, 0x%x) was never mapped", resume, start, end), "CALLER-RETRY");
            }
        }
    }
}
