package dev.leafspec.engine;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.NotSupportedException;

import java.util.Locale;
import java.util.Map;

/** The scenario fixtures of docs/fixtures.md. */
final class Fixtures {
    private Fixtures() {
    }

    static void apply(TdxModule m, String name, Map<String, String> p) {
        switch (name) {
            case "td.config": tdConfig(m, p); break;
            case "td.pending-page":
                m.td.memory.addLeaf(Params.number(p, "gpa"), Params.level(req(p, "level")), GuestMemory.PENDING);
                break;
            case "td.private-page":
                m.td.memory.addLeaf(Params.number(p, "gpa"), Params.level(opt(p, "level", "4K")), GuestMemory.MAPPED);
                break;
            case "td.ve": tdVe(m, p); break;
            case "td.field": tdField(m, p); break;
            case "host.answer": hostAnswer(m, p); break;
            case "host.write": hostWrite(m, p); break;
            case "host.cpuid":
                m.host.setCpuid(Params.number(p, "leaf"), Params.number(p, "subleaf", 0), Params.number(p, "eax", 0),
                        Params.number(p, "ebx", 0), Params.number(p, "ecx", 0), Params.number(p, "edx", 0));
                break;
            case "host.msr": m.host.setMsr(Params.number(p, "msr"), Params.number(p, "value", 0)); break;
            case "host.port":
                m.host.setPort((int) Params.number(p, "port"), Params.number(p, "value", 0),
                        size(Params.number(p, "size", 1), false));
                break;
            case "host.mmio":
                m.host.setMmio(Params.number(p, "gpa"), Params.number(p, "value", 0), size(Params.number(p, "size", 4), true));
                break;
            case "host.quote": {
                String q = Params.get(p, "quote");
                m.host.setQuote(quoteStatus(opt(p, "status", "0")), q == null ? new byte[0] : Params.hexBytes(q));
                break;
            }
            case "platform.config": SeamFixtures.platformConfig(m.seam, p); break;
            case "platform.lp": SeamFixtures.platformLp(m.seam, p); break;
            case "platform.ready": SeamFixtures.platformReady(m.seam); break;
            case "platform.seam": SeamFixtures.platformSeam(m.seam, p); break;
            case "migtd.keys": SeamFixtures.migtdKeys(m.seam, p); break;
            case "host.memory": SeamFixtures.hostMemory(m.seam, p); break;
            case "host.lock": SeamFixtures.hostLock(m.seam, p); break;
            case "guest.program": GuestRun.programFixture(m.seam, p); break;
            case "host.unsupported": m.host.addUnsupported(GhciSubfunction.parse(req(p, "subfunction"))); break;
            default: throw new NotSupportedException("fixture " + name);
        }
    }

    private static String req(Map<String, String> p, String key) {
        String v = Params.get(p, key);
        if (v == null) throw new IllegalArgumentException("missing parameter '" + key + "'");
        return v;
    }

    private static String opt(Map<String, String> p, String key, String dflt) {
        String v = Params.get(p, key);
        return v == null ? dflt : v;
    }

    private static int size(long s, boolean allow8) {
        if (s == 1 || s == 2 || s == 4 || (allow8 && s == 8)) return (int) s;
        throw new IllegalArgumentException("bad size " + s);
    }

    private static long quoteStatus(String s) {
        switch (s.trim().toUpperCase(Locale.ROOT)) {
            case "SUCCESS": case "GET_QUOTE_SUCCESS": return HostVmm.GET_QUOTE_SUCCESS;
            case "ERROR": case "GET_QUOTE_ERROR": return HostVmm.GET_QUOTE_ERROR;
            case "SERVICE_UNAVAILABLE": case "GET_QUOTE_SERVICE_UNAVAILABLE": return HostVmm.GET_QUOTE_SERVICE_UNAVAILABLE;
            case "IN_FLIGHT": case "GET_QUOTE_IN_FLIGHT": return -1L;
            default: return Params.parseNumber(s, "status");
        }
    }

