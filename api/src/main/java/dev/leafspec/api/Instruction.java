package dev.leafspec.api;

/**
 * The two instructions that enter the TDX module.
 * TDCALL (66 0F 01 CC) is issued by a TD guest; SEAMCALL (66 0F 01 CF) by the host VMM.
 */
public enum Instruction {
    TDCALL, SEAMCALL
}
