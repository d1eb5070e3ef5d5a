package dev.leafspec.api;

/** A role an implementation under test can play. */
public enum Role {
    /** Answers TDCALL leaves as the TDX module does for a TD guest. */
    MODULE_TDCALL,
    /** Answers SEAMCALL leaves as the TDX module does for the host VMM. */
    MODULE_SEAMCALL,
    /** Answers TDG.VP.VMCALL sub-functions as a host VMM does (GHCI). */
    VMM_TDVMCALL
}
