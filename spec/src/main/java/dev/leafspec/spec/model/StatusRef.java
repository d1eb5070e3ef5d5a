package dev.leafspec.spec.model;

import java.util.List;

/**
 * A status a leaf may return.
 *
 * @param code    catalogue name, e.g. TDX_OPERAND_INVALID or TDG.VP.VMCALL_RETRY
 * @param operand operand id name carried in bits 31:0 (e.g. RCX, TDR), or null
 * @param when    the condition in words, may be null
 * @param since   first module version returning it, may be null
 * @param until   last module version returning it, may be null
 * @param outputs registers that carry a value together with this status (e.g. R11 for RETRY)
 * @param outputsOnError what the leaf's outputs hold with this (error) status, overriding the leaf's
 *                       {@code outputs-on-error}; null to use the leaf's (e.g. a dispatcher-level
 *                       TDX_SYS_NOT_READY leaves outputs the handler would zero unchanged)
 */
public record StatusRef(String code, String operand, String when, String since, String until, List<String> outputs,
                        OutputsOnError outputsOnError) {
    public StatusRef {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** A status entry that uses the leaf's outputs-on-error. */
    public StatusRef(String code, String operand, String when, String since, String until, List<String> outputs) {
        this(code, operand, when, since, until, outputs, null);
    }
}
