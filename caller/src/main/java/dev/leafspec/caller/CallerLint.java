package dev.leafspec.caller;

import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.model.Catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
