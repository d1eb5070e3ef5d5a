package dev.leafspec.spec.model;

/**
 * A register a leaf may overwrite although it is not an output, e.g. RBP by TDH.VP.ENTER
 * unless the TD runs with NO_RBP_MOD.
 */
public record Clobber(String register, String unless, String since, String until, String note) {
}
