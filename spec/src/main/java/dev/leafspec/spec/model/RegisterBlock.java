package dev.leafspec.spec.model;

import java.util.List;

/**
 * What a leaf reads from or writes to one register.
 *
 * @param register RAX..R15, XMM0..XMM15 or RFLAGS
 * @param name     the register's role, may be null
 * @param since    first module version in which the register is used this way, may be null (= the leaf's since)
 * @param align    required alignment in bytes of the value, or null
 * @param fields   bit fields, non-overlapping
 */
public record RegisterBlock(String register, String name, String since, Long align, List<Field> fields) {
    public RegisterBlock {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** @return OR of the ranges marked {@code reserved: zero} (bits 63:0 only) */
    public long reservedZeroMask() {
        long m = 0;
        for (Field f : fields) {
            if (f.reserved() == Field.Reserved.ZERO && f.bits().high() <= 63) m |= f.bits().mask();
        }
        return m;
    }
}
