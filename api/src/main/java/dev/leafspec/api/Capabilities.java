package dev.leafspec.api;

import java.util.Set;

/**
 * What an implementation declares it supports. The suite consults this before a scenario:
 * a scenario needing a capability outside these sets ends NOT_SUPPORTED with the capability named.
 *
 * @param roles        roles played
 * @param specVersions TDX module versions modelled, e.g. "1.0", "1.5"
 * @param leaves       leaf names answered, e.g. "TDG.VP.INFO", "TDG.VP.VMCALL&lt;MapGPA&gt;"
 * @param features     named features, e.g. "NO_RBP_MOD", "vector-state", "host-view"
 */
public record Capabilities(Set<Role> roles, Set<String> specVersions, Set<String> leaves, Set<String> features) {
    public Capabilities {
        roles = Set.copyOf(roles);
        specVersions = Set.copyOf(specVersions);
        leaves = Set.copyOf(leaves);
        features = Set.copyOf(features);
    }

    public boolean supportsLeaf(String leaf) {
        return leaves.contains(leaf);
    }

    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }
}
