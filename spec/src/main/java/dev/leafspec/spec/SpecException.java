package dev.leafspec.spec;

import java.util.List;

/** Thrown when spec files cannot be loaded; carries every error found, each with file:line:column. */
public class SpecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<SpecError> errors;

    public SpecException(List<SpecError> errors) {
        super(errors.size() + " spec error(s):\n" + String.join("\n", errors.stream().map(SpecError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
