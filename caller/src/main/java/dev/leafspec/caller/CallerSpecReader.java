package dev.leafspec.caller;

import dev.leafspec.caller.CallerSpec.Arg;
import dev.leafspec.caller.CallerSpec.Convention;
import dev.leafspec.caller.CallerSpec.Fixture;
import dev.leafspec.caller.CallerSpec.Function;
import dev.leafspec.caller.CallerSpec.Returns;
import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.Values;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a caller spec with snakeyaml-engine's compose API (a node tree with positions, as the leaf-spec loader does) and
 * reports every problem as a {@link SpecError} (file:line:column: key.path: message). With a {@link Catalogue}, leaf
 * names and result registers are checked against the leaf specs.
 */
public final class CallerSpecReader {
    /** The fixture names of docs/fixtures.md (the scenario fixtures every implementation and adapter understands). */
    static final List<String> FIXTURES = List.of("td.config", "td.pending-page", "td.private-page", "td.ve", "td.field",
            "host.answer", "host.write", "host.cpuid", "host.msr", "host.port", "host.mmio", "host.quote", "host.unsupported",
            "platform.config", "platform.lp", "platform.ready", "platform.seam", "migtd.keys", "host.memory", "host.lock",
            "guest.program");

    private final String file;
    private final Catalogue catalogue;
    private final List<SpecError> errors = new ArrayList<>();

    private CallerSpecReader(String file, Catalogue catalogue) {
        this.file = file;
        this.catalogue = catalogue;
    }

    /** The result of reading: the spec (null when there were errors) and the errors, sorted by line and column. */
    public record Result(CallerSpec spec, List<SpecError> errors) {
    }

