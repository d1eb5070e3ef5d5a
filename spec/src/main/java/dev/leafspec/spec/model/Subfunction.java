package dev.leafspec.spec.model;

/** The selector of a TDG.VP.VMCALL sub-function: R10 (0 = GHCI standard) and R11 (the sub-function). */
public record Subfunction(long r10, long r11) {
}
