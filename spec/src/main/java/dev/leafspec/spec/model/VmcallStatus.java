package dev.leafspec.spec.model;

/** A TDG.VP.VMCALL status the host returns in R10 (GHCI spec), e.g. TDG.VP.VMCALL_RETRY = 1. */
public record VmcallStatus(String name, long value, boolean error) {
}
