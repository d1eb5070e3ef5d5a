package dev.leafspec.spec;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.YamlDoc.Obj;
import dev.leafspec.spec.model.BitRange;
import dev.leafspec.spec.model.Bitmap;
import dev.leafspec.spec.model.CallerObligations;
import dev.leafspec.spec.model.Clobber;
import dev.leafspec.spec.model.Disagreement;
import dev.leafspec.spec.model.Example;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.OutputsOnError;
import dev.leafspec.spec.model.Preservation;
import dev.leafspec.spec.model.RegisterBlock;
import dev.leafspec.spec.model.Rule;
import dev.leafspec.spec.model.StatusBlock;
import dev.leafspec.spec.model.StatusRef;
import dev.leafspec.spec.model.Subfunction;
import dev.leafspec.spec.model.VectorState;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps the node tree of one leaf-spec file to a {@link LeafSpec}, recording every problem in its {@link YamlDoc}. */
final class LeafSpecReader {

    /** The names a spec may refer to; {@code check} false when no catalogue could be found (lint of a lone file). */
    record Names(Set<String> tdxStatus, Set<String> operands, Set<String> vmcallStatus, boolean check) {
        static final Names UNCHECKED = new Names(Set.of(), Set.of(), Set.of(), false);
    }

    /** Where a rule id is defined, for the catalogue-wide uniqueness check. */
    record RuleLoc(String id, Node node, String path) {
    }

    /** The result of reading one file: the model when the file had no error, plus locations for cross-file checks. */
    static final class Parsed {
        final YamlDoc doc;
        final String rel;
        LeafSpec spec;
        final List<RuleLoc> rules = new ArrayList<>();
        String leafName;
        Node leafNode;
        /** instruction + number (+ sub-function selector), or null when those did not parse. */
        String identity;
        String identityText;
        Node identityNode;
        String identityPath;

        Parsed(YamlDoc doc, String rel) {
            this.doc = doc;
            this.rel = rel;
        }
    }

    static final List<String> INSTRUCTIONS = List.of("TDCALL", "SEAMCALL");
    static final List<String> OUTPUTS_ON_ERROR = List.of("zeroed", "unchanged", "undefined");
    static final List<String> VECTOR_MODES = List.of("preserved", "passed-by-bitmap", "reset-to-init", "zeroed");
    static final List<String> RESERVED = List.of("zero", "ignored");
    private static final Pattern SUBFUNCTION_NAME = Pattern.compile("TDG\\.VP\\.VMCALL<.+>");

    private final YamlDoc doc;
    private final Names names;
    private final Parsed out;

    private LeafSpecReader(YamlDoc doc, String rel, Names names) {
        this.doc = doc;
        this.names = names;
        this.out = new Parsed(doc, rel);
    }

    /**
     * Reads one leaf spec.
     *
     * @param rel the file's path relative to the leaf-specs root with '/' separators, or null when unknown
     */
    static Parsed read(YamlDoc doc, Node root, String rel, Names names) {
        LeafSpecReader r = new LeafSpecReader(doc, rel, names);
        if (root != null) r.readTop(root);
        return r.out;
    }

