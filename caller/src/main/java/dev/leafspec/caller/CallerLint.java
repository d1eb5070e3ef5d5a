package dev.leafspec.caller;

import dev.leafspec.spec.LintResult;
import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code leafspec lint} for caller specs: a small entry point LintCommand calls. Caller specs are YAML files whose
 * top-level mapping starts a line with {@code caller-spec:}; leaf-spec lint skips them.
 */
public final class CallerLint {
    private CallerLint() {
    }

    /** @return the caller-spec files among {@code paths} (folders searched recursively) */
    public static List<Path> callerSpecs(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .filter(CallerSpecReader::isCallerSpec).sorted().forEach(out::add);
                } catch (java.io.IOException e) {
                    // unreadable folders are reported by the leaf-spec lint
                }
            } else if (CallerSpecReader.isCallerSpec(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Checks caller specs; leaf names are looked up in {@code catalogue} when it is not null. */
    public static List<SpecError> lint(List<Path> callerSpecs, Catalogue catalogue) {
        List<SpecError> errors = new ArrayList<>();
        for (Path p : callerSpecs) errors.addAll(CallerSpecReader.read(p, catalogue).errors());
        return errors;
    }

    /**
     * {@code leafspec lint} with caller specs: caller specs among {@code filesOrFolders} (folders searched recursively)
     * are checked as caller specs (leaf names against the catalogue of {@code leafSpecsRoot}), everything else goes to
     * {@link SpecLoader#lint(List, Path)} as before. Folders holding caller specs are expanded into their other YAML
     * files (skipping {@code schema/}) so the leaf-spec lint never reads a caller spec.
     */
    public static LintResult lintAll(List<Path> filesOrFolders, Path leafSpecsRoot) {
        List<Path> callers = callerSpecs(filesOrFolders);
        if (callers.isEmpty()) return SpecLoader.lint(filesOrFolders, leafSpecsRoot);
        List<Path> rest = new ArrayList<>();
        for (Path p : filesOrFolders) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .filter(f -> !p.relativize(f).toString().replace('\\', '/').matches("(.*/)?schema/.*"))
                            .filter(f -> !callers.contains(f)).sorted().forEach(rest::add);
                } catch (java.io.IOException e) {
                    rest.add(p);
                }
            } else if (!callers.contains(p)) {
                rest.add(p);
            }
        }
        LintResult leaf = rest.isEmpty() ? new LintResult(List.of(), 0) : SpecLoader.lint(rest, leafSpecsRoot);
        Catalogue cat = null;
        try {
            if (leafSpecsRoot != null) cat = SpecLoader.loadCatalogue(leafSpecsRoot);
        } catch (SpecException e) {
            // the leaf specs themselves are broken: check caller specs without leaf names
        }
        List<SpecError> all = new ArrayList<>(leaf.errors());
        all.addAll(lint(callers, cat));
        all.sort(Comparator.comparing(SpecError::file).thenComparingInt(SpecError::line).thenComparingInt(SpecError::column));
        return new LintResult(all, leaf.filesChecked() + callers.size());
    }
}
