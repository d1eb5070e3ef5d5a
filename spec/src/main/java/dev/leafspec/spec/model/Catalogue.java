package dev.leafspec.spec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything under {@code leaf-specs/}: the leaf specs and the shared status catalogues.
 * Immutable once loaded.
 */
public record Catalogue(List<LeafSpec> leaves, Map<String, StatusCode> tdxStatus,
                        Map<String, OperandId> operands, Map<String, VmcallStatus> vmcallStatus,
                        String bundleSha256) {
    public Catalogue {
        leaves = List.copyOf(leaves);
        tdxStatus = Map.copyOf(tdxStatus);
        operands = Map.copyOf(operands);
        vmcallStatus = Map.copyOf(vmcallStatus);
    }

    /** @return the leaf named exactly {@code name} ("TDG.VP.INFO", "TDG.VP.VMCALL&lt;MapGPA&gt;") */
    public Optional<LeafSpec> leaf(String name) {
        return leaves.stream().filter(l -> l.leaf().equals(name)).findFirst();
    }

    /** @return the leaf, or an IllegalArgumentException naming the unknown leaf */
    public LeafSpec requireLeaf(String name) {
        return leaf(name).orElseThrow(() -> new IllegalArgumentException("no leaf spec named " + name));
    }

    /**
     * Finds the completion-status code whose value equals {@code status} with bits 31:0 masked off.
     * @return the code, or empty if the value is not in the catalogue
     */
    public Optional<StatusCode> decodeStatus(long status) {
        long masked = status & 0xFFFFFFFF00000000L;
        return tdxStatus.values().stream().filter(c -> c.allValues().contains(masked)).findFirst();
    }

    /** @return the TDG.VP.VMCALL status with exactly this value */
    public Optional<VmcallStatus> decodeVmcallStatus(long value) {
        return vmcallStatus.values().stream().filter(c -> c.value() == value).findFirst();
    }
}