    private void readTop(Node root) {
        Obj o = doc.obj(root, "");
        if (o == null) return;

        Node leafNode = o.req("leaf");
        String leaf = doc.nonEmptyStr(leafNode, "leaf");
        out.leafName = leaf;
        out.leafNode = leafNode;
        Node instrNode = o.req("instruction");
        String instrWord = doc.word(instrNode, "instruction", "instruction", INSTRUCTIONS);
        Instruction instruction = instrWord == null ? null : Instruction.valueOf(instrWord);
        Node numberNode = o.req("number");
        Long number = doc.num(numberNode, "number", 0, 0xFFFF, "leaf number");
        Node subNode = o.opt("subfunction");
        Subfunction sub = subfunction(subNode);

        int errorsBefore = doc.errors.size();
        List<Integer> versions = versions(o.req("versions"));
        boolean versionsOk = doc.errors.size() == errorsBefore;
        Map<Integer, String> versionNotes = versionNotes(o.opt("version-notes"), versionsOk ? versions : null);
        String since = doc.version(o.req("since"), "since");
        Node untilNode = o.opt("until");
        String until = doc.version(untilNode, "until");
        if (since != null && until != null && Values.compareVersions(until, since) < 0) {
            doc.error(untilNode, "until", "until \"" + until + "\" is before since \"" + since + "\"");
        }
        String summary = doc.nonEmptyStr(o.req("summary"), "summary");
        List<String> source = doc.strList(o.req("source"), "source", true);

        Map<String, RegisterBlock> inputs = blocks(o.req("inputs"), "inputs");
        Map<String, RegisterBlock> outputs = blocks(o.req("outputs"), "outputs");
        String ooe = doc.word(o.opt("outputs-on-error"), "outputs-on-error", "outputs-on-error", OUTPUTS_ON_ERROR);
        OutputsOnError outputsOnError = ooe == null ? OutputsOnError.UNDEFINED : OutputsOnError.parse(ooe);
        Node preservedNode = o.req("preserved");
        Preservation preserved = preserved(preservedNode);
        List<Clobber> clobbered = clobbered(o.opt("clobbered"));
        VectorState vectorState = vectorState(o.req("vector-state"));
        Node bitmapNode = o.opt("bitmap");
        Bitmap bitmap = bitmap(bitmapNode);
        StatusBlock status = statusBlock(o.req("status"), "status", false);
        Node leafStatusNode = o.opt("leaf-status");
        StatusBlock leafStatus = statusBlock(leafStatusNode, "leaf-status", true);
        CallerObligations caller = caller(o.opt("caller"));
        List<Rule> rules = rules(o.req("rules"));
        List<Disagreement> disagreements = disagreements(o.opt("disagreements"));
        String notes = doc.str(o.opt("notes"), "notes");
        Example example = example(o.opt("example"), status, leafStatus);
        o.finish();

        // ---- checks that involve several keys
        boolean subName = leaf != null && SUBFUNCTION_NAME.matcher(leaf).matches();
        if (leaf != null) {
            if (subName && subNode == null) {
                doc.error(o.node, "subfunction", "missing required key 'subfunction' (required for a TDG.VP.VMCALL<...> sub-function)");
            }
            if (!subName && subNode != null) {
                doc.error(o.keyNode("subfunction"), "subfunction", "subfunction is only for TDG.VP.VMCALL<...> sub-function specs (leaf is " + leaf + ")");
            }
            if (subName && leafStatusNode == null) {
                doc.error(o.node, "leaf-status", "missing required key 'leaf-status' (required for a TDG.VP.VMCALL<...> sub-function)");
            }
            if (!subName && leafStatusNode != null) {
                doc.error(o.keyNode("leaf-status"), "leaf-status", "leaf-status is only for TDG.VP.VMCALL<...> sub-function specs");
            }
            if (bitmapNode != null && !leaf.startsWith("TDG.VP.VMCALL")) {
                doc.error(o.keyNode("bitmap"), "bitmap", "bitmap is only for TDG.VP.VMCALL (leaf is " + leaf + ")");
            }
        }
        if (subNode != null) {
            if (number != null && number != 0) {
                doc.error(numberNode, "number", "a TDG.VP.VMCALL sub-function has number 0, got " + number);
            }
            if (instruction == Instruction.SEAMCALL) {
                doc.error(instrNode, "instruction", "a TDG.VP.VMCALL sub-function is reached with TDCALL, not SEAMCALL");
            }
        }
        if (inputs != null && inputs.containsKey("RAX")) {
            doc.error(keyOf(o.opt("inputs"), "RAX"), "inputs.RAX",
                    "RAX holds the leaf number and version; list only the other input registers");
        }
        if (outputs != null) {
            if (status != null && status.register() != null && outputs.containsKey(status.register())) {
                doc.error(keyOf(o.opt("outputs"), status.register()), "outputs." + status.register(),
                        status.register() + " is the status register (status.register); list only the other output registers");
            }
            if (preserved != null && !preserved.allOtherGprs() && preservedNode instanceof SequenceNode ps) {
                List<Node> items = ps.getValue();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof ScalarNode s && outputs.containsKey(s.getValue())) {
                        doc.error(items.get(i), "preserved[" + i + "]",
                                "register " + s.getValue() + " is listed both in preserved and in outputs");
                    }
                }
            }
        }
        if (out.rel != null && instruction != null) {
            String area = out.rel.contains("/") ? out.rel.substring(0, out.rel.indexOf('/')) : "";
            String expected = subNode != null || subName ? "tdvmcall" : instruction == Instruction.TDCALL ? "tdcall" : "seamcall";
            if (List.of("tdcall", "tdvmcall", "seamcall").contains(area) && !area.equals(expected)) {
                String what = expected.equals("tdvmcall") ? "a TDG.VP.VMCALL sub-function" : "a " + instruction + " leaf";
                doc.error(instrNode, "instruction", what + " belongs under " + expected + "/, not " + area + "/");
            }
        }

        // ---- identity for the catalogue-wide checks
        if (instruction != null && number != null && (subNode == null || sub != null)) {
            out.identity = instruction + ":" + number + (sub == null ? "" : ":" + sub.r10() + ":" + sub.r11());
            out.identityText = instruction + " leaf " + number
                    + (sub == null ? "" : " sub-function R10=0x" + Long.toHexString(sub.r10()) + " R11=0x" + Long.toHexString(sub.r11()));
            out.identityNode = sub == null ? numberNode : subNode;
            out.identityPath = sub == null ? "number" : "subfunction";
        }

        if (doc.errors.isEmpty()) {
            out.spec = new LeafSpec(out.rel, leaf, instruction, number.intValue(), sub,
                    List.copyOf(versions), Collections.unmodifiableMap(versionNotes), since, until, summary,
                    List.copyOf(source), Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs),
                    outputsOnError, preserved, clobbered, vectorState, bitmap, status, leafStatus, caller, rules,
                    disagreements, notes, example);
        }
    }

    private static Node keyOf(Node mapping, String key) {
        if (mapping instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return t.getKeyNode();
            }
        }
        return mapping;
    }

    // ------------------------------------------------------------------ pieces

    private Subfunction subfunction(Node n) {
        Obj o = doc.obj(n, "subfunction");
        if (o == null) return null;
        Long r10 = doc.num(o.req("R10"), "subfunction.R10");
        Long r11 = doc.num(o.req("R11"), "subfunction.R11");
        o.finish();
        return r10 == null || r11 == null ? null : new Subfunction(r10, r11);
    }

    private List<Integer> versions(Node n) {
        List<Node> items = doc.seq(n, "versions");
        if (items == null) return List.of();
        if (items.isEmpty()) doc.error(n, "versions", "must list at least one version");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Long v = doc.num(items.get(i), "versions[" + i + "]", 0, 255, "version");
            if (v == null) continue;
            if (out.contains(v.intValue())) doc.error(items.get(i), "versions[" + i + "]", "version " + v + " is listed twice");
            else out.add(v.intValue());
        }
        return out;
    }

    private Map<Integer, String> versionNotes(Node n, List<Integer> versions) {
        Map<Integer, String> out = new LinkedHashMap<>();
        Obj o = doc.obj(n, "version-notes");
        if (o == null) return out;
        for (Map.Entry<String, NodeTuple> e : o.entries().entrySet()) {
            String p = o.child(e.getKey());
            Long v = doc.num(e.getValue().getKeyNode(), p, 0, 255, "version");
            String text = doc.nonEmptyStr(e.getValue().getValueNode(), p);
            if (v == null || text == null) continue;
            if (versions != null && !versions.contains(v.intValue())) {
                doc.error(e.getValue().getKeyNode(), p, "version " + v + " is not in versions " + versions);
            }
            out.put(v.intValue(), text);
        }
        return out;
    }

    private Map<String, RegisterBlock> blocks(Node n, String path) {
        Obj o = doc.obj(n, path);
        if (o == null) return null;
        Map<String, RegisterBlock> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : o.entries().entrySet()) {
            String reg = e.getKey();
            String p = o.child(reg);
            if (!doc.checkRegister(reg, e.getValue().getKeyNode(), p, false)) continue;
            RegisterBlock b = block(reg, e.getValue().getValueNode(), p);
            if (b != null) out.put(reg, b);
        }
        return out;
    }

    private RegisterBlock block(String reg, Node n, String path) {
        Obj o = doc.obj(n, path);
        if (o == null) return null;
        String name = doc.nonEmptyStr(o.opt("name"), o.child("name"));
        String since = doc.version(o.opt("since"), o.child("since"));
        Node alignNode = o.opt("align");
        Long align = doc.num(alignNode, o.child("align"));
        if (align != null && (align == 0 || (align & (align - 1)) != 0)) {
            doc.error(alignNode, o.child("align"), "align must be a power of two, got " + Long.toUnsignedString(align));
        }
        List<Field> fields = new ArrayList<>();
        List<Node> items = doc.seq(o.opt("fields"), o.child("fields"));
        if (items != null) {
            List<Field> byIndex = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String fp = YamlDoc.index(o.child("fields"), i);
                Field f = field(reg, items.get(i), fp);
                byIndex.add(f);
                if (f == null) continue;
                for (int j = 0; j < i; j++) {
                    Field g = byIndex.get(j);
                    if (g != null && g.bits().overlaps(f.bits())) {
                        Node bitsNode = valueOf(items.get(i), "bits");
                        doc.error(bitsNode, fp + ".bits", "bits " + f.bits() + " overlap fields[" + j + "] ("
                                + g.label() + ", bits " + g.bits() + ") of " + reg);
                    }
                }
                fields.add(f);
            }
        }
        o.finish();
        return new RegisterBlock(reg, name, since, align, fields);
    }

    private static Node valueOf(Node mapping, String key) {
        if (mapping instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return t.getValueNode();
            }
        }
        return mapping;
    }

    private Field field(String reg, Node n, String path) {
        Obj o = doc.obj(n, path);
        if (o == null) return null;
        BitRange bits = doc.bits(o.req("bits"), o.child("bits"), Values.maxBit(reg), reg);
        Node nameNode = o.opt("name");
        String name = doc.nonEmptyStr(nameNode, o.child("name"));
        Node resNode = o.opt("reserved");
        String res = doc.word(resNode, o.child("reserved"), "reserved", RESERVED);
        if (nameNode == null && resNode == null) {
            doc.error(o.node, path, "a field needs a name or reserved: zero / reserved: ignored");
        } else if (nameNode != null && resNode != null) {
            doc.error(o.keyNode("reserved"), o.child("reserved"), "a field has either a name or reserved, not both");
        }
        Map<Long, String> values = new LinkedHashMap<>();
        Obj vo = doc.obj(o.opt("values"), o.child("values"));
        if (vo != null) {
            for (Map.Entry<String, NodeTuple> e : vo.entries().entrySet()) {
                String vp = vo.child(e.getKey());
                Node keyNode = e.getValue().getKeyNode();
                Long v = doc.num(keyNode, vp);
                String meaning = doc.scalarText(e.getValue().getValueNode(), vp);
                if (v == null || meaning == null) continue;
                if (bits != null && bits.width() < 64 && Long.compareUnsigned(v, 1L << bits.width()) >= 0) {
                    doc.error(keyNode, vp, "value " + Long.toUnsignedString(v) + " does not fit in the field's "
                            + bits.width() + " bit(s) " + bits);
                }
                if (values.containsKey(v)) doc.error(keyNode, vp, "value " + Long.toUnsignedString(v) + " is listed twice");
                values.put(v, meaning);
            }
        }
        String note = doc.str(o.opt("note"), o.child("note"));
        o.finish();
        if (bits == null) return null;
        Field.Reserved reserved = res == null ? Field.Reserved.NONE
                : res.equals("zero") ? Field.Reserved.ZERO : Field.Reserved.IGNORED;
        return new Field(name, bits, reserved, values, note);
    }

    private Preservation preserved(Node n) {
        if (n == null) return null;
        if (n instanceof SequenceNode) {
            List<String> regs = doc.registers(n, "preserved", false);
            return regs == null ? null : new Preservation(false, regs);
        }
        String w = doc.word(n, "preserved", "preserved value", List.of("all-other-gprs"));
        return w == null ? null : new Preservation(true, List.of());
    }

    private List<Clobber> clobbered(Node n) {
        List<Clobber> out = new ArrayList<>();
        List<Node> items = doc.seq(n, "clobbered");
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) {
            String p = "clobbered[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            String reg = doc.register(o.req("register"), o.child("register"), false);
            String unless = doc.nonEmptyStr(o.opt("unless"), o.child("unless"));
            String since = doc.version(o.opt("since"), o.child("since"));
            String until = doc.version(o.opt("until"), o.child("until"));
            String note = doc.str(o.opt("note"), o.child("note"));
            o.finish();
            if (reg != null) out.add(new Clobber(reg, unless, since, until, note));
        }
        return List.copyOf(out);
    }

    private VectorState vectorState(Node n) {
        if (n == null) return null;
        if (n instanceof ScalarNode) {
            String w = doc.word(n, "vector-state", "vector-state", VECTOR_MODES);
            return w == null ? null : VectorState.all(VectorState.Mode.parse(w));
        }
        Obj o = doc.obj(n, "vector-state");
        if (o == null) return null;
        String xmm = doc.word(o.req("xmm"), o.child("xmm"), "vector-state", VECTOR_MODES);
        String avx = doc.word(o.req("avx"), o.child("avx"), "vector-state", VECTOR_MODES);
        String avx512 = doc.word(o.req("avx512"), o.child("avx512"), "vector-state", VECTOR_MODES);
        String note = doc.str(o.opt("note"), o.child("note"));
        o.finish();
        if (xmm == null || avx == null || avx512 == null) return null;
        return new VectorState(VectorState.Mode.parse(xmm), VectorState.Mode.parse(avx), VectorState.Mode.parse(avx512), note);
    }

    private Bitmap bitmap(Node n) {
        Obj o = doc.obj(n, "bitmap");
        if (o == null) return null;
        String reg = doc.register(o.req("register"), o.child("register"), true);
        Node gn = o.req("gprs");
        Node xn = o.opt("xmms");
        Node rn = o.opt("reserved");
        BitRange gprs = doc.bits(gn, o.child("gprs"), 63, reg);
        BitRange xmms = doc.bits(xn, o.child("xmms"), 63, reg);
        BitRange reserved = doc.bits(rn, o.child("reserved"), 63, reg);
        if (gprs != null && xmms != null && gprs.overlaps(xmms)) {
            doc.error(xn, o.child("xmms"), "bits " + xmms + " overlap gprs " + gprs);
        }
        if (reserved != null && gprs != null && reserved.overlaps(gprs)) {
            doc.error(rn, o.child("reserved"), "bits " + reserved + " overlap gprs " + gprs);
        } else if (reserved != null && xmms != null && reserved.overlaps(xmms)) {
            doc.error(rn, o.child("reserved"), "bits " + reserved + " overlap xmms " + xmms);
        }
        List<String> forbidden = doc.registers(o.opt("forbidden"), o.child("forbidden"), true);
        List<Bitmap.Conditional> when = new ArrayList<>();
        List<Node> items = doc.seq(o.opt("forbidden-when"), o.child("forbidden-when"));
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String p = YamlDoc.index(o.child("forbidden-when"), i);
                Obj c = doc.obj(items.get(i), p);
                if (c == null) continue;
                String r = doc.register(c.req("register"), c.child("register"), true);
                String w = doc.nonEmptyStr(c.req("when"), c.child("when"));
                c.finish();
                if (r != null && w != null) when.add(new Bitmap.Conditional(r, w));
            }
        }
        o.finish();
        return new Bitmap(reg, gprs, xmms, reserved, forbidden, when);
    }

    private StatusBlock statusBlock(Node n, String path, boolean leafStatus) {
        Obj o = doc.obj(n, path);
        if (o == null) return null;
        String reg = doc.register(o.req("register"), o.child("register"), true);
        List<StatusRef> codes = new ArrayList<>();
        Node codesNode = o.req("codes");
        List<Node> items = doc.seq(codesNode, o.child("codes"));
        // leaf-status may be empty (a sub-function the host never returns from, e.g. ReportFatalError)
        if (items != null && items.isEmpty() && !leafStatus) {
            doc.error(codesNode, o.child("codes"), "must list at least one status code");
        }
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String p = YamlDoc.index(o.child("codes"), i);
                Obj c = doc.obj(items.get(i), p);
                if (c == null) continue;
                Node codeNode = c.req("code");
                String code = doc.nonEmptyStr(codeNode, c.child("code"));
                if (code != null) checkStatusName(code, codeNode, c.child("code"), leafStatus);
                Node operandNode = c.opt("operand");
                String operand = doc.nonEmptyStr(operandNode, c.child("operand"));
                if (operand != null && names.check() && !names.operands().contains(operand)) {
                    String hint = Values.closest(operand, names.operands());
                    doc.error(operandNode, c.child("operand"), "unknown operand '" + operand + "' (not in status/operand-ids.yaml"
                            + (hint != null ? "; did you mean '" + hint + "'?" : "") + ")");
                }
                String when = doc.nonEmptyStr(c.opt("when"), c.child("when"));
                String since = doc.version(c.opt("since"), c.child("since"));
                String until = doc.version(c.opt("until"), c.child("until"));
                List<String> outputs = doc.registers(c.opt("outputs"), c.child("outputs"), false);
                String ooe = doc.word(c.opt("outputs-on-error"), c.child("outputs-on-error"), "outputs-on-error", OUTPUTS_ON_ERROR);
                c.finish();
                if (code != null) {
                    codes.add(new StatusRef(code, operand, when, since, until, outputs,
                            ooe == null ? null : OutputsOnError.parse(ooe)));
                }
            }
        }
        o.finish();
        return new StatusBlock(reg, codes);
    }

    private void checkStatusName(String code, Node node, String path, boolean leafStatus) {
        if (!names.check()) return;
        Set<String> known = leafStatus ? names.vmcallStatus() : names.tdxStatus();
        if (known.contains(code)) return;
        String file = leafStatus ? "status/tdvmcall-status.yaml" : "status/tdx-status.yaml";
        String hint = Values.closest(code, known);
        doc.error(node, path, "unknown status '" + code + "' (not in " + file
                + (hint != null ? "; did you mean '" + hint + "'?" : "") + ")");
    }

    private CallerObligations caller(Node n) {
        Obj o = doc.obj(n, "caller");
        if (o == null) return null;
        List<String> mustSelect = doc.registers(o.opt("must-select"), o.child("must-select"), false);
        Boolean zero = doc.bool(o.opt("zero-unselected-inputs"), o.child("zero-unselected-inputs"));
        String check = doc.register(o.opt("check-rax-before"), o.child("check-rax-before"), true);
        Boolean retry = doc.bool(o.opt("handle-retry"), o.child("handle-retry"));
        String notes = doc.str(o.opt("notes"), o.child("notes"));
        o.finish();
        return new CallerObligations(mustSelect, Boolean.TRUE.equals(zero), check, Boolean.TRUE.equals(retry), notes);
    }

    private List<Rule> rules(Node n) {
        List<Rule> list = new ArrayList<>();
        List<Node> items = doc.seq(n, "rules");
        if (items == null) return list;
        if (items.isEmpty()) doc.error(n, "rules", "must list at least one rule");
        for (int i = 0; i < items.size(); i++) {
            String p = "rules[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            Node idNode = o.req("id");
            String id = doc.nonEmptyStr(idNode, o.child("id"));
            String text = doc.nonEmptyStr(o.req("text"), o.child("text"));
            o.finish();
            if (id != null) out.rules.add(new RuleLoc(id, idNode, o.child("id")));
            if (id != null && text != null) list.add(new Rule(id, text));
        }
        return List.copyOf(list);
    }

    private List<Disagreement> disagreements(Node n) {
        List<Disagreement> out = new ArrayList<>();
        List<Node> items = doc.seq(n, "disagreements");
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) {
            String p = "disagreements[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            String about = doc.nonEmptyStr(o.req("about"), o.child("about"));
            Map<String, String> values = new LinkedHashMap<>();
            Node valuesNode = o.req("values");
            Obj vo = doc.obj(valuesNode, o.child("values"));
            if (vo != null) {
                if (vo.entries().size() < 2) doc.error(valuesNode, o.child("values"), "a disagreement lists at least two values");
                for (Map.Entry<String, NodeTuple> e : vo.entries().entrySet()) {
                    String v = doc.scalarText(e.getValue().getValueNode(), vo.child(e.getKey()));
                    if (v != null) values.put(e.getKey(), v);
                }
            }
            List<String> source = doc.strList(o.req("source"), o.child("source"), true);
            o.finish();
            if (about != null) out.add(new Disagreement(about, Collections.unmodifiableMap(values),
                    source == null ? List.of() : List.copyOf(source)));
        }
        return List.copyOf(out);
    }

    private Example example(Node n, StatusBlock status, StatusBlock leafStatus) {
        Obj o = doc.obj(n, "example");
        if (o == null) return null;
        Map<String, Long> inputs = new LinkedHashMap<>();
        Obj io = doc.obj(o.opt("inputs"), o.child("inputs"));
        if (io != null) {
            for (Map.Entry<String, NodeTuple> e : io.entries().entrySet()) {
                String p = io.child(e.getKey());
                if (!doc.checkRegister(e.getKey(), e.getValue().getKeyNode(), p, true)) continue;
                Long v = doc.num(e.getValue().getValueNode(), p);
                if (v != null) inputs.put(e.getKey(), v);
            }
        }
        Node sn = o.req("status");
        String st = doc.nonEmptyStr(sn, o.child("status"));
        o.finish();
        if (st != null) {
            if (names.check() && !names.tdxStatus().contains(st) && !names.vmcallStatus().contains(st)) {
                Set<String> all = new LinkedHashSet<>(names.tdxStatus());
                all.addAll(names.vmcallStatus());
                String hint = Values.closest(st, all);
                doc.error(sn, o.child("status"), "unknown status '" + st + "' (not in status/tdx-status.yaml or status/tdvmcall-status.yaml"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "") + ")");
            } else if ((status == null || !status.allows(st)) && (leafStatus == null || !leafStatus.allows(st))
                    && (status != null || leafStatus != null)) {
                doc.error(sn, o.child("status"), "example status '" + st + "' is not listed in status.codes"
                        + (leafStatus != null ? " or leaf-status.codes" : ""));
            }
        }
        return new Example(inputs, st);
    }
}
