package dev.leafspec.spec;

import dev.leafspec.spec.model.BitRange;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML file being read: composes it into a node tree (never constructs objects) and offers typed readers that
 * record a {@link SpecError} with file:line:column and key path for every problem instead of throwing.
 */
final class YamlDoc {
    final String file;
    final List<SpecError> errors = new ArrayList<>();

    YamlDoc(String file) {
        this.file = file;
    }

    /** Composes {@code bytes}; returns null (after recording the error) on a syntax error or an empty file. */
    Node compose(byte[] bytes) {
        int[] notText = Utf8.firstError(bytes);
        if (notText != null) {
            errors.add(new SpecError(file, notText[0], notText[1], "", Utf8.message(notText)));
            return null;
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .build();
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

    // ---------------------------------------------------------------- errors and paths

    void error(Node at, String path, String message) {
        at(at == null ? null : at.getStartMark().orElse(null), path, message);
    }

    void at(Mark m, String path, String message) {
        errors.add(new SpecError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                path == null ? "" : path, message));
    }

    static String child(String path, String key) {
        boolean plain = !key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        String k = plain ? key : "\"" + key + "\"";
        if (path == null || path.isEmpty()) return plain ? k : "[" + k + "]";
        return plain ? path + "." + k : path + "[" + k + "]";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    static String where(Node n) {
        return n.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("?");
    }

    /** @return a short description of what the node is, for "expected X, got Y" messages */
    static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) n;
        Tag t = s.getTag();
        if (Tag.NULL.equals(t)) return "an empty value";
        if (Tag.INT.equals(t) || Tag.FLOAT.equals(t)) return "number " + s.getValue();
        if (Tag.BOOL.equals(t)) return "boolean " + s.getValue();
        if (Tag.STR.equals(t)) return "string '" + s.getValue() + "'";
        return "a value tagged " + t;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    // ---------------------------------------------------------------- typed readers (null on error)

    Obj obj(Node n, String path) {
        if (n == null) return null;
        if (n instanceof MappingNode m) return new Obj(this, m, path);
        error(n, path, "expected a mapping, got " + describe(n));
        return null;
    }

    List<Node> seq(Node n, String path) {
        if (n == null) return null;
        if (n instanceof SequenceNode s) return s.getValue();
        error(n, path, "expected a list, got " + describe(n));
        return null;
    }

    /** A string scalar (plain or quoted text that YAML does not read as a number, boolean or null). */
    String str(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode s && Tag.STR.equals(s.getTag())) return s.getValue();
        error(n, path, "expected a string, got " + describe(n));
        return null;
    }

    /** A non-empty string. */
    String nonEmptyStr(Node n, String path) {
        String s = str(n, path);
        if (s != null && s.isBlank()) {
            error(n, path, "must not be empty");
            return null;
        }
        return s;
    }