    private static void tdConfig(TdxModule m, Map<String, String> p) {
        Td td = m.td;
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            String v = e.getValue();
            switch (k) {
                case "GPAW": {
                    long g = Params.parseNumber(v, k);
                    if (g != 48 && g != 52) throw new IllegalArgumentException("GPAW must be 48 or 52");
                    td.gpaw = (int) g;
                    td.memory.setGpaw(td.gpaw);
                    break;
                }
                case "ATTRIBUTES": td.attributes = Params.parseNumber(v, k); break;
                case "XFAM": td.xfam = Params.parseNumber(v, k); break;
                case "MAX_VCPUS": td.maxVcpus = (int) Params.parseNumber(v, k); break;
                case "NUM_VCPUS": td.numVcpus = (int) Params.parseNumber(v, k); break;
                case "VCPU_INDEX": td.vcpuIndex = (int) Params.parseNumber(v, k); break;
                case "NO_RBP_MOD": td.noRbpMod = Params.bool(v); break;
                case "FLEXIBLE_PENDING_VE": td.flexiblePendingVe = Params.bool(v); break;
                case "PENDING_VE_DISABLE": td.tdCtls = Params.bool(v) ? td.tdCtls | 1 : td.tdCtls & ~1L; break;
                case "VERIFYREPORT": td.verifyReportAvailable = Params.bool(v); break;
                case "SEALING": td.sealing = Params.bool(v); break;
                case "ENABLE_HW_KEYS": td.tdCtls = Params.bool(v) ? td.tdCtls | 0x10 : td.tdCtls & ~0x10L; break;
                case "SEALING_SUPPORTED": td.sealingSupported = Params.bool(v); break;
                case "VERSION":
                    switch (v.trim()) {
                        case "1.0": td.version = 10; break;
                        case "1.5": td.version = 15; break;
                        default: throw new NotSupportedException("module version " + v.trim());
                    }
                    break;
                default: throw new IllegalArgumentException("td.config: unknown key '" + e.getKey() + "'");
            }
        }
    }

    private static void tdVe(TdxModule m, Map<String, String> p) {
        Td td = m.td;
        td.veValid = true;
        td.veExitReason = Params.number(p, "exit-reason", 0) & 0xFFFFFFFFL;
        td.veExitQualification = Params.number(p, "exit-qualification", 0);
        td.veGla = Params.number(p, "gla", 0);
        td.veGpa = Params.number(p, "gpa", 0);
        td.veInstLenAndInfo = (Params.number(p, "instruction-length", 0) & 0xFFFFFFFFL)
                | (Params.number(p, "instruction-info", 0) << 32);
    }

    private static void tdField(TdxModule m, Map<String, String> p) {
        long id = TdMetadata.withContext(Params.number(p, "field"), TdMetadata.CTX_TD);
        int idx = TdMetadata.find(TdMetadata.TD, id);
        if (idx < 0) throw new IllegalArgumentException(String.format("td.field: no TD-scope field 0x%x", id));
        TdMetadata.Field f = TdMetadata.TD[idx];
        m.td.writeTdField(f, (int) (id & 0xFFFFFF) - f.fieldCode(), Params.number(p, "value"));
    }

    private static void hostAnswer(TdxModule m, Map<String, String> p) {
        long sub = GhciSubfunction.parse(req(p, "subfunction"));
        long status = TdVmcallStatus.parse(opt(p, "status", "SUCCESS"));
        String times = Params.get(p, "times");
        int t = times == null || times.trim().equalsIgnoreCase("always") ? -1 : (int) Params.parseNumber(times, "times");
        HostVmm.Answer a = new HostVmm.Answer(Params.number(p, "selector-r10", 0), sub, status, t);
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey().trim();
            Gpr g;
            try {
                g = Gpr.parse(k);
            } catch (IllegalArgumentException notARegister) {
                continue;
            }
            if (g == Gpr.R10) throw new IllegalArgumentException("host.answer: give R10 as 'status'");
            a.regValues[g.ordinal()] = Params.parseNumber(e.getValue(), k);
            a.regSet[g.ordinal()] = true;
        }
        m.host.addAnswer(a);
    }

    private static void hostWrite(TdxModule m, Map<String, String> p) {
        String reg = req(p, "register").trim().toUpperCase(Locale.ROOT);
        String value = req(p, "value");
        if (reg.startsWith("XMM")) {
            int n = Integer.parseInt(reg.substring(3));
            if (n < 0 || n > 15) throw new IllegalArgumentException("no register " + reg);
            long[] v = Params.number128(value, reg);
            m.host.addHostileWrite(16 + n, v[0], v[1]);
        } else {
            m.host.addHostileWrite(Gpr.parse(reg).ordinal(), Params.parseNumber(value, reg), 0);
        }
    }
}
