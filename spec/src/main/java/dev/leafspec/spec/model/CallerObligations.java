package dev.leafspec.spec.model;

import java.util.List;

/**
 * What a caller (kernel or firmware wrapper) must do around the call.
 *
 * @param mustSelect           registers the TDG.VP.VMCALL bitmap must select
 * @param zeroUnselectedInputs a selected register that is not an input must hold zero
 * @param checkRaxBefore       the register (R10) that must not be trusted before RAX is checked, or null
 * @param handleRetry          TDG.VP.VMCALL_RETRY must be handled by resuming
 * @param notes                free text, may be null
 */
public record CallerObligations(List<String> mustSelect, boolean zeroUnselectedInputs, String checkRaxBefore,
                                boolean handleRetry, String notes) {
    public CallerObligations {
        mustSelect = mustSelect == null ? List.of() : List.copyOf(mustSelect);
    }
}
