package dev.leafspec.cli;

import dev.leafspec.adapter.AdapterFaultException;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Bitmap;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.RegisterBlock;
import dev.leafspec.steps.contract.Registers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code leafspec diff-impl}: differential testing of two implementations. Both get the same seeded sequence of
 * valid and invalid TDCALL calls (leaves, versions, reserved RAX bits, reserved and misaligned input fields and
 * TDG.VP.VMCALL bitmaps taken from the leaf specs, random register and XMM contents); the complete register files
 * are compared after every call. The first divergence is reported with both register files decoded, then the
 * sequence is reduced (delta debugging: drop calls, then simplify register values) to a short replayable file.
 */
@Command(name = "diff-impl", mixinStandardHelpOptions = true,
        description = {"Run the same seeded sequence of valid and invalid TDCALL calls against two implementations, "
                + "compare the complete register files after every call, report the first divergence with both register "
                + "files decoded, reduce the sequence to the shortest one that still diverges and write it as a replay file.",
                "",
                "A call either implementation answers NotSupported is noted and skipped (not a divergence).",
                "",
                "Exit codes: 0 no divergence; 1 divergence; 2 harness or usage error; 3 nothing compared "
                + "(every call NotSupported on one side)."})
class DiffImplCommand implements Callable<Integer> {
    @Option(names = "--impl", paramLabel = "NAME", required = true,
            description = "An implementation (class name, ServiceLoader provider name or cmd:COMMAND); give exactly two.")
    List<String> impls = new ArrayList<>();

    @Option(names = "--impl-path", paramLabel = "JAR|DIR", split = ",",
            description = "Jars or class folders holding the implementations (repeatable, or comma-separated).")
    List<Path> implPath = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the call sequence (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "1000", description = "Number of calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--replay", paramLabel = "FILE", description = "Run the calls of a replay file (written by an earlier diff-impl) instead of a seeded sequence.")
    Path replay;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for report.txt and replay.leafspec (default: leafspec-reports/diff-<timestamp>).")
    Path out;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder (default: leaf-specs in the LeafSpec home).")
    Path specs;

    @Option(names = "--no-reduce", description = "Report the first divergence without reducing the sequence.")
    boolean noReduce;

    @Option(names = "--max-reduce-runs", paramLabel = "N", defaultValue = "20000",
            description = "Upper bound on the sequence replays spent reducing (default: ${DEFAULT-VALUE}).")
    int maxReduceRuns;

    @Option(names = "--adapter-timeout", paramLabel = "MS", description = "Per-request reply timeout for a cmd: adapter in milliseconds.")
    Long adapterTimeoutMs;

    /** One call of a sequence: the instruction and the caller's complete register file. */
    record Call(Instruction insn, RegisterFile regs) {
        Call copyWith(RegisterFile r) {
            return new Call(insn, r);
        }
    }

    /** What one implementation did with one call: the register file, or NotSupported, or an exception. */
    record Outcome(RegisterFile regs, String notSupported, String exception) {
    }

    record Divergence(int index, Call call, Outcome a, Outcome b) {
    }

    private final StringBuilder report = new StringBuilder();
    private Catalogue catalogue;
    private LeafImplementation implA;
    private LeafImplementation implB;
    private int notSupportedA;
    private int notSupportedB;
    private int compared;
    private final Map<String, Integer> notSupportedWhy = new TreeMap<>();
    private int reduceRuns;

