package dev.leafspec.spec.model;

/** A TDX operand id, carried in bits 31:0 of some completion statuses (e.g. RCX = 1, TDR = 128). */
public record OperandId(String name, int value) {
}
