package dev.leafspec.spec;

import dev.leafspec.spec.LeafSpecReader.Names;
import dev.leafspec.spec.LeafSpecReader.Parsed;
import dev.leafspec.spec.LeafSpecReader.RuleLoc;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.OperandId;
import dev.leafspec.spec.model.StatusCode;
import dev.leafspec.spec.model.VmcallStatus;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads and checks the files under {@code leaf-specs/} (format: docs/leaf-spec-format.md).
 *
 * <p>Files are read with snakeyaml-engine's compose API (a node tree with positions; no object is ever
 * constructed from a tag) and mapped to the model records by hand, so every problem is reported as a
 * {@link SpecError} with file, 1-based line and column, and the dotted key path
 * (e.g. {@code inputs.RCX.fields[1].bits}). Problems found:
 * <ul>
 *   <li>YAML syntax errors, an empty file;</li>
 *   <li>unknown keys (with the closest known key: "unknown key 'ouputs' (did you mean 'outputs'?)"), duplicate
 *       keys, missing required keys;</li>
 *   <li>wrong value types: a string or a bad hex where a number is expected, a quoted number, a number where a
 *       string is expected, unquoted module versions;</li>
 *   <li>bit ranges malformed, with high &lt; low, beyond bit 63 (GPR, RFLAGS) or 127 (XMM); overlapping fields of
 *       one register; field {@code values} that do not fit the field;</li>
 *   <li>unknown register names; a register both in an explicit {@code preserved} list and in {@code outputs};
 *       RAX under {@code inputs}; the status register under {@code outputs};</li>
 *   <li>status codes not in {@code status/tdx-status.yaml} (for {@code status}) or
 *       {@code status/tdvmcall-status.yaml} (for {@code leaf-status}), operands not in
 *       {@code status/operand-ids.yaml}, an {@code example.status} that the leaf does not list;</li>
 *   <li>bad enum words ({@code instruction}, {@code outputs-on-error}, {@code vector-state}, {@code preserved},
 *       {@code reserved}); leaf versions outside 0..255; {@code since}/{@code until} not a version string,
 *       until before since; {@code source} missing or empty; {@code rules} empty;</li>
 *   <li>sub-function consistency ({@code subfunction}/{@code leaf-status} exactly for
 *       {@code TDG.VP.VMCALL<...>} leaves, number 0, TDCALL), {@code bitmap} only for TDG.VP.VMCALL, a spec in
 *       the wrong folder (tdcall/, tdvmcall/, seamcall/);</li>
 *   <li>across files: duplicate rule ids, two specs with the same instruction + number (+ sub-function R10/R11),
 *       two specs with the same leaf name (each reported in both files);</li>
 *   <li>catalogues: duplicate names, status values with bits 31:0 set, {@code error}/{@code non-recoverable}
 *       flags that contradict bits 63/62 of the value, operand ids beyond 32 bits.</li>
 * </ul>
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** The folders under the leaf-specs root that hold leaf specs. */
    public static final List<String> AREAS = List.of("tdcall", "tdvmcall", "seamcall");

    /** The catalogue files under {@code status/}. */
    public static final List<String> CATALOGUE_FILES = CatalogueReader.FILES;

    /**
     * Loads everything under a leaf-specs root: every {@code *.yaml}/{@code *.yml} file under {@code tdcall/},
     * {@code tdvmcall/} and {@code seamcall/} (recursively) and the catalogues {@code status/tdx-status.yaml},
     * {@code status/operand-ids.yaml}, {@code status/tdvmcall-status.yaml}. A missing catalogue gives an empty
     * map, and then every reference to one of its names is an error. {@code schema/} and other folders are not read.
     *
     * <p>{@link Catalogue#bundleSha256()} is the lower-case hex SHA-256 over every loaded file, sorted by its path
     * relative to the root ('/' separators), each contributing {@code path UTF-8 bytes + NUL + file bytes}.
     * {@link LeafSpec#file()} is that relative path (e.g. {@code tdcall/tdg.vp.info.yaml}); leaves are in that order.
     *
     * @param leafSpecsRoot the {@code leaf-specs/} folder
     * @return the loaded catalogue
     * @throws SpecException carrying every error found in every file (not just the first), sorted by file,
     *                       line and column; the error's file is {@code leafSpecsRoot.resolve(relative path)}
     */
    public static Catalogue loadCatalogue(Path leafSpecsRoot) throws SpecException {
        Path absRoot = leafSpecsRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(absRoot)) {
            throw new SpecException(List.of(new SpecError(leafSpecsRoot.toString(), 0, 0, "", "not a folder")));
        }
        Function<Path, String> display = abs -> leafSpecsRoot.resolve(absRoot.relativize(abs).toString()).toString();
        List<SpecError> errors = new ArrayList<>();
        Catalogues cat = readCatalogues(absRoot, display, errors);
        for (Loaded l : cat.loaded) errors.addAll(l.doc.errors);

        List<Loaded> all = new ArrayList<>(cat.loaded);
        List<Parsed> parsed = new ArrayList<>();
        for (Path f : specFilesUnder(absRoot, errors, display)) {
            byte[] bytes = read(f, display.apply(f), errors);
            if (bytes == null) continue;
            Parsed p = readSpec(display.apply(f), rel(absRoot, f), bytes, cat.names);
            parsed.add(p);
            errors.addAll(p.doc.errors);
            all.add(new Loaded(f, rel(absRoot, f), bytes, p.doc));
        }
        errors.addAll(crossCheck(parsed));
        if (!errors.isEmpty()) throw new SpecException(sorted(errors));

        all.sort(Comparator.comparing(Loaded::rel));
        List<LeafSpec> leaves = parsed.stream().map(p -> p.spec).sorted(Comparator.comparing(LeafSpec::file)).toList();
        return new Catalogue(leaves, cat.tdx, cat.operands, cat.vmcall, sha256(all));
    }

    /**
     * Checks files and folders against the leaf-spec format and returns every problem; never throws for bad content.
     *
     * <p>A folder is searched recursively for {@code *.yaml}/{@code *.yml} files (skipping {@code schema/}). For each
     * file the leaf-specs root is found by walking up to the nearest folder that has a {@code status/} folder (holding
     * a catalogue file, or next to tdcall/, tdvmcall/ or seamcall/). When a root is found, its catalogues are
     * read so that status and operand names are checked (their own errors are reported too), and every spec under
     * the root takes part in the catalogue-wide checks (duplicate rule ids, instruction + number, leaf name), which
     * are reported in both files. Without a root, names are not checked and only the given files are compared.
     * A file directly in the root's {@code status/} folder is checked as a catalogue.
     *
     * @param filesOrFolders files and folders as given on a command line; error file names keep their form
     * @return the errors, sorted by file, line and column, and the number of files read
     */
    public static LintResult lint(List<Path> filesOrFolders) {
        return lint(filesOrFolders, null);
    }

    /**
     * As {@link #lint(List)}, but a file with no leaf-specs root above it is checked against {@code fallbackRoot}
     * (normally the bundled leaf-specs): its status and operand names are looked up in that root's catalogues, and
     * it takes part in the catalogue-wide checks with that root's specs (so a new spec written elsewhere that reuses
     * a bundled leaf number or rule id is caught).
     *
     * @param fallbackRoot a leaf-specs root, or null to check such files without names
     */
    public static LintResult lint(List<Path> filesOrFolders, Path fallbackRoot) {
        Optional<Path> fallback = fallbackRoot != null && Files.isDirectory(fallbackRoot.resolve("status"))
                ? Optional.of(fallbackRoot.toAbsolutePath().normalize()) : Optional.empty();
        List<SpecError> errors = new ArrayList<>();
        Map<Path, String> targets = new LinkedHashMap<>();
        for (Path given : filesOrFolders) {
            if (Files.isDirectory(given)) {
                try (Stream<Path> s = Files.walk(given)) {
                    s.filter(Files::isRegularFile).filter(SpecLoader::isYaml)
                            .filter(f -> !given.relativize(f).toString().replace(File.separatorChar, '/').matches("(.*/)?schema/.*"))
                            .sorted()
                            .forEach(f -> targets.putIfAbsent(f.toAbsolutePath().normalize(), f.toString()));
                } catch (IOException | java.io.UncheckedIOException e) {
                    errors.add(new SpecError(given.toString(), 0, 0, "", "cannot read folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(given)) {
                targets.putIfAbsent(given.toAbsolutePath().normalize(), given.toString());
            } else {
                errors.add(new SpecError(given.toString(), 0, 0, "", "no such file or folder"));
            }
        }

        Map<Optional<Path>, List<Path>> groups = new LinkedHashMap<>();
        for (Path abs : targets.keySet()) {
            Optional<Path> root = findRoot(abs);
            groups.computeIfAbsent(root.isPresent() ? root : fallback, k -> new ArrayList<>()).add(abs);
        }

        Set<Path> checked = new LinkedHashSet<>(targets.keySet());
        for (Map.Entry<Optional<Path>, List<Path>> g : groups.entrySet()) {
            List<Parsed> parsed = new ArrayList<>();
            if (g.getKey().isPresent()) {
                Path root = g.getKey().get();
                boolean absolute = Paths.get(targets.get(g.getValue().get(0))).isAbsolute();
                Function<Path, String> display = abs -> targets.containsKey(abs) ? targets.get(abs) : displayFor(abs, absolute);
                Catalogues cat = readCatalogues(root, display, errors);
                for (Loaded l : cat.loaded) {
                    checked.add(l.abs);
                    errors.addAll(l.doc.errors);
                }
                Path statusDir = root.resolve("status");
                Set<Path> specs = new java.util.TreeSet<>(Comparator.comparing(p -> rel(root, p)));
                specs.addAll(specFilesUnder(root, new ArrayList<>(), display));
                for (Path t : g.getValue()) {
                    if (statusDir.equals(t.getParent())) {
                        if (!CATALOGUE_FILES.contains(t.getFileName().toString())) {
                            errors.add(new SpecError(display.apply(t), 0, 0, "", "not a known catalogue file (expected "
                                    + Values.oneOf(CATALOGUE_FILES) + ")"));
                        }
                    } else {
                        specs.add(t);
                    }
                }
                for (Path f : specs) {
                    boolean target = targets.containsKey(f);
                    List<SpecError> sink = target ? errors : new ArrayList<>();
                    byte[] bytes = read(f, display.apply(f), sink);
                    if (bytes == null) continue;
                    Parsed p = readSpec(display.apply(f), rel(root, f), bytes, cat.names);
                    parsed.add(p);
                    if (target) errors.addAll(p.doc.errors);
                }
            } else {
                for (Path t : g.getValue()) {
                    String name = targets.get(t);
                    byte[] bytes = read(t, name, errors);
                    if (bytes == null) continue;
                    String parent = t.getParent() == null ? "" : String.valueOf(t.getParent().getFileName());
                    if (parent.equals("status")) {
                        YamlDoc doc = new YamlDoc(name);
                        Node n = doc.compose(bytes);
                        String file = t.getFileName().toString();
                        if (!CATALOGUE_FILES.contains(file)) {
                            doc.errors.add(new SpecError(name, 0, 0, "", "not a known catalogue file (expected "
                                    + Values.oneOf(CATALOGUE_FILES) + ")"));
                        } else if (n != null) {
                            readCatalogue(file, doc, n);
                        }
                        errors.addAll(doc.errors);
                    } else {
                        Parsed p = readSpec(name, null, bytes, Names.UNCHECKED);
                        parsed.add(p);
                        errors.addAll(p.doc.errors);
                    }
                }
            }
            errors.addAll(crossCheck(parsed));
        }
        return new LintResult(sorted(errors), checked.size());
    }

    // ------------------------------------------------------------------ internals

    private record Loaded(Path abs, String rel, byte[] bytes, YamlDoc doc) {
    }

    private static final class Catalogues {
        Map<String, StatusCode> tdx = Map.of();
        Map<String, OperandId> operands = Map.of();
        Map<String, VmcallStatus> vmcall = Map.of();
        final List<Loaded> loaded = new ArrayList<>();
        Names names;
    }

    private static Catalogues readCatalogues(Path absRoot, Function<Path, String> display, List<SpecError> ioErrors) {
        Catalogues c = new Catalogues();
        for (String file : CATALOGUE_FILES) {
            Path p = absRoot.resolve("status").resolve(file);
            if (!Files.isRegularFile(p)) continue;
            byte[] bytes = read(p, display.apply(p), ioErrors);
            if (bytes == null) continue;
            YamlDoc doc = new YamlDoc(display.apply(p));
            Node n = doc.compose(bytes);
            c.loaded.add(new Loaded(p, rel(absRoot, p), bytes, doc));
            if (n == null) continue;
            switch (file) {
                case CatalogueReader.TDX_STATUS -> c.tdx = CatalogueReader.tdxStatus(doc, n);
                case CatalogueReader.OPERAND_IDS -> c.operands = CatalogueReader.operands(doc, n);
                default -> c.vmcall = CatalogueReader.vmcallStatus(doc, n);
            }
        }
        c.names = new Names(Set.copyOf(c.tdx.keySet()), Set.copyOf(c.operands.keySet()), Set.copyOf(c.vmcall.keySet()), true);
        return c;
    }

    private static void readCatalogue(String file, YamlDoc doc, Node n) {
        switch (file) {
            case CatalogueReader.TDX_STATUS -> CatalogueReader.tdxStatus(doc, n);
            case CatalogueReader.OPERAND_IDS -> CatalogueReader.operands(doc, n);
            default -> CatalogueReader.vmcallStatus(doc, n);
        }
    }

    private static Parsed readSpec(String display, String rel, byte[] bytes, Names names) {
        YamlDoc doc = new YamlDoc(display);
        Node n = doc.compose(bytes);
        return LeafSpecReader.read(doc, n, rel, names);
    }

    /** Catalogue-wide checks; each conflict is reported in every file involved. */
    static List<SpecError> crossCheck(List<Parsed> specs) {
        List<SpecError> out = new ArrayList<>();
        Map<String, List<Parsed>> byIdentity = new LinkedHashMap<>();
        Map<String, List<Parsed>> byName = new LinkedHashMap<>();
        Map<String, List<Map.Entry<Parsed, RuleLoc>>> byRule = new TreeMap<>();
        for (Parsed p : specs) {
            if (p.identity != null) byIdentity.computeIfAbsent(p.identity, k -> new ArrayList<>()).add(p);
            if (p.leafName != null) byName.computeIfAbsent(p.leafName, k -> new ArrayList<>()).add(p);
            for (RuleLoc r : p.rules) byRule.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(Map.entry(p, r));
        }
        for (List<Parsed> group : byIdentity.values()) {
            if (group.size() < 2) continue;
            for (Parsed p : group) {
                String others = group.stream().filter(q -> q != p).map(q -> q.doc.file + ":" + YamlDoc.where(q.identityNode))
                        .collect(Collectors.joining(", "));
                add(out, p.doc, p.identityNode, p.identityPath, p.identityText + " is also defined in " + others);
            }
        }
        for (Map.Entry<String, List<Parsed>> e : byName.entrySet()) {
            List<Parsed> group = e.getValue();
            if (group.size() < 2) continue;
            for (Parsed p : group) {
                String others = group.stream().filter(q -> q != p).map(q -> q.doc.file + ":" + YamlDoc.where(q.leafNode))
                        .collect(Collectors.joining(", "));
                add(out, p.doc, p.leafNode, "leaf", "leaf " + e.getKey() + " is also specified in " + others);
            }
        }
        for (Map.Entry<String, List<Map.Entry<Parsed, RuleLoc>>> e : byRule.entrySet()) {
            List<Map.Entry<Parsed, RuleLoc>> group = e.getValue();
            if (group.size() < 2) continue;
            for (Map.Entry<Parsed, RuleLoc> occ : group) {
                String others = group.stream().filter(q -> q != occ)
                        .map(q -> q.getKey().doc.file + ":" + YamlDoc.where(q.getValue().node())).collect(Collectors.joining(", "));
                add(out, occ.getKey().doc, occ.getValue().node(), occ.getValue().path(),
                        "duplicate rule id '" + e.getKey() + "' (also at " + others + ")");
            }
        }
        return out;
    }

    private static void add(List<SpecError> out, YamlDoc doc, Node at, String path, String message) {
        int line = at == null ? 0 : at.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        int col = at == null ? 0 : at.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        out.add(new SpecError(doc.file, line, col, path, message));
    }

    private static List<Path> specFilesUnder(Path absRoot, List<SpecError> errors, Function<Path, String> display) {
        List<Path> out = new ArrayList<>();
        for (String area : AREAS) {
            Path dir = absRoot.resolve(area);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(SpecLoader::isYaml).map(p -> p.toAbsolutePath().normalize()).forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                errors.add(new SpecError(display.apply(dir), 0, 0, "", "cannot read folder: " + e.getMessage()));
            }
        }
        out.sort(Comparator.comparing(p -> rel(absRoot, p)));
        return out;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** The nearest ancestor that has status/ with a catalogue file, or status/ next to an area folder. */
    private static Optional<Path> findRoot(Path abs) {
        for (Path dir = abs.getParent(); dir != null; dir = dir.getParent()) {
            Path d = dir;
            Path status = d.resolve("status");
            if (!Files.isDirectory(status)) continue;
            boolean hasCatalogue = CATALOGUE_FILES.stream().anyMatch(f -> Files.isRegularFile(status.resolve(f)));
            boolean hasArea = AREAS.stream().anyMatch(a -> Files.isDirectory(d.resolve(a)));
            if (hasCatalogue || hasArea) return Optional.of(d);
        }
        return Optional.empty();
    }

    private static String displayFor(Path abs, boolean absolute) {
        if (absolute) return abs.toString();
        try {
            return Paths.get("").toAbsolutePath().relativize(abs).toString();
        } catch (IllegalArgumentException e) {
            return abs.toString();
        }
    }

    private static String rel(Path absRoot, Path abs) {
        return absRoot.relativize(abs).toString().replace(File.separatorChar, '/');
    }

    private static byte[] read(Path p, String display, List<SpecError> errors) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            errors.add(new SpecError(display, 0, 0, "", "cannot read file: " + e));
            return null;
        }
    }

    private static String sha256(List<Loaded> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Loaded l : files) {
                md.update(l.rel.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(l.bytes);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SpecError> sorted(List<SpecError> errors) {
        return errors.stream().distinct()
                .sorted(Comparator.comparing(SpecError::file).thenComparingInt(SpecError::line).thenComparingInt(SpecError::column))
                .toList();
    }
}
