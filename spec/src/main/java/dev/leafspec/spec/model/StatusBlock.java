package dev.leafspec.spec.model;

import java.util.List;

/** Where a status lands ({@code register}) and which codes may appear there. */
public record StatusBlock(String register, List<StatusRef> codes) {
    public StatusBlock {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public boolean allows(String code) {
        return codes.stream().anyMatch(c -> c.code().equals(code));
    }
}
