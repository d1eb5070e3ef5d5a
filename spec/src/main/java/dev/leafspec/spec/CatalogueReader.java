package dev.leafspec.spec;

import dev.leafspec.spec.YamlDoc.Obj;
import dev.leafspec.spec.model.OperandId;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.spec.model.VmcallStatus;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the three shared catalogues under {@code leaf-specs/status/} to the model. */
final class CatalogueReader {
    private CatalogueReader() {
    }

    static final String TDX_STATUS = "tdx-status.yaml";
    static final String OPERAND_IDS = "operand-ids.yaml";
    static final String TDVMCALL_STATUS = "tdvmcall-status.yaml";
    static final List<String> FILES = List.of(TDX_STATUS, OPERAND_IDS, TDVMCALL_STATUS);

    /** {@code tdx-status.yaml}: {@code source}, {@code codes: [{name, value | values-by-version, class, error, non-recoverable, source}]}. */
    static Map<String, StatusCode> tdxStatus(YamlDoc doc, Node root) {
        Map<String, StatusCode> out = new LinkedHashMap<>();
        List<Node> items = entries(doc, root, "codes");
        if (items == null) return out;
        Map<String, Node> firstAt = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String p = "codes[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            Node nameNode = o.req("name");
            String name = doc.nonEmptyStr(nameNode, o.child("name"));
            Node valueNode = o.opt("value");
            Long value = doc.num(valueNode, o.child("value"));
            Node vbvNode = o.opt("values-by-version");
            Map<String, Long> byVersion = new LinkedHashMap<>();
            Map<String, Node> byVersionNodes = new LinkedHashMap<>();
            Obj vbv = doc.obj(vbvNode, o.child("values-by-version"));
            if (vbv != null) {
                if (vbv.entries().isEmpty()) doc.error(vbvNode, o.child("values-by-version"), "must list at least one version");
                for (Map.Entry<String, NodeTuple> e : vbv.entries().entrySet()) {
                    String vp = vbv.child(e.getKey());
                    String ver = doc.version(e.getValue().getKeyNode(), vp);
                    Long v = doc.num(e.getValue().getValueNode(), vp);
                    if (ver != null && v != null) {
                        byVersion.put(ver, v);
                        byVersionNodes.put(ver, e.getValue().getValueNode());
                    }
                }
            }
            if (valueNode == null && vbvNode == null) {
                doc.error(o.node, o.child("value"), "missing required key 'value' (or 'values-by-version')");
            } else if (valueNode != null && vbvNode != null) {
                doc.error(o.keyNode("values-by-version"), o.child("values-by-version"),
                        "give either value or values-by-version, not both");
            }
            String cls = doc.nonEmptyStr(o.opt("class"), o.child("class"));
            Node errNode = o.opt("error");
            Boolean error = doc.bool(errNode, o.child("error"));
            Node nrNode = o.opt("non-recoverable");
            Boolean nonRec = doc.bool(nrNode, o.child("non-recoverable"));
            List<String> source = doc.strOrList(o.opt("source"), o.child("source"), true);
            o.finish();

            Map<String, Long> all = new LinkedHashMap<>();
            Map<String, Node> allNodes = new LinkedHashMap<>();
            if (value != null) {
                all.put("value", value);
                allNodes.put("value", valueNode);
            }
            byVersion.forEach((k, v) -> {
                all.put("values-by-version." + k, v);
                allNodes.put("values-by-version." + k, byVersionNodes.get(k));
            });
            for (Map.Entry<String, Long> e : all.entrySet()) {
                long v = e.getValue();
                Node vn = allNodes.get(e.getKey());
                String vp = p + "." + (e.getKey().equals("value") ? "value" : YamlDoc.child("values-by-version", e.getKey().substring(18)));
                if ((v & 0xFFFFFFFFL) != 0) {
                    doc.error(vn, vp, "a completion status has bits 31:0 clear, got 0x" + Long.toHexString(v).toUpperCase());
                }
                if (error != null && error != (v < 0)) {
                    doc.error(errNode, o.child("error"), "error: " + error + " but bit 63 of 0x" + Long.toHexString(v).toUpperCase()
                            + " is " + (v < 0 ? "set" : "clear"));
                }
                if (nonRec != null && nonRec != ((v & (1L << 62)) != 0)) {
                    doc.error(nrNode, o.child("non-recoverable"), "non-recoverable: " + nonRec + " but bit 62 of 0x"
                            + Long.toHexString(v).toUpperCase() + " is " + ((v & (1L << 62)) != 0 ? "set" : "clear"));
                }
            }
            if (name == null) continue;
            if (duplicate(doc, firstAt, name, nameNode, o, "status")) continue;
            Long any = value != null ? value : byVersion.values().stream().findFirst().orElse(null);
            boolean err = error != null ? error : any != null && any < 0;
            boolean nr = nonRec != null ? nonRec : any != null && (any & (1L << 62)) != 0;
            out.put(name, new StatusCode(name, value, byVersion, cls, err, nr, source));
        }
        return out;
    }

    /** {@code operand-ids.yaml}: {@code source}, {@code operands: [{name, value, source}]}. */
    static Map<String, OperandId> operands(YamlDoc doc, Node root) {
        Map<String, OperandId> out = new LinkedHashMap<>();
        List<Node> items = entries(doc, root, "operands");
        if (items == null) return out;
        Map<String, Node> firstAt = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String p = "operands[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            Node nameNode = o.req("name");
            String name = doc.nonEmptyStr(nameNode, o.child("name"));
            Long value = doc.num(o.req("value"), o.child("value"), 0, 0xFFFFFFFFL, "operand id");
            doc.strOrList(o.opt("source"), o.child("source"), true);
            o.finish();
            if (name == null) continue;
            if (duplicate(doc, firstAt, name, nameNode, o, "operand")) continue;
            if (value != null) out.put(name, new OperandId(name, (int) (long) value));
        }
        return out;
    }

    /** {@code tdvmcall-status.yaml}: {@code source}, {@code codes: [{name, value, error, source}]}. */
    static Map<String, VmcallStatus> vmcallStatus(YamlDoc doc, Node root) {
        Map<String, VmcallStatus> out = new LinkedHashMap<>();
        List<Node> items = entries(doc, root, "codes");
        if (items == null) return out;
        Map<String, Node> firstAt = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String p = "codes[" + i + "]";
            Obj o = doc.obj(items.get(i), p);
            if (o == null) continue;
            Node nameNode = o.req("name");
            String name = doc.nonEmptyStr(nameNode, o.child("name"));
            Long value = doc.num(o.req("value"), o.child("value"));
            Node errNode = o.opt("error");
            Boolean error = doc.bool(errNode, o.child("error"));
            doc.strOrList(o.opt("source"), o.child("source"), true);
            o.finish();
            if (value != null && error != null && error != (value < 0)) {
                doc.error(errNode, o.child("error"), "error: " + error + " but bit 63 of 0x" + Long.toHexString(value).toUpperCase()
                        + " is " + (value < 0 ? "set" : "clear"));
            }
            if (name == null) continue;
            if (duplicate(doc, firstAt, name, nameNode, o, "status")) continue;
            if (value != null) out.put(name, new VmcallStatus(name, value, error != null ? error : value < 0));
        }
        return out;
    }

    /** Reads a catalogue's top level ({@code source} and the list under {@code listKey}); null when unusable. */
    private static List<Node> entries(YamlDoc doc, Node root, String listKey) {
        Obj top = doc.obj(root, "");
        if (top == null) return null;
        doc.strOrList(top.req("source"), "source", true);
        List<Node> items = doc.seq(top.req(listKey), listKey);
        top.finish();
        return items;
    }

    /** Reports a name used twice in one catalogue; records the first use. @return true for a duplicate */
    private static boolean duplicate(YamlDoc doc, Map<String, Node> firstAt, String name, Node nameNode, Obj o, String kind) {
        if (firstAt.containsKey(name)) {
            doc.error(nameNode, o.child("name"), "duplicate " + kind + " name '" + name + "' (first at line "
                    + YamlDoc.line(firstAt.get(name)) + ")");
            return true;
        }
        firstAt.put(name, nameNode);
        return false;
    }
}
