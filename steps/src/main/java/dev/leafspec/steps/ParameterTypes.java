package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.java.ParameterType;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter types of the LeafSpec step vocabulary:
 * {@code {leaf}} (TDG.VP.INFO, TDG.VP.VMCALL&lt;MapGPA&gt;, TDH.MNG.CREATE), {@code {gpr}} (RAX..R15),
 * {@code {tdx}} (a TDX completion status name), {@code {vmstatus}} (a TDG.VP.VMCALL status name),
 * {@code {hex}} (0x-prefixed hex or decimal, 64-bit unsigned), {@code {registers}} (a list: "RAX, RCX and R10").
 */
public class ParameterTypes {
    private final World world;

    public ParameterTypes(World world) {
        this.world = world;
    }

    @ParameterType("TDG\\.VP\\.VMCALL<[^>]+>|(?:TDG|TDH)\\.[A-Z0-9.]*[A-Z0-9]")
    public LeafSpec leaf(String name) {
        return world.catalogue.leaf(name).orElseThrow(() ->
                new IllegalArgumentException("no leaf spec named " + name + " under " + Harness.specsRoot()));
    }

    @ParameterType("R(?:AX|CX|DX|BX|SP|BP|SI|DI|8|9|1[0-5])")
    public Gpr gpr(String name) {
        return Gpr.parse(name);
    }

    @ParameterType("TDX_[A-Z0-9_]+")
    public String tdx(String name) {
        if (!world.catalogue.tdxStatus().containsKey(name)) {
            throw new IllegalArgumentException(name + " is not in leaf-specs/status/tdx-status.yaml");
        }
        return name;
    }

    @ParameterType("TDG\\.VP\\.VMCALL_[A-Z_]+")
    public String vmstatus(String name) {
        if (!world.catalogue.vmcallStatus().containsKey(name)) {
            throw new IllegalArgumentException(name + " is not in leaf-specs/status/tdvmcall-status.yaml");
        }
        return name;
    }

    @ParameterType("0x[0-9a-fA-F_]+|\\d+")
    public Long hex(String text) {
        return Hex.parse(text);
    }

    /** A 128-bit XMM value: 0x followed by up to 32 hex digits (underscores allowed). */
    @ParameterType("0x[0-9a-fA-F_]+")
    public java.math.BigInteger xmmvalue(String text) {
        java.math.BigInteger v = new java.math.BigInteger(text.replace("_", "").substring(2), 16);
        if (v.bitLength() > 128) throw new IllegalArgumentException("'" + text + "' does not fit in 128 bits");
        return v;
    }

    @ParameterType("XMM(?:1[0-5]|[0-9])")
    public Integer xmm(String text) {
        return Integer.parseInt(text.substring(3));
    }

    @ParameterType("(?:R[A-Z0-9]+|XMM\\d+)(?:(?:, | and )(?:R[A-Z0-9]+|XMM\\d+))*")
    public List<String> registers(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split(", | and ")) out.add(p.trim());
        return out;
    }
}
