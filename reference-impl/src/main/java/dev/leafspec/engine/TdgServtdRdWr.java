package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDG.SERVTD.RD (leaf 18) / TDG.SERVTD.WR (leaf 20): not modelled. The binding-handle decoding
 * (tdx-module {@code tdg_servtd_rd_wr.c break_servtd_binding_handle}) and the cross-TD statuses need a
 * model of service-TD bindings, which this engine does not have: every call throws NotSupportedException.
 */
final class TdgServtdRdWr implements Leaf {
    private final String name;

    TdgServtdRdWr(String name) {
        this.name = name;
    }

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        throw new NotSupportedException("leaf " + name);
    }
}