    @Override
    public Integer call() throws Exception {
        if (impls.size() != 2) {
            System.err.println("leafspec diff-impl: give exactly two --impl (got " + impls.size() + ")");
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (calls < 1) {
            System.err.println("leafspec diff-impl: --calls must be at least 1");
            return LeafSpecCli.HARNESS_ERROR;
        }
        Path specsDir = Home.specs(specs);
        String specsProblem = SpecsFolder.problem(specsDir);
        if (specsProblem != null) {
            System.err.println("leafspec diff-impl: " + specsProblem);
            return LeafSpecCli.HARNESS_ERROR;
        }
        try {
            catalogue = SpecLoader.loadCatalogue(specsDir);
        } catch (SpecException e) {
            System.err.println("leafspec diff-impl: the leaf specs do not load:");
            System.err.println(e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        List<Call> sequence;
        try {
            sequence = replay != null ? parseReplay(Files.readString(replay)) : generate(catalogue, seed, calls);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("leafspec diff-impl: cannot read the replay file " + replay + ": " + e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        try {
            implA = RunCommand.createImplementation(impls.get(0), implPath, adapterTimeoutMs);
            implB = RunCommand.createImplementation(impls.get(1), implPath, adapterTimeoutMs);
        } catch (IllegalArgumentException | AdapterFaultException e) {
            System.err.println("leafspec diff-impl: " + e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        try {
            return compare(sequence);
        } catch (AdapterFaultException e) {
            System.err.println("leafspec diff-impl: harness error: " + e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        } finally {
            for (LeafImplementation i : new LeafImplementation[]{implA, implB}) {
                if (i instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
        }
    }

    private int compare(List<Call> sequence) throws IOException {
        say(String.format("leafspec diff-impl: A = %s, B = %s; %s", describe(implA, impls.get(0)), describe(implB, impls.get(1)),
                replay != null ? "replaying " + sequence.size() + " call(s) from " + replay : "seed " + seed + ", " + sequence.size() + " calls"));
        Divergence d = run(sequence, true);
        say(String.format("Compared %d call(s); NotSupported (skipped): %d on A, %d on B.", compared, notSupportedA, notSupportedB));
        // the most frequent reasons only: random unknown leaf numbers would otherwise give a line each
        List<Map.Entry<String, Integer>> reasons = new ArrayList<>(notSupportedWhy.entrySet());
        reasons.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        reasons.stream().limit(12).forEach(e -> say(String.format("  %5d  NotSupported %s", e.getValue(), e.getKey())));
        if (reasons.size() > 12) say(String.format("  (%d more NotSupported reasons, each rarer)", reasons.size() - 12));
        if (d == null) {
            if (compared == 0) {
                say("Nothing compared: every call was NotSupported on one side.");
                writeReport(null);
                return LeafSpecCli.NOTHING_RAN;
            }
            say("No divergence.");
            writeReport(null);
            return LeafSpecCli.OK;
        }
        say("");
        say("DIVERGENCE at call " + (d.index() + 1) + " of " + sequence.size() + ": " + leafName(d.call().regs()));
        describeDivergence(d);
        List<Call> reduced = sequence.subList(0, d.index() + 1);
        if (!noReduce) {
            int before = reduced.size();
            reduced = reduce(new ArrayList<>(reduced));
            Divergence rd = run(reduced, false);
            say("");
            say(String.format("Reduced from %d to %d call(s) (%d replays):", before, reduced.size(), reduceRuns));
            if (rd != null) {
                say("Divergence of the reduced sequence, at call " + (rd.index() + 1) + ": " + leafName(rd.call().regs()));
                describeDivergence(rd);
            }
        }
        String replayText = replayText(reduced, d.index() + 1);
        say("");
        for (String line : replayText.split("\n")) {
            if (!line.startsWith("#")) say("  " + line);
        }
        Path dir = outDir();
        Path replayFile = dir.resolve("replay.leafspec");
        Files.writeString(replayFile, replayText + "\n", StandardCharsets.UTF_8);
        say("");
        say("Replay file: " + replayFile);
        say("Replay: " + replayCommand(replayFile));
        writeReport(dir);
        return LeafSpecCli.FAILED;
    }

    private void say(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    private Path dirCache;

    private Path outDir() throws IOException {
        if (dirCache == null) {
            Path planned = (out != null ? out : Path.of("leafspec-reports",
                    "diff-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
            dirCache = ReportFolder.create(out, planned);
        }
        return dirCache;
    }

    private void writeReport(Path dir) throws IOException {
        if (dir == null && out == null) return;
        Path d = dir != null ? dir : outDir();
        Files.writeString(d.resolve("report.txt"), report.toString(), StandardCharsets.UTF_8);
        System.out.println("Report: " + d.resolve("report.txt"));
    }

    private static String describe(LeafImplementation impl, String selector) {
        var id = impl.identity();
        return id.name() + " " + id.version() + " (--impl " + selector + ")";
    }

    // ---------------------------------------------------------------- running and comparing

    /** Runs the sequence on both implementations from a reset; @return the first divergence, or null. */
    Divergence run(List<Call> sequence, boolean count) {
        implA.reset();
        implB.reset();
        for (int i = 0; i < sequence.size(); i++) {
            Call c = sequence.get(i);
            Outcome a = exec(implA, c);
            Outcome b = exec(implB, c);
            if (a.notSupported() != null || b.notSupported() != null) {
                if (count && a.notSupported() != null) notSupportedA++;
                if (count && b.notSupported() != null) notSupportedB++;
                if (count) notSupportedWhy.merge((a.notSupported() != null ? "A: " + a.notSupported() : "")
                        + (a.notSupported() != null && b.notSupported() != null ? "; " : "")
                        + (b.notSupported() != null ? "B: " + b.notSupported() : ""), 1, Integer::sum);
                continue;
            }
            if (count) compared++;
            if (!same(a, b)) return new Divergence(i, c, a, b);
        }
        return null;
    }

    private static Outcome exec(LeafImplementation impl, Call c) {
        RegisterFile r = c.regs().copy();
        try {
            impl.call(c.insn(), r);
            return new Outcome(r, null, null);
        } catch (NotSupportedException e) {
            return new Outcome(null, e.capability(), null);
        } catch (AdapterFaultException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static boolean same(Outcome a, Outcome b) {
        if (a.exception() != null || b.exception() != null) {
            return a.exception() != null && b.exception() != null
                    && a.exception().substring(0, a.exception().indexOf(':')).equals(b.exception().substring(0, b.exception().indexOf(':')));
        }
        return a.regs().equals(b.regs());
    }

    private boolean diverges(List<Call> seq) {
        reduceRuns++;
        return run(seq, false) != null;
    }

    // ---------------------------------------------------------------- reduction

    /** Delta debugging: drop calls (ddmin), then simplify register values, then drop calls again. */
    List<Call> reduce(List<Call> seq) {
        seq = ddmin(seq);
        seq = simplify(seq);
        return ddmin(seq);
    }

    private List<Call> ddmin(List<Call> c) {
        int n = 2;
        while (c.size() >= 2 && reduceRuns < maxReduceRuns) {
            List<List<Call>> parts = split(c, n);
            boolean reduced = false;
            for (List<Call> part : parts) {
                if (diverges(part)) {
                    c = part;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced && n > 2) {
                for (int i = 0; i < parts.size(); i++) {
                    List<Call> complement = new ArrayList<>();
                    for (int j = 0; j < parts.size(); j++) if (j != i) complement.addAll(parts.get(j));
                    if (diverges(complement)) {
                        c = complement;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced) {
                if (n >= c.size()) break;
                n = Math.min(c.size(), 2 * n);
            }
        }
        return c;
    }

    private static List<List<Call>> split(List<Call> c, int n) {
        List<List<Call>> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (c.size() - start) / (n - i);
            parts.add(new ArrayList<>(c.subList(start, end)));
            start = end;
        }
        return parts;
    }

    /** Register slots of a call: 0..15 GPRs, 16..47 XMM halves (low, high), 48 RFLAGS. */
    private static long slot(RegisterFile r, int s) {
        if (s < 16) return r.gpr(s);
        if (s < 48) return ((s - 16) & 1) == 0 ? r.xmmLow((s - 16) / 2) : r.xmmHigh((s - 16) / 2);
        return r.rflags();
    }

    private static void slot(RegisterFile r, int s, long v) {
        if (s < 16) r.gpr(s, v);
        else if (s < 48) {
            int x = (s - 16) / 2;
            if (((s - 16) & 1) == 0) r.xmm(x, v, r.xmmHigh(x));
            else r.xmm(x, r.xmmLow(x), v);
        } else r.rflags(v);
    }

    /** Bits a simplification keeps: RAX's leaf number (so every call stays the same leaf), RFLAGS bit 1. */
    private static long kept(int s) {
        if (s == 0) return 0xFFFFL;
        if (s == 48) return 0x2L;
        return 0;
    }

    /** Sets register values to zero, or clears as many of their bits as possible, while the sequence still diverges. */
    private List<Call> simplify(List<Call> seq) {
        List<Call> cur = new ArrayList<>(seq);
        for (int i = 0; i < cur.size(); i++) {
            for (int s = 0; s <= 48 && reduceRuns < maxReduceRuns; s++) {
                long v = slot(cur.get(i).regs(), s);
                long keep = kept(s);
                if ((v & ~keep) == 0) continue;
                if (tryValue(cur, i, s, v & keep)) continue;
                // clear whole bytes, then single bits, from the top
                for (int byteIx = 7; byteIx >= 0 && reduceRuns < maxReduceRuns; byteIx--) {
                    long cv = slot(cur.get(i).regs(), s);
                    long m = (0xFFL << (8 * byteIx)) & ~keep;
                    if ((cv & m) == 0) continue;
                    if (tryValue(cur, i, s, cv & ~m)) continue;
                    for (int bit = 8 * byteIx + 7; bit >= 8 * byteIx && reduceRuns < maxReduceRuns; bit--) {
                        long bv = slot(cur.get(i).regs(), s);
                        long bm = (1L << bit) & ~keep;
                        if ((bv & bm) != 0) tryValue(cur, i, s, bv & ~bm);
                    }
                }
            }
        }
        return cur;
    }

    private boolean tryValue(List<Call> cur, int i, int s, long v) {
        RegisterFile r = cur.get(i).regs().copy();
        slot(r, s, v);
        List<Call> cand = new ArrayList<>(cur);
        cand.set(i, cur.get(i).copyWith(r));
        if (diverges(cand)) {
            cur.set(i, cand.get(i));
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- generation

    /** Generates the seeded call sequence from the catalogue's TDCALL leaves and their register definitions. */
    static List<Call> generate(Catalogue catalogue, long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LeafSpec> leaves = catalogue.leaves().stream().filter(l -> l.instruction() == Instruction.TDCALL)
                .sorted(java.util.Comparator.comparing(LeafSpec::leaf)).toList();
        LeafSpec vmcall = catalogue.leaf("TDG.VP.VMCALL").orElse(null);
        List<Call> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Call(Instruction.TDCALL, generateCall(rnd, leaves, vmcall)));
        return out;
    }

    private static long randomValue(SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> 0L;
            case 1 -> rnd.nextInt(4096);
            case 2 -> 0x5EED_0000_0000_0000L | rnd.nextInt(0x10000);
            default -> rnd.nextLong();
        };
    }

    private static RegisterFile generateCall(SplittableRandom rnd, List<LeafSpec> leaves, LeafSpec vmcall) {
        RegisterFile r = new RegisterFile();
        for (int g = 0; g < 16; g++) r.gpr(g, randomValue(rnd));
        for (int x = 0; x < RegisterFile.XMM_COUNT; x++) r.xmm(x, randomValue(rnd), randomValue(rnd));
        LeafSpec spec = null;
        long rax;
        if (rnd.nextInt(100) < 3) {
            rax = rnd.nextInt(0x10000); // any leaf number, most of them unknown
        } else {
            spec = leaves.get(rnd.nextInt(leaves.size()));
            int version = spec.versions().isEmpty() || rnd.nextInt(100) < 5 ? rnd.nextInt(256)
                    : spec.versions().get(rnd.nextInt(spec.versions().size()));
            rax = (spec.number() & 0xFFFFL) | ((long) version << 16);
        }
        if (rnd.nextInt(100) < 5) rax |= 1L << (24 + rnd.nextInt(40)); // a reserved RAX bit
        r.set(Gpr.RAX, rax);
        if (spec == null) return r;

        if (spec.isSubfunction()) {
            r.set(Gpr.R10, spec.subfunction().r10());
            r.set(Gpr.R11, spec.subfunction().r11());
        }
        for (Map.Entry<String, RegisterBlock> e : spec.inputs().entrySet()) {
            if (!Registers.isGpr(e.getKey())) continue;
            Gpr g = Gpr.parse(e.getKey());
            if (g == Gpr.RAX || (spec.isSubfunction() && (g == Gpr.R10 || g == Gpr.R11) && rnd.nextInt(100) < 90)) continue;
            RegisterBlock block = e.getValue();
            long v = r.get(g);
            if (rnd.nextInt(100) < 40) v = fieldValues(rnd, block, v);
            if (rnd.nextInt(100) < 85) v &= ~block.reservedZeroMask(); // else: whatever reserved bits the random value has
            if (block.align() != null && block.align() > 1 && Long.bitCount(block.align()) == 1) {
                long a = block.align();
                v &= ~(a - 1);
                if (rnd.nextInt(100) < 15) v |= 1L << rnd.nextInt(Long.numberOfTrailingZeros(a)); // misaligned
            }
            r.set(g, v);
        }
        Bitmap bitmap = spec.bitmap() != null ? spec.bitmap() : spec.number() == 0 && vmcall != null ? vmcall.bitmap() : null;
        if (bitmap != null && Registers.isGpr(bitmap.register())) {
            long m = rnd.nextLong() & (bitmap.gprs().mask() | (bitmap.xmms() != null ? bitmap.xmms().mask() : 0));
            if (rnd.nextInt(100) < 80) {
                for (String f : bitmap.forbidden()) m &= ~Gpr.parse(f).bit();
            }
            if (rnd.nextInt(100) < 60) {
                for (Bitmap.Conditional f : bitmap.forbiddenWhen()) m &= ~Gpr.parse(f.register()).bit();
            }
            if (spec.isSubfunction()) {
                for (String in : spec.inputs().keySet()) if (Registers.isGpr(in) && rnd.nextInt(100) < 90) m |= Gpr.parse(in).bit();
                for (String o : spec.outputs().keySet()) if (Registers.isGpr(o) && rnd.nextInt(100) < 90) m |= Gpr.parse(o).bit();
            }
            if (bitmap.reserved() != null && rnd.nextInt(100) < 8) m |= 1L << (bitmap.reserved().low() + rnd.nextInt(bitmap.reserved().width()));
            r.set(Gpr.parse(bitmap.register()), m);
        }
        return r;
    }

    /** A value built field by field: a named value of the field when the spec lists some, else a small number. */
    private static long fieldValues(SplittableRandom rnd, RegisterBlock block, long v) {
        for (Field f : block.fields()) {
            if (f.reserved() != Field.Reserved.NONE || f.bits().high() > 63) continue;
            long fv;
            if (!f.values().isEmpty() && rnd.nextInt(100) < 70) {
                List<Long> keys = new ArrayList<>(new java.util.TreeSet<>(f.values().keySet()));
                fv = keys.get(rnd.nextInt(keys.size()));
            } else {
                fv = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(16);
            }
            v = (v & ~f.bits().mask()) | ((fv << f.bits().low()) & f.bits().mask());
        }
        return v;
    }

    // ---------------------------------------------------------------- decoding

    /** @return the leaf spec a TDCALL register file calls (the GHCI sub-function for TDG.VP.VMCALL when R10/R11 match one) */
    LeafSpec leafOf(RegisterFile in) {
        long number = in.get(Gpr.RAX) & 0xFFFF;
        LeafSpec base = null;
        for (LeafSpec l : catalogue.leaves()) {
            if (l.instruction() != Instruction.TDCALL || l.number() != number) continue;
            if (l.isSubfunction()) {
                if (l.subfunction().r10() == in.get(Gpr.R10) && l.subfunction().r11() == in.get(Gpr.R11)) return l;
            } else {
                base = l;
            }
        }
        return base;
    }

    private String leafName(RegisterFile in) {
        LeafSpec l = leafOf(in);
        long rax = in.get(Gpr.RAX);
        String v = String.format("leaf %d version %d%s", rax & 0xFFFF, (rax >>> 16) & 0xFF,
                (rax >>> 24) != 0 ? String.format(", reserved RAX[63:24]=0x%x", rax >>> 24) : "");
        return l == null ? "unknown TDCALL " + v : l.leaf() + " (" + v + ")";
    }

    private String decoded(LeafSpec spec, String register, long value) {
        if (register.equals("RAX")) {
            var st = catalogue.decodeStatus(value);
            return String.format("0x%016x", value) + st.map(c -> " (" + c.name() + (c.error() ? String.format(
                    ", operand 0x%x", value & 0xFFFF_FFFFL) : "") + ")").orElse("");
        }
        return Registers.decode(spec, register, value);
    }

    private void describeDivergence(Divergence d) {
        RegisterFile in = d.call().regs();
        LeafSpec spec = leafOf(in);
        say("  input: " + nonZero(in));
        if (d.a().exception() != null || d.b().exception() != null) {
            say("  A: " + (d.a().exception() != null ? "threw " + d.a().exception() : "returned normally"));
            say("  B: " + (d.b().exception() != null ? "threw " + d.b().exception() : "returned normally"));
            return;
        }
        RegisterFile a = d.a().regs();
        RegisterFile b = d.b().regs();
        say(String.format("  %-7s %-62s %s", "", "A", "B"));
        for (Gpr g : Gpr.values()) {
            String mark = a.get(g) != b.get(g) ? "*" : " ";
            say(String.format("%s %-7s %-62s %s", mark, g, decoded(spec, g.name(), a.get(g)), decoded(spec, g.name(), b.get(g))));
        }
        say(String.format("%s %-7s %-62s %s", a.rflags() != b.rflags() ? "*" : " ", "RFLAGS",
                String.format("0x%016x", a.rflags()), String.format("0x%016x", b.rflags())));
        for (int x = 0; x < RegisterFile.XMM_COUNT; x++) {
            boolean differ = a.xmmLow(x) != b.xmmLow(x) || a.xmmHigh(x) != b.xmmHigh(x);
            if (!differ && a.xmmLow(x) == in.xmmLow(x) && a.xmmHigh(x) == in.xmmHigh(x)) continue;
            say(String.format("%s %-7s %-62s %s", differ ? "*" : " ", "XMM" + x,
                    String.format("0x%016x%016x", a.xmmHigh(x), a.xmmLow(x)), String.format("0x%016x%016x", b.xmmHigh(x), b.xmmLow(x))));
        }
        say("  (* differs; XMM registers unchanged by both are not shown)");
    }

    private static String nonZero(RegisterFile r) {
        StringBuilder sb = new StringBuilder();
        for (Gpr g : Gpr.values()) {
            if (g == Gpr.RAX || r.get(g) != 0) sb.append(sb.length() == 0 ? "" : " ").append(g).append(String.format("=0x%x", r.get(g)));
        }
        if (r.rflags() != 0x2) sb.append(String.format(" RFLAGS=0x%x", r.rflags()));
        for (int x = 0; x < RegisterFile.XMM_COUNT; x++) {
            if (r.xmmLow(x) != 0 || r.xmmHigh(x) != 0) sb.append(String.format(" XMM%d=0x%016x%016x", x, r.xmmHigh(x), r.xmmLow(x)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- replay files

    private String replayText(List<Call> reduced, int originalSize) {
        StringBuilder sb = new StringBuilder();
        sb.append("# leafspec diff-impl replay file: one call per line, INSTRUCTION then REGISTER=0xVALUE (registers not named are 0,\n");
        sb.append("# RFLAGS 0x2); each sequence runs on freshly reset implementations.\n");
        sb.append(replay != null ? "# from replay file " + replay : "# from --seed " + seed + " --calls " + calls)
                .append(String.format("; %d of the first %d call(s) (up to the first divergence) kept%n", reduced.size(), originalSize));
        for (int i = 0; i < reduced.size(); i++) {
            Call c = reduced.get(i);
            sb.append("# call ").append(i + 1).append(": ").append(leafName(c.regs())).append('\n');
            sb.append(c.insn()).append(' ').append(nonZero(c.regs())).append(i + 1 < reduced.size() ? "\n" : "");
        }
        return sb.toString();
    }

    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9]+)=0x([0-9a-fA-F]{1,32})");

    /** Parses a replay file. @throws IllegalArgumentException naming the line that does not parse */
    static List<Call> parseReplay(String text) {
        List<Call> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] words = line.split("\\s+");
            Instruction insn;
            try {
                insn = Instruction.valueOf(words[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": '" + words[0] + "' is not TDCALL or SEAMCALL");
            }
            RegisterFile r = new RegisterFile();
            for (int w = 1; w < words.length; w++) {
                var m = TOKEN.matcher(words[w]);
                if (!m.matches()) throw new IllegalArgumentException("line " + lineNo + ": '" + words[w] + "' is not REGISTER=0xHEX");
                String name = m.group(1).toUpperCase(Locale.ROOT);
                String hex = m.group(2);
                int x = Registers.xmmIndex(name);
                if (x >= 0) {
                    String padded = "0".repeat(32 - hex.length()) + hex;
                    r.xmm(x, Long.parseUnsignedLong(padded.substring(16), 16), Long.parseUnsignedLong(padded.substring(0, 16), 16));
                } else if (hex.length() > 16) {
                    throw new IllegalArgumentException("line " + lineNo + ": " + name + " has more than 64 bits");
                } else if (name.equals("RFLAGS")) {
                    r.rflags(Long.parseUnsignedLong(hex, 16));
                } else if (Registers.isGpr(name)) {
                    r.set(Gpr.parse(name), Long.parseUnsignedLong(hex, 16));
                } else {
                    throw new IllegalArgumentException("line " + lineNo + ": unknown register " + name);
                }
            }
            out.add(new Call(insn, r));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no calls in the file");
        return out;
    }

    private String replayCommand(Path replayFile) {
        List<String> words = new ArrayList<>(List.of("leafspec", "diff-impl", "--impl", impls.get(0), "--impl", impls.get(1)));
        for (Path p : implPath) {
            words.add("--impl-path");
            words.add(p.toString());
        }
        if (specs != null) {
            words.add("--specs");
            words.add(specs.toString());
        }
        words.add("--replay");
        words.add(replayFile.toString());
        StringBuilder sb = new StringBuilder();
        for (String w : words) sb.append(sb.length() == 0 ? "" : " ").append(quote(w));
        return sb.toString();
    }

    static String quote(String w) {
        if (w.matches("[A-Za-z0-9_./:=,@+-]+")) return w;
        return "'" + w.replace("'", "'\\''") + "'";
    }

    /** For tests and reports: register counts per leaf of a generated sequence. */
    static Map<String, Integer> histogram(Catalogue catalogue, List<Call> seq) {
        DiffImplCommand c = new DiffImplCommand();
        c.catalogue = catalogue;
        Map<String, Integer> h = new TreeMap<>();
        for (Call call : seq) {
            LeafSpec l = c.leafOf(call.regs());
            h.merge(l == null ? "unknown" : l.leaf(), 1, Integer::sum);
        }
        return h;
    }
}
