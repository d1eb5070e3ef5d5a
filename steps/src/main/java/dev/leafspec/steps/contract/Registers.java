package dev.leafspec.steps.contract;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.RegisterBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Register-name helpers and decoding of register values into a leaf's named bit fields. */
public final class Registers {
    private Registers() {
    }

    /** @return true for RAX..R15 */
    public static boolean isGpr(String name) {
        try {
            Gpr.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return the XMM index of "XMM7" (7), or -1 when {@code name} is not XMM0..XMM15 */
    public static int xmmIndex(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (!n.startsWith("XMM")) return -1;
        try {
            int i = Integer.parseInt(n.substring(3));
            return i >= 0 && i < RegisterFile.XMM_COUNT ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Decodes {@code value} with the fields the spec gives {@code register} (outputs first, then inputs):
     * {@code 0x0000000800000004 (NUM_VCPUS[31:0]=0x4, MAX_VCPUS[63:32]=0x8)}.
     */
    public static String decode(LeafSpec spec, String register, long value) {
        RegisterBlock block = spec == null ? null : spec.outputs().get(register);
        if (block == null && spec != null) block = spec.inputs().get(register);
        String hex = String.format("0x%016x", value);
        if (block == null || block.fields().isEmpty()) return hex;
        List<String> parts = new ArrayList<>();
        for (Field f : block.fields()) {
            if (f.bits().high() > 63) continue;
            long v = f.bits().extract(value);
            if (f.reserved() != Field.Reserved.NONE && v == 0) continue;
            String meaning = f.values().get(v);
            parts.add(f.label() + "[" + f.bits() + "]=0x" + Long.toHexString(v) + (meaning != null ? " (" + meaning + ")" : ""));
        }
        return parts.isEmpty() ? hex : hex + " (" + String.join(", ", parts) + ")";
    }

    /** @return the field of {@code register} named {@code fieldName} in the spec's outputs or inputs, or null */
    public static Field field(LeafSpec spec, String register, String fieldName) {
        for (var blocks : List.of(spec.outputs(), spec.inputs())) {
            RegisterBlock b = blocks.get(register);
            if (b == null) continue;
            for (Field f : b.fields()) {
                if (fieldName.equals(f.name())) return f;
            }
        }
        return null;
    }
}