    /** @return true if the file is named *.caller.yaml or its top-level mapping has the key {@code caller-spec} (a quick look, for lint) */
    public static boolean isCallerSpec(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString();
        if (n.endsWith(".caller.yaml") || n.endsWith(".caller.yml")) return true; // even with a misspelt caller-spec key
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("caller-spec:")) return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    public static Result read(Path file, Catalogue catalogue) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Result(null, List.of(new SpecError(file.toString(), 0, 0, "", "cannot read: " + e.getMessage())));
        }
        return read(file.toString(), bytes, catalogue);
    }

    public static Result read(String file, byte[] bytes, Catalogue catalogue) {
        CallerSpecReader r = new CallerSpecReader(file, catalogue);
        CallerSpec spec = r.parse(bytes);
        List<SpecError> errs = new ArrayList<>(r.errors);
        errs.sort(Comparator.comparingInt(SpecError::line).thenComparingInt(SpecError::column));
        return new Result(errs.isEmpty() ? spec : null, List.copyOf(errs));
    }

    // ---------------------------------------------------------------- the format

    private CallerSpec parse(byte[] bytes) {
        Node root = compose(bytes);
        if (root == null) return null;
        Obj top = obj(root, "");
        if (top == null) return null;
        Long version = num(top.req("caller-spec"), "caller-spec");
        if (version != null && version != 1) error(top.opt("caller-spec"), "caller-spec", "unsupported caller-spec version " + version + " (this suite reads 1)");
        String name = str(top.req("name"), "name");
        Map<String, List<String>> structs = new LinkedHashMap<>();
        Node sn = top.opt("structs");
        if (sn != null) {
            Obj so = obj(sn, "structs");
            if (so != null) {
                for (Map.Entry<String, NodeTuple> e : so.entries.entrySet()) {
                    so.known.add(e.getKey());
                    List<String> regs = registers(e.getValue().getValueNode(), child("structs", e.getKey()));
                    if (regs != null) structs.put(e.getKey(), regs);
                }
            }
        }
        List<Function> functions = new ArrayList<>();
        List<Node> fns = seq(top.req("functions"), "functions");
        if (fns != null) {
            if (fns.isEmpty()) error(top.opt("functions"), "functions", "must list at least one function");
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < fns.size(); i++) {
                String sym = symbolOf(fns.get(i));
                Integer first = sym == null ? null : seen.putIfAbsent(sym, i);
                if (first != null) {
                    error(fns.get(i), "functions[" + i + "].symbol", "'" + sym + "' is already described by functions["
                            + first + "]; describe each function once");
                    continue;
                }
                Function f = function(fns.get(i), "functions[" + i + "]", structs);
                if (f != null) functions.add(f);
            }
        }
        top.finish();
        return new CallerSpec(file, name, structs, functions);
    }

    /** The scalar value of a function entry's {@code symbol} key, or null (errors are reported when it is read). */
    private static String symbolOf(Node n) {
        if (!(n instanceof org.snakeyaml.engine.v2.nodes.MappingNode m)) return null;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("symbol") && t.getValueNode() instanceof ScalarNode v) {
                return v.getValue();
            }
        }
        return null;
    }

    private Function function(Node n, String path, Map<String, List<String>> structs) {
        Obj o = obj(n, path);
        if (o == null) return null;
        int before = errors.size();
        String symbol = str(o.req("symbol"), child(path, "symbol"));
        if (symbol != null && !symbol.matches("[A-Za-z_][A-Za-z0-9_.$@]*")) {
            error(o.opt("symbol"), child(path, "symbol"), "'" + symbol + "' is not a symbol name");
        }
        Convention conv = convention(o.req("convention"), child(path, "convention"));
        String issues = str(o.req("issues"), child(path, "issues"));
        LeafSpec leaf = null;
        if (issues != null && catalogue != null) {
            leaf = catalogue.leaf(issues).orElse(null);
            if (leaf == null) {
                String hint = Values.closest(issues, catalogue.leaves().stream().map(LeafSpec::leaf).toList());
                error(o.opt("issues"), child(path, "issues"), "no leaf spec named '" + issues + "'"
                        + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
            }
        }
        List<Arg> args = new ArrayList<>();
        Node an = o.opt("args");
        List<Node> items = an == null ? List.of() : seq(an, child(path, "args"));
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Arg a = arg(items.get(i), child(path, "args") + "[" + i + "]", structs, conv);
                if (a != null) args.add(a);
            }
            if (conv != null && conv.sysv() && items.size() > 6) {
                error(an, child(path, "args"), "SysV passes at most 6 integer arguments in registers, got " + items.size());
            }
        }
        Returns returns = null;
        String returnsOutput = null;
        int returnsBytes = 8;
        Node retn = o.req("returns");
        if (retn instanceof MappingNode) {
            Obj ro = obj(retn, child(path, "returns"));
            String rp = child(path, "returns");
            returnsOutput = register(ro.req("output"), child(rp, "output"));
            Node bn = ro.opt("bytes");
            if (bn != null) {
                Long b = num(bn, child(rp, "bytes"));
                if (b != null && b != 1 && b != 2 && b != 4 && b != 8) error(bn, child(rp, "bytes"), "expected 1, 2, 4 or 8, got " + b);
                else if (b != null) returnsBytes = b.intValue();
            }
            ro.finish();
            if (returnsOutput != null && leaf != null && !leaf.outputs().containsKey(returnsOutput)) {
                error(ro.opt("output"), child(rp, "output"), returnsOutput + " is not an output of " + leaf.leaf()
                        + " (outputs: " + leaf.outputs().keySet() + ")");
                returnsOutput = null;
            }
            if (returnsOutput != null) returns = Returns.OUTPUT;
        } else {
            String rw = word(retn, child(path, "returns"), "returns", List.of("status", "host-status", "none"));
            if (rw != null) returns = Returns.parse(rw);
        }
        if (returns == Returns.HOST_STATUS && leaf != null && !leaf.isSubfunction()) {
            error(o.opt("returns"), child(path, "returns"), "host-status needs a TDG.VP.VMCALL sub-function in 'issues', not " + leaf.leaf());
        }
        Map<String, String> results = new LinkedHashMap<>();
        Node rn = o.opt("results");
        if (rn != null) {
            Obj ro = obj(rn, child(path, "results"));
            if (ro != null) {
                for (Map.Entry<String, NodeTuple> e : ro.entries.entrySet()) {
                    ro.known.add(e.getKey());
                    String kp = child(child(path, "results"), e.getKey());
                    Node key = e.getValue().getKeyNode();
                    String target = e.getKey();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("arg(\\d+)\\.([A-Z0-9]+)").matcher(target);
                    if (!m.matches()) {
                        error(key, kp, "a result key is argN.FIELD (a field of the struct passed as argument N), got '" + target + "'");
                        continue;
                    }
                    int ai = Integer.parseInt(m.group(1));
                    if (ai >= args.size() || args.get(ai).struct() == null) {
                        error(key, kp, "argument " + ai + " is not a struct argument");
                        continue;
                    }
                    List<String> fields = structs.get(args.get(ai).struct());
                    if (fields != null && !fields.contains(m.group(2))) {
                        error(key, kp, "struct " + args.get(ai).struct() + " has no field " + m.group(2) + " (fields: " + fields + ")");
                        continue;
                    }
                    String reg = register(e.getValue().getValueNode(), kp);
                    if (reg == null) continue;
                    if (leaf != null && !leaf.outputs().containsKey(reg) && !reg.equals(leaf.status().register())) {
                        error(e.getValue().getValueNode(), kp, reg + " is not an output of " + leaf.leaf() + " (outputs: " + leaf.outputs().keySet() + ")");
                        continue;
                    }
                    results.put(target, reg);
                }
            }
        }
        List<Fixture> fixtures = new ArrayList<>();
        Node fn = o.opt("fixtures");
        List<Node> fl = fn == null ? List.of() : seq(fn, child(path, "fixtures"));
        if (fl != null) {
            for (int i = 0; i < fl.size(); i++) {
                String fp = child(path, "fixtures") + "[" + i + "]";
                Obj fo = obj(fl.get(i), fp);
                if (fo == null) continue;
                if (fo.entries.size() != 1) {
                    error(fl.get(i), fp, "a fixture is one key, the fixture name, with its parameters: { host.cpuid: { leaf: 1 } }");
                    continue;
                }
                Map.Entry<String, NodeTuple> e = fo.entries.entrySet().iterator().next();
                fo.known.add(e.getKey());
                Obj po = obj(e.getValue().getValueNode(), child(fp, e.getKey()));
                if (po == null) continue;
                Map<String, String> params = new LinkedHashMap<>();
                if (e.getKey().startsWith("TDH.")) {
                    // a SEAMCALL the host makes before the function runs (e.g. building the TD a TDH.VP.ENTER wrapper enters)
                    LeafSpec setup = catalogue == null ? null : catalogue.leaf(e.getKey()).orElse(null);
                    if (catalogue != null && (setup == null || setup.instruction() != dev.leafspec.api.Instruction.SEAMCALL)) {
                        String h = Values.closest(e.getKey(), catalogue.leaves().stream()
                                .filter(l -> l.instruction() == dev.leafspec.api.Instruction.SEAMCALL).map(LeafSpec::leaf).toList());
                        error(e.getValue().getKeyNode(), child(fp, e.getKey()), "no SEAMCALL leaf named '" + e.getKey() + "'"
                                + (h != null ? " (did you mean '" + h + "'?)" : ""));
                        continue;
                    }
                    for (Map.Entry<String, NodeTuple> pe : po.entries.entrySet()) {
                        po.known.add(pe.getKey());
                        String pp = child(child(fp, e.getKey()), pe.getKey());
                        if (!Values.GPRS.contains(pe.getKey()) || pe.getKey().equals("RAX")) {
                            error(pe.getValue().getKeyNode(), pp, "a SEAMCALL fixture sets input registers RCX..R15, got '" + pe.getKey() + "'");
                            continue;
                        }
                        Long v = num(pe.getValue().getValueNode(), pp);
                        if (v != null) params.put(pe.getKey(), "0x" + Long.toHexString(v));
                    }
                    fixtures.add(new Fixture(e.getKey(), params));
                    continue;
                }
                if (!FIXTURES.contains(e.getKey())) {
                    String h = Values.closest(e.getKey(), FIXTURES);
                    error(e.getValue().getKeyNode(), child(fp, e.getKey()), "unknown fixture '" + e.getKey() + "'"
                            + (h != null ? " (did you mean '" + h + "'?)" : "") + "; fixtures are listed in docs/fixtures.md,"
                            + " or name a SEAMCALL leaf (TDH.*)");
                    continue;
                }
                for (Map.Entry<String, NodeTuple> pe : po.entries.entrySet()) {
                    po.known.add(pe.getKey());
                    Node v = pe.getValue().getValueNode();
                    if (v instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) params.put(pe.getKey(), s.getValue());
                    else error(v, child(child(fp, e.getKey()), pe.getKey()), "expected a value, got " + describe(v));
                }
                fixtures.add(new Fixture(e.getKey(), params));
            }
        }
        Boolean errorCase = true;
        Node en = o.opt("error-case");
        if (en != null) errorCase = bool(en, child(path, "error-case"));
        List<Map<String, String>> hostAnswers = new ArrayList<>();
        Node hn = o.opt("host-answers");
        List<Node> hl = hn == null ? List.of() : seq(hn, child(path, "host-answers"));
        if (hn != null && leaf != null && !leaf.isSubfunction()) {
            error(hn, child(path, "host-answers"), "host-answers script the host's answers to TDG.VP.VMCALL; " + leaf.leaf() + " is not a sub-function");
        } else if (hl != null) {
            for (int i = 0; i < hl.size(); i++) {
                String hp = child(path, "host-answers") + "[" + i + "]";
                Obj ho = obj(hl.get(i), hp);
                if (ho == null) continue;
                Map<String, String> params = new LinkedHashMap<>();
                Node st = ho.req("status");
                if (st instanceof ScalarNode ss && !Tag.NULL.equals(ss.getTag())) {
                    String v = ss.getValue();
                    boolean named = catalogue == null || catalogue.vmcallStatus().containsKey(v);
                    boolean number;
                    try {
                        Values.parseUnsigned(v);
                        number = true;
                    } catch (NumberFormatException e) {
                        number = false;
                    }
                    if (!named && !number) {
                        error(st, child(hp, "status"), "unknown TDG.VP.VMCALL status '" + v + "'" + (catalogue == null ? ""
                                : hint(v, catalogue.vmcallStatus().keySet())));
                    } else {
                        params.put("status", v);
                    }
                } else if (st != null) {
                    error(st, child(hp, "status"), "expected a TDG.VP.VMCALL status name or number, got " + describe(st));
                }
                for (Map.Entry<String, NodeTuple> e : ho.entries.entrySet()) {
                    if (e.getKey().equals("status")) continue;
                    String rp = child(hp, e.getKey());
                    if (!Values.GPRS.contains(e.getKey())) {
                        ho.known.add(e.getKey());
                        error(e.getValue().getKeyNode(), rp, "unknown key '" + e.getKey() + "' (expected status and register values R11: 0x...)"
                                + hint(e.getKey(), Values.GPRS));
                        continue;
                    }
                    ho.known.add(e.getKey());
                    Long v = num(e.getValue().getValueNode(), rp);
                    if (v != null) params.put(e.getKey(), "0x" + Long.toHexString(v));
                }
                ho.finish();
                hostAnswers.add(params);
            }
        }
        int maxCalls = Function.DEFAULT_MAX_CALLS;
        Node mn = o.opt("max-calls");
        if (mn != null) {
            Long m = num(mn, child(path, "max-calls"));
            if (m != null && (m < 1 || m > 10_000)) error(mn, child(path, "max-calls"), "expected 1..10000, got " + m);
            else if (m != null) maxCalls = m.intValue();
        }
        o.finish();
        if (errors.size() != before || symbol == null || conv == null || issues == null || returns == null) return null;
        return new Function(symbol, line(n), conv, issues, args, returns, results, fixtures, errorCase == null || errorCase,
                returnsOutput, returnsBytes, hostAnswers, maxCalls);
    }

    private Convention convention(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode) {
            String w = word(n, path, "convention", List.of("sysv"));
            return w == null ? null : Convention.SYSV;
        }
        Obj o = obj(n, path);
        if (o == null) return null;
        List<String> clobbers = null;
        Node c = o.req("preserves-all-except");
        if (c != null) {
            List<Node> items = seq(c, child(path, "preserves-all-except"));
            if (items != null) {
                clobbers = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    String r = str(items.get(i), child(path, "preserves-all-except") + "[" + i + "]");
                    if (r == null) continue;
                    if (!Values.GPRS.contains(r) && !r.matches("XMM([0-9]|1[0-5])")) {
                        error(items.get(i), child(path, "preserves-all-except") + "[" + i + "]", "unknown register '" + r + "' (expected RAX..R15 or XMM0..XMM15)");
                    } else {
                        clobbers.add(r);
                    }
                }
            }
        }
        o.finish();
        return clobbers == null ? null : new Convention(false, clobbers);
    }

    private Arg arg(Node n, String path, Map<String, List<String>> structs, Convention conv) {
        Obj o = obj(n, path);
        if (o == null) return null;
        Node vn = o.opt("value");
        Node sn = o.opt("struct");
        Node tn = o.opt("to");
        Node fn = o.opt("fields");
        Node reachN = o.opt("reaches");
        String to = tn == null ? null : register(tn, child(path, "to"));
        String reaches = reachN == null ? null : register(reachN, child(path, "reaches"));
        if (reachN != null && vn == null) error(reachN, child(path, "reaches"), "'reaches' belongs to a value argument");
        Long value = null;
        String struct = null;
        Map<String, Long> fields = new LinkedHashMap<>();
        if ((vn == null) == (sn == null)) {
            error(n, path, "an argument has either 'value' or 'struct'");
        } else if (vn != null) {
            value = num(vn, child(path, "value"));
            if (fn != null) error(fn, child(path, "fields"), "'fields' belongs to a struct argument");
        } else {
            struct = str(sn, child(path, "struct"));
            if (struct != null && !structs.containsKey(struct)) {
                error(sn, child(path, "struct"), "no struct '" + struct + "' under 'structs'" + hint(struct, structs.keySet()));
                struct = null;
            }
            if (fn != null && struct != null) {
                Obj fo = obj(fn, child(path, "fields"));
                if (fo != null) {
                    for (Map.Entry<String, NodeTuple> e : fo.entries.entrySet()) {
                        fo.known.add(e.getKey());
                        if (!structs.get(struct).contains(e.getKey())) {
                            error(e.getValue().getKeyNode(), child(child(path, "fields"), e.getKey()),
                                    "struct " + struct + " has no field " + e.getKey() + hint(e.getKey(), structs.get(struct)));
                            continue;
                        }
                        Long v = num(e.getValue().getValueNode(), child(child(path, "fields"), e.getKey()));
                        if (v != null) fields.put(e.getKey(), v);
                    }
                }
            }
        }
        if (conv != null && !conv.sysv() && to == null && tn == null) {
            error(n, path, "with a custom convention every argument needs 'to' (the register it is passed in)");
        }
        o.finish();
        return new Arg(value, to, struct, fields, reaches);
    }

    // ---------------------------------------------------------------- YAML helpers (after spec/YamlDoc)

    private Node compose(byte[] bytes) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).setUseMarks(true)
                .setAllowRecursiveKeys(false).build();
        try {
            Optional<Node> n = new Compose(settings).composeInputStream(new ByteArrayInputStream(bytes));
            if (n.isEmpty()) {
                errors.add(new SpecError(file, 1, 1, "", "the file is empty; expected a mapping of keys"));
                return null;
            }
            return n.get();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String msg = "YAML syntax error: " + (e.getContext() != null ? e.getContext() + "; " : "") + e.getProblem();
            at(m, "", msg.replace('\n', ' ').trim());
            return null;
        } catch (YamlEngineException e) {
            errors.add(new SpecError(file, 0, 0, "", "YAML error: " + e.getMessage()));
            return null;
        }
    }

    private void error(Node at, String path, String message) {
        at(at == null ? null : at.getStartMark().orElse(null), path, message);
    }

    private void at(Mark m, String path, String message) {
        errors.add(new SpecError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, path, message));
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String hint(String word, java.util.Collection<String> known) {
        String h = Values.closest(word, known);
        return h != null ? " (did you mean '" + h + "'?)" : "";
    }

    private static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) n;
        Tag t = s.getTag();
        if (Tag.NULL.equals(t)) return "an empty value";
        if (Tag.INT.equals(t) || Tag.FLOAT.equals(t)) return "number " + s.getValue();
        if (Tag.BOOL.equals(t)) return "boolean " + s.getValue();
        return "string '" + s.getValue() + "'";
    }

    private Obj obj(Node n, String path) {
        if (n == null) return null;
        if (n instanceof MappingNode m) return new Obj(m, path);
        error(n, path, "expected a mapping, got " + describe(n));
        return null;
    }

    private List<Node> seq(Node n, String path) {
        if (n == null) return null;
        if (n instanceof SequenceNode s) return s.getValue();
        error(n, path, "expected a list, got " + describe(n));
        return null;
    }

    private String str(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode s && Tag.STR.equals(s.getTag())) return s.getValue();
        error(n, path, "expected a string, got " + describe(n));
        return null;
    }

    private Long num(Node n, String path) {
        if (n == null) return null;
        if (!(n instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
            error(n, path, "expected a number, got " + describe(n));
            return null;
        }
        if (s.getScalarStyle() != ScalarStyle.PLAIN) {
            error(n, path, "expected a number, got quoted string '" + s.getValue() + "' (remove the quotes)");
            return null;
        }
        try {
            return Values.parseUnsigned(s.getValue());
        } catch (NumberFormatException e) {
            error(n, path, e.getMessage());
            return null;
        }
    }

    private Boolean bool(Node n, String path) {
        if (n instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) return Boolean.parseBoolean(s.getValue().toLowerCase());
        error(n, path, "expected true or false, got " + describe(n));
        return null;
    }

    private String word(Node n, String path, String what, List<String> words) {
        String w = str(n, path);
        if (w == null) return null;
        if (words.contains(w)) return w;
        error(n, path, "bad " + what + " '" + w + "' (expected one of " + words + hint(w, words).replace(" (", "; ").replace(")", "") + ")");
        return null;
    }

    private String register(Node n, String path) {
        String r = str(n, path);
        if (r == null) return null;
        if (Values.GPRS.contains(r)) return r;
        error(n, path, "unknown register '" + r + "'" + (hint(r, Values.GPRS).isEmpty() ? " (expected RAX..R15)" : hint(r, Values.GPRS)));
        return null;
    }

    private List<String> registers(Node n, String path) {
        List<Node> items = seq(n, path);
        if (items == null) return null;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String r = register(items.get(i), path + "[" + i + "]");
            if (r == null) continue;
            if (out.contains(r)) error(items.get(i), path + "[" + i + "]", "register " + r + " is listed twice");
            else out.add(r);
        }
        return out;
    }

    private final class Obj {
        final MappingNode node;
        final String path;
        final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        final Set<String> known = new LinkedHashSet<>();

        Obj(MappingNode node, String path) {
            this.node = node;
            this.path = path;
            for (NodeTuple t : node.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode sk) || Tag.NULL.equals(k.getTag())) {
                    error(k, path, "a key must be a plain scalar, got " + describe(k));
                    continue;
                }
                NodeTuple first = entries.get(sk.getValue());
                if (first != null) {
                    error(k, child(path, sk.getValue()), "duplicate key '" + sk.getValue() + "' (first at line " + line(first.getKeyNode()) + ")");
                    continue;
                }
                entries.put(sk.getValue(), t);
            }
        }

        Node opt(String key) {
            known.add(key);
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getValueNode();
        }

        Node req(String key) {
            Node n = opt(key);
            if (n == null) error(node, child(path, key), "missing required key '" + key + "'");
            return n;
        }

        void finish() {
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (known.contains(e.getKey())) continue;
                error(e.getValue().getKeyNode(), child(path, e.getKey()), "unknown key '" + e.getKey() + "'"
                        + (hint(e.getKey(), known).isEmpty() ? " (expected one of " + known + ")" : hint(e.getKey(), known)));
            }
        }
    }
}
