package dev.leafspec.caller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leafspec.api.RegisterFile;

/** The register-file JSON encoding of docs/adapter-protocol.md ("0x" strings; gpr[16], rflags, xmm[16]). */
final class Regs {
    private Regs() {
    }

    static long hex(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return Long.parseUnsignedLong(t, 16);
    }

    static RegisterFile parse(JsonNode regs) {
        RegisterFile rf = new RegisterFile();
        JsonNode g = regs.get("gpr");
        for (int i = 0; i < 16; i++) rf.gpr(i, hex(g.get(i).asText()));
        rf.rflags(hex(regs.get("rflags").asText()));
        JsonNode x = regs.get("xmm");
        for (int n = 0; n < 16; n++) {
            String s = x.get(n).asText().substring(2);
            String pad = "0".repeat(32 - s.length()) + s;
            rf.xmm(n, Long.parseUnsignedLong(pad.substring(16), 16), Long.parseUnsignedLong(pad.substring(0, 16), 16));
        }
        return rf;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex16(StringBuilder sb, long v) {
        for (int i = 60; i >= 0; i -= 4) sb.append(HEX[(int) (v >>> i) & 15]);
    }

    /** The register file as JSON (no String.format: this is on the per-trap path). */
    static String json(RegisterFile rf) {
        StringBuilder sb = new StringBuilder(1200).append("{\"gpr\":[");
        for (int i = 0; i < 16; i++) {
            sb.append(i == 0 ? "\"0x" : ",\"0x");
            hex16(sb, rf.gpr(i));
            sb.append('"');
        }
        sb.append("],\"rflags\":\"0x");
        hex16(sb, rf.rflags());
        sb.append("\",\"xmm\":[");
        for (int n = 0; n < 16; n++) {
            sb.append(n == 0 ? "\"0x" : ",\"0x");
            hex16(sb, rf.xmmHigh(n));
            hex16(sb, rf.xmmLow(n));
            sb.append('"');
        }
        return sb.append("]}").toString();
    }

    static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}
