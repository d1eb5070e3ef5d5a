package dev.leafspec.engine;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The link between a host-built TD ({@link SeamHost.TdCtx}) and its guest side ({@link Td}), so the TDCALL leaves a
 * guest program runs under TDH.VP.ENTER act on the TD the VMM built.
 *
 * <p>Each host TD record owns one guest-side {@code Td}, created at the TD's first TDH.VP.ENTER. Its configuration
 * comes from what TDH.MNG.INIT took from TD_PARAMS: ATTRIBUTES, XFAM, MAX_VCPUS, CONFIG_FLAGS (bit 0 GPAW 52, bit 1
 * FLEXIBLE_PENDING_VE, bit 2 NO_RBP_MOD), TSC_FREQUENCY, MRCONFIGID/MROWNER/MROWNERCONFIG, and MRTD from TDH.MR.FINALIZE;
 * the module version is 1.5; NUM_VCPUS is the number of TDH.VP.CREATE'd VCPUs; VCPU_INDEX is that of the VCPU being
 * entered. It has no private memory of its own (none of the default TD's accepted pages at 0x100000).
 *
 * <p><b>Memory</b>: the guest's private memory is the TD's Secure EPT. At every TD entry ({@link #syncIn}) each SEPT leaf
 * entry is mirrored: MAPPED (TDH.MEM.PAGE.ADD, or accepted) as a guest-accessible page holding the contents of its host
 * page, PENDING (TDH.MEM.PAGE.AUG) as a page the guest must accept; other states (e.g. BLOCKED) and GPAs with no leaf
 * are not mapped, so a guest access makes the module do an EPT-violation TD exit. At every TD exit ({@link #syncOut})
 * pages the guest accepted become MAPPED in the SEPT, and the contents of mapped pages are written back to their host
 * pages (the model keeps one plaintext copy; the real module writes through the TD's private key).
 */
final class HostTdGuest {
    private HostTdGuest() {
    }

    /** @return the TD's guest side, created on first use */
    static Td of(SeamHost.TdCtx td) {
        if (td.guest == null) {
            Td g = new Td();
            g.version = 15;
            g.gpaw = td.gpaw();
            g.attributes = td.attributes;
            g.xfam = td.xfam;
            g.maxVcpus = td.maxVcpus;
            g.numVcpus = td.numVcpus;
            g.noRbpMod = (td.configFlags & 4) != 0;
            g.flexiblePendingVe = (td.configFlags & 2) != 0;
            g.tscFrequency = td.tscFrequency;
            System.arraycopy(td.mrtdValue, 0, g.mrtd, 0, 48);
            System.arraycopy(td.mrConfigId, 0, g.mrConfigId, 0, 48);
            System.arraycopy(td.mrOwner, 0, g.mrOwner, 0, 48);
            System.arraycopy(td.mrOwnerConfig, 0, g.mrOwnerConfig, 0, 48);
            System.arraycopy(td.servtdHash, 0, g.servtdHash, 0, 48);
            System.arraycopy(td.uuid, 0, g.tdUuid, 0, 4);
            g.memory.clear();
            g.memory.setGpaw(g.gpaw);
            td.guest = g;
        }
        return td.guest;
    }

    /** Mirrors the SEPT leaf entries into the guest's memory (see the class comment). */
    static void syncIn(SeamHost h, SeamHost.TdCtx td, Td g) {
        g.numVcpus = td.numVcpus;
        Set<Long> present = new HashSet<>();
        for (Map.Entry<Long, SeamHost.SeptEntry> e : td.sept.entrySet()) {
            SeamHost.SeptEntry s = e.getValue();
            int level = (int) (e.getKey() & 7);
            long gpa = (e.getKey() >>> 3) << 12;
            if (!s.leaf) continue;
            int want = s.state == SeamHost.SEPT_PENDING ? GuestMemory.PENDING
                    : s.state == SeamHost.SEPT_MAPPED ? GuestMemory.MAPPED : 0;
            if (want == 0) continue;
            present.add(gpa);
            GuestMemory.Leaf l = g.memory.find(gpa);
            if (l != null && l.base == gpa && l.level == level) {
                l.state = want;
                // the host may have changed the page since the last exit (TDH.MEM.WR of a debug TD)
                if (want == GuestMemory.MAPPED) g.memory.write(gpa, h.read(s.hpa, (int) SeamHost.levelSize(level)));
                continue;
            }
            g.memory.removePrivate(gpa, SeamHost.levelSize(level));
            g.memory.addLeaf(gpa, level, want);
            if (want == GuestMemory.MAPPED) g.memory.write(gpa, h.read(s.hpa, (int) SeamHost.levelSize(level)));
        }
        for (GuestMemory.Leaf l : g.memory.leafList()) {
            if (!present.contains(l.base)) g.memory.removePrivate(l.base, l.size());
        }
    }

    /** Writes accepted pages and mapped page contents back to the SEPT and host memory. */
    static void syncOut(SeamHost h, SeamHost.TdCtx td, Td g) {
        for (GuestMemory.Leaf l : g.memory.leafList()) {
            SeamHost.SeptEntry s = td.sept.get(SeamHost.septKey(l.base, l.level));
            if (s == null || !s.leaf) continue;
            if (l.state == GuestMemory.MAPPED) {
                if (s.state == SeamHost.SEPT_PENDING) s.state = SeamHost.SEPT_MAPPED;
                if (s.state == SeamHost.SEPT_MAPPED) h.write(s.hpa, g.memory.read(l.base, (int) l.size()));
            }
        }
    }
}