    /** Any non-null scalar, as written (a meaning in {@code values}, a value in a disagreement). */
    String scalarText(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) return s.getValue();
        error(n, path, "expected a value, got " + describe(n));
        return null;
    }

    /** An unsigned 64-bit number written in decimal or 0x hex (not quoted). */
    Long num(Node n, String path) {
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

    /** A number within {@code min..max} (as unsigned comparison is not needed for small ranges, max &lt; 2^63). */
    Long num(Node n, String path, long min, long max, String what) {
        Long v = num(n, path);
        if (v == null) return null;
        if (v < 0 || v < min || v > max) {
            error(n, path, what + " " + Long.toUnsignedString(v) + " is outside " + min + ".." + max);
            return null;
        }
        return v;
    }

    Boolean bool(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) return Boolean.parseBoolean(s.getValue().toLowerCase());
        error(n, path, "expected true or false, got " + describe(n));
        return null;
    }

    /** A module version string such as "1.5". */
    String version(Node n, String path) {
        if (n == null) return null;
        if (n instanceof ScalarNode s && (Tag.FLOAT.equals(s.getTag()) || Tag.INT.equals(s.getTag()))) {
            error(n, path, "a module version must be a quoted string (\"" + s.getValue() + "\"), got number " + s.getValue());
            return null;
        }
        String v = str(n, path);
        if (v == null) return null;
        if (!Values.isVersion(v)) {
            error(n, path, "'" + v + "' is not a module version (expected e.g. \"1.0\", \"1.5\")");
            return null;
        }
        return v;
    }

    /** A register name RAX..R15, XMM0..XMM15, RFLAGS; {@code gprOnly} restricts to RAX..R15. */
    String register(Node n, String path, boolean gprOnly) {
        String r = str(n, path);
        if (r == null) return null;
        if (!checkRegister(r, n, path, gprOnly)) return null;
        return r;
    }

    boolean checkRegister(String r, Node n, String path, boolean gprOnly) {
        Collection<String> allowed = gprOnly ? Values.GPRS : Values.REGISTERS;
        if (allowed.contains(r)) return true;
        String hint = Values.closest(r, allowed);
        error(n, path, "unknown register '" + r + "'" + (hint != null ? " (did you mean '" + hint + "'?)"
                : gprOnly ? " (expected RAX..R15)" : " (expected RAX..R15, XMM0..XMM15 or RFLAGS)"));
        return false;
    }

    /** A bit range "high:low" with high at most {@code maxHigh}. */
    BitRange bits(Node n, String path, int maxHigh, String register) {
        if (n == null) return null;
        String text;
        if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            text = s.getValue();
        } else {
            error(n, path, "expected a bit range \"high:low\", got " + describe(n));
            return null;
        }
        try {
            return Values.parseBitRange(text, maxHigh);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            if (register != null && msg.contains("exceeds bit")) msg += " (the highest bit of " + register + ")";
            error(n, path, msg);
            return null;
        }
    }

    /** One of {@code words}, exactly as spelt there. */
    String word(Node n, String path, String what, Collection<String> words) {
        String w = str(n, path);
        if (w == null) return null;
        if (words.contains(w)) return w;
        String hint = Values.closest(w, words);
        error(n, path, "bad " + what + " '" + w + "' (expected " + Values.oneOf(words)
                + (hint != null ? "; did you mean '" + hint + "'?" : "") + ")");
        return null;
    }

    /** A list of strings; {@code nonEmpty} also rejects an empty list and empty strings. */
    List<String> strList(Node n, String path, boolean nonEmpty) {
        List<Node> items = seq(n, path);
        if (items == null) return null;
        if (nonEmpty && items.isEmpty()) {
            error(n, path, "must list at least one entry");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String s = nonEmpty ? nonEmptyStr(items.get(i), index(path, i)) : str(items.get(i), index(path, i));
            if (s != null) out.add(s);
        }
        return out;
    }

    /** A string or a list of strings (catalogue {@code source}). */
    List<String> strOrList(Node n, String path, boolean nonEmpty) {
        if (n == null) return null;
        if (n instanceof SequenceNode) return strList(n, path, nonEmpty);
        String s = nonEmpty ? nonEmptyStr(n, path) : str(n, path);
        return s == null ? null : List.of(s);
    }

    /** A list of register names. */
    List<String> registers(Node n, String path, boolean gprOnly) {
        List<Node> items = seq(n, path);
        if (items == null) return null;
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String r = register(items.get(i), index(path, i), gprOnly);
            if (r == null) continue;
            if (!seen.add(r)) error(items.get(i), index(path, i), "register " + r + " is listed twice");
            else out.add(r);
        }
        return out;
    }

    // ---------------------------------------------------------------- mappings

    /**
     * A mapping node being read. Every key asked for through {@link #opt}/{@link #req} becomes a known key;
     * {@link #finish()} reports the others as unknown with the closest known key as a suggestion.
     * Duplicate keys are reported when the object is created.
     */
    static final class Obj {
        final YamlDoc doc;
        final MappingNode node;
        final String path;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        private final Set<String> known = new LinkedHashSet<>();

        Obj(YamlDoc doc, MappingNode node, String path) {
            this.doc = doc;
            this.node = node;
            this.path = path;
            for (NodeTuple t : node.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode sk) || isNull(k)) {
                    doc.error(k, path, "a key must be a plain scalar, got " + describe(k));
                    continue;
                }
                String key = sk.getValue();
                NodeTuple first = entries.get(key);
                if (first != null) {
                    doc.error(k, YamlDoc.child(path, key), "duplicate key '" + key + "' (first at line " + line(first.getKeyNode()) + ")");
                    continue;
                }
                entries.put(key, t);
            }
        }

        String child(String key) {
            return YamlDoc.child(path, key);
        }

        /** @return the value of {@code key}, or null when absent; marks the key as known */
        Node opt(String key) {
            known.add(key);
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getValueNode();
        }

        /** @return the value of {@code key}, or null after reporting it missing */
        Node req(String key) {
            Node n = opt(key);
            if (n == null) doc.error(node, child(key), "missing required key '" + key + "'");
            return n;
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Node keyNode(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getKeyNode();
        }

        /** @return all entries (first occurrence of each key), for mappings with free keys */
        Map<String, NodeTuple> entries() {
            return entries;
        }

        /** Reports every key that was never asked for. */
        void finish() {
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (known.contains(e.getKey())) continue;
                String hint = Values.closest(e.getKey(), known);
                String msg = "unknown key '" + e.getKey() + "'" + (hint != null ? " (did you mean '" + hint + "'?)"
                        : known.size() <= 8 ? " (expected " + Values.oneOf(known) + ")" : "");
                doc.error(e.getValue().getKeyNode(), child(e.getKey()), msg);
            }
        }
    }
}
