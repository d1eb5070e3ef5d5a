package dev.leafspec.cli.certify;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.Values;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A certification profile, loaded from {@code profiles/<name>.yaml}: what is certified, as data.
 *
 * @param name          the profile's name (its file name without .yaml)
 * @param title         what it certifies, in words
 * @param role          the role certified (MODULE_TDCALL, MODULE_SEAMCALL, VMM_TDVMCALL)
 * @param moduleVersion the TDX module version every scenario starts with, or null to leave the implementation's default
 * @param select        a Cucumber tag expression selecting the scenarios
 * @param instruction   required leaves: their instruction
 * @param subfunctions  required leaves: TDG.VP.VMCALL sub-functions (true) or plain leaves (false)
 * @param sinceAtMost   required leaves: those with {@code since} at most this version
 */
public record Profile(String name, String title, String role, String moduleVersion, String select,
                      Instruction instruction, boolean subfunctions, String sinceAtMost) {

    private static final Set<String> KEYS = Set.of("profile", "title", "role", "module-version", "select", "required-leaves");
    private static final Set<String> REQUIRED_KEYS = Set.of("instruction", "subfunctions", "since-at-most");
    private static final Set<String> ROLES = Set.of("MODULE_TDCALL", "MODULE_SEAMCALL", "VMM_TDVMCALL");

    /** @return the profile names under {@code dir} */
    public static List<String> available(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        }
    }

    /**
     * Loads {@code dir/<name>.yaml} (safe YAML: plain maps, lists and scalars only).
     *
     * @throws IllegalArgumentException naming the file and the problem: missing profile, unknown or missing key,
     *                                  bad role, version or instruction
     */
    public static Profile load(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no profile '" + name + "' (known: " + String.join(", ", available(dir)) + ")");
        }
        Object doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(Files.readString(file));
        if (!(doc instanceof Map<?, ?> m)) throw new IllegalArgumentException(file + ": a profile is a mapping");
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) throw new IllegalArgumentException(file + ": unknown key '" + k + "'");
        }
        String profile = str(file, m, "profile", true);
        if (!profile.equals(name)) throw new IllegalArgumentException(file + ": profile: '" + profile + "' differs from the file name");
        String role = str(file, m, "role", true);
        if (!ROLES.contains(role)) throw new IllegalArgumentException(file + ": role: '" + role + "' is not one of " + ROLES);
        String version = str(file, m, "module-version", false);
        if (version != null && !Values.isVersion(version)) throw new IllegalArgumentException(file + ": module-version: bad version '" + version + "'");
        String select = str(file, m, "select", true);
        try {
            io.cucumber.tagexpressions.TagExpressionParser.parse(select);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": select: bad tag expression '" + select + "': " + e.getMessage(), e);
        }
        if (!(m.get("required-leaves") instanceof Map<?, ?> r)) throw new IllegalArgumentException(file + ": required-leaves: a mapping is required");
        for (Object k : r.keySet()) {
            if (!REQUIRED_KEYS.contains(String.valueOf(k))) throw new IllegalArgumentException(file + ": required-leaves: unknown key '" + k + "'");
        }
        Instruction insn;
        try {
            insn = Instruction.valueOf(str(file, r, "instruction", true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": required-leaves.instruction: TDCALL or SEAMCALL", e);
        }
        if (!(r.get("subfunctions") instanceof Boolean sub)) throw new IllegalArgumentException(file + ": required-leaves.subfunctions: true or false");
        String since = str(file, r, "since-at-most", true);
        if (!Values.isVersion(since)) throw new IllegalArgumentException(file + ": required-leaves.since-at-most: bad version '" + since + "'");
        return new Profile(profile, str(file, m, "title", true), role, version, select, insn, sub, since);
    }

    private static String str(Path file, Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) throw new IllegalArgumentException(file + ": missing key '" + key + "'");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) throw new IllegalArgumentException(file + ": " + key + ": a non-empty string is required");
        return s;
    }

    /** @return the catalogue leaves this profile requires, in catalogue order */
    public List<LeafSpec> requiredLeaves(Catalogue catalogue) {
        List<LeafSpec> out = new ArrayList<>();
        for (LeafSpec l : catalogue.leaves()) {
            if (l.instruction() == instruction && l.isSubfunction() == subfunctions
                    && Values.compareVersions(l.since(), sinceAtMost) <= 0
                    && (l.until() == null || moduleVersion == null || Values.compareVersions(l.until(), moduleVersion) >= 0)) {
                out.add(l);
            }
        }
        return out;
    }

    /** @return the selection, narrowed to scenarios of required leaves or of no leaf at all */
    public String tagExpression(Catalogue catalogue) {
        List<String> excluded = new ArrayList<>();
        Set<String> required = new java.util.HashSet<>(requiredLeaves(catalogue).stream().map(l -> tag(l.leaf())).toList());
        for (LeafSpec l : catalogue.leaves()) {
            if (!required.contains(tag(l.leaf()))) excluded.add("@leaf:" + tag(l.leaf()));
        }
        String expr = "(" + select + ")";
        if (!excluded.isEmpty()) expr += " and not (" + String.join(" or ", excluded) + ")";
        return expr;
    }

    /** @return a leaf name as tags carry it (no '#', no spaces) */
    public static String tag(String leaf) {
        return leaf.replace("#", "").replace(" ", "_");
    }
}
