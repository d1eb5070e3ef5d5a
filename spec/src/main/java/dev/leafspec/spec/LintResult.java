package dev.leafspec.spec;

import java.util.List;

/**
 * The outcome of {@link SpecLoader#lint(List)}.
 *
 * @param errors       every problem found, sorted by file, line and column; empty when all files are fine
 * @param filesChecked how many files were read (the files named or found in the folders given, plus the status
 *                     catalogues consulted to check status and operand names)
 */
public record LintResult(List<SpecError> errors, int filesChecked) {
    public LintResult {
        errors = List.copyOf(errors);
    }

    /** @return true when no error was found */
    public boolean ok() {
        return errors.isEmpty();
    }
}
