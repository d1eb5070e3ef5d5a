package dev.leafspec.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The TD's guest-physical memory as the module and the host see it.
 *
 * <p><b>Private memory</b> is described by Secure-EPT leaf entries, each a 4 KB, 2 MB or 1 GB page
 * (EPT level 0, 1, 2) in state PENDING (added by the host with TDH.MEM.PAGE.AUG, not yet accepted)
 * or MAPPED (guest-accessible). Only MAPPED pages hold guest data. <b>Shared memory</b> is any GPA
 * with the SHARED bit set: bit 47 when GPAW is 48, bit 51 when GPAW is 52 (TDX module ABI spec,
 * "GPA space"; intel/tdx-module {@code helpers.c get_gpa_shared_bit}); the host backs it on demand.
 *
 * <p>GPA validity follows tdx-module {@code helpers.c check_gpa_validity}: bits 63:52 must be 0, and
 * with GPAW 48 bits 51:48 must also be 0.
 */
final class GuestMemory {
    static final int PENDING = 1;
    static final int MAPPED = 2;

    /** Result of a guest-side access check (tdx-module helpers.c check_walk_and_map_guest_side_gpa). */
    static final int ACCESS_OK = 0;
    /** The GPA is not a valid GPA for the TD (or shared where private is required): TDX_OPERAND_INVALID. */
    static final int ACCESS_INVALID = 1;
    /** No guest-accessible private page: the module does an EPT-violation TD exit to the host VMM. */
    static final int ACCESS_EPT_VIOLATION = 2;
    /** The private page is PENDING: #VE to the guest (or a TD exit when PENDING_VE_DISABLE is set). */
    static final int ACCESS_PENDING = 3;

    static final class Leaf {
        final long base;
        final int level;
        int state;

        Leaf(long base, int level, int state) {
            this.base = base;
            this.level = level;
            this.state = state;
        }

        long size() {
            return levelSize(level);
        }
    }

    private final NavigableMap<Long, Leaf> leaves = new TreeMap<>();
    private final Map<Long, byte[]> privatePages = new HashMap<>();
    private final Map<Long, byte[]> sharedPages = new HashMap<>();
    private int gpaw = 48;

    static long levelSize(int level) {
        return 1L << (12 + 9 * level);
    }

    /** The keys of the default private memory (1 MB..2 MB in 4 KB pages); reset copies them in linear time. */
    private static final NavigableMap<Long, Leaf> DEFAULT_PAGES = new TreeMap<>();

    static {
        for (long gpa = 0x100000L; gpa < 0x200000L; gpa += 0x1000L) DEFAULT_PAGES.put(gpa, null);
    }

    void reset(int gpaw) {
        this.gpaw = gpaw;
        leaves.clear();
        privatePages.clear();
        sharedPages.clear();
        // the 1 MB..2 MB range, 4 KB pages, MAPPED: putAll of a sorted map into an empty TreeMap builds the tree in
        // one pass (no per-key rebalancing); each page then gets its own fresh, mutable Leaf
        leaves.putAll(DEFAULT_PAGES);
        for (Map.Entry<Long, Leaf> e : leaves.entrySet()) e.setValue(new Leaf(e.getKey(), 0, MAPPED));
    }

    /** No private pages at all (the guest-side view of a host-built TD before its SEPT is mirrored in). */
    void clear() {
        leaves.clear();
        privatePages.clear();
        sharedPages.clear();
    }

    /** @return a snapshot of the private leaf entries, by GPA */
    java.util.List<Leaf> leafList() {
        return new java.util.ArrayList<>(leaves.values());
    }

    void setGpaw(int gpaw) {
        this.gpaw = gpaw;
    }

    /** @return the SHARED bit mask: bit GPAW-1 */
    long sharedBit() {
        return 1L << (gpaw - 1);
    }

    boolean isShared(long gpa) {
        return (gpa & sharedBit()) != 0;
    }

    /** tdx-module check_gpa_validity. */
    boolean isValidGpa(long gpa, boolean privateOnly) {
        if (privateOnly && isShared(gpa)) return false;
        if ((gpa & ~((1L << 52) - 1)) != 0) return false;
        return gpaw == 52 || (gpa & 0x000F000000000000L) == 0;
    }

    /** @return the leaf entry whose page contains {@code gpa}, or null */
    Leaf find(long gpa) {
        Map.Entry<Long, Leaf> e = leaves.floorEntry(gpa);
        if (e == null) return null;
        Leaf l = e.getValue();
        return gpa < l.base + l.size() ? l : null;
    }

    /** @return true if a leaf entry starts inside [base, base+size) */
    boolean anyLeafWithin(long base, long size) {
        return !leaves.subMap(base, true, base + size, false).isEmpty();
    }

    /** Adds a leaf in {@code state}, replacing smaller leaves inside it. */
    void addLeaf(long gpa, int level, int state) {
        long size = levelSize(level);
        if ((gpa & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format("GPA 0x%x is not aligned to the page level %d", gpa, level));
        }
        if (!isValidGpa(gpa, true)) {
            throw new IllegalArgumentException(String.format("GPA 0x%x is not a valid private GPA", gpa));
        }
        Leaf container = find(gpa);
        if (container != null && container.level > level) {
            throw new IllegalArgumentException(String.format("GPA 0x%x is inside an existing larger page", gpa));
        }
        leaves.subMap(gpa, true, gpa + size, false).clear();
        leaves.put(gpa, new Leaf(gpa, level, state));
        zeroPrivate(gpa, size);
    }

    /** Removes every private page overlapping [base, base+size) (TDH.MEM.PAGE.REMOVE after MapGPA to shared). */
    void removePrivate(long base, long size) {
        Leaf c = find(base);
        if (c != null) leaves.remove(c.base);
        leaves.subMap(base, true, base + size, false).clear();
        zeroPrivate(base, size);
    }

    /** Splits a leaf into 512 leaves one level down, same state (TDH.MEM.PAGE.DEMOTE). */
    void demote(Leaf l) {
        long child = levelSize(l.level - 1);
        leaves.remove(l.base);
        for (int i = 0; i < 512; i++) {
            long b = l.base + i * child;
            leaves.put(b, new Leaf(b, l.level - 1, l.state));
        }
    }

    /** Accepts a PENDING leaf: it becomes MAPPED and its contents read as zero (tdg_mem_page_accept.c init_sept_4k_page). */
    void accept(Leaf leaf) {
        leaf.state = MAPPED;
        zeroPrivate(leaf.base, leaf.size());
    }

    private void zeroPrivate(long base, long size) {
        if (privatePages.isEmpty()) return;
        long first = base >>> 12;
        long last = (base + size - 1) >>> 12;
        if (last - first < privatePages.size()) {
            for (long p = first; p <= last; p++) privatePages.remove(p);
        } else {
            privatePages.keySet().removeIf(p -> p >= first && p <= last);
        }
    }

    /**
     * Guest-side access check for a module memory operand of {@code length} bytes (which the module
     * requires to lie within one page).
     */
    int checkGuestAccess(long gpa, boolean privateOnly) {
        if (!isValidGpa(gpa, privateOnly)) return ACCESS_INVALID;
        if (isShared(gpa)) return ACCESS_OK;
        Leaf l = find(gpa);
        if (l == null) return ACCESS_EPT_VIOLATION;
        return l.state == MAPPED ? ACCESS_OK : ACCESS_PENDING;
    }

    /** Reads bytes; private pages must be MAPPED. @throws IllegalArgumentException otherwise */
    byte[] read(long gpa, int length) {
        checkRange(gpa, length);
        byte[] out = new byte[length];
        boolean shared = isShared(gpa);
        long addr = shared ? gpa & ~sharedBit() : gpa;
        int done = 0;
        while (done < length) {
            long page = (addr + done) >>> 12;
            int off = (int) ((addr + done) & 0xFFF);
            int n = Math.min(length - done, 4096 - off);
            byte[] data = (shared ? sharedPages : privatePages).get(page);
            if (data != null) System.arraycopy(data, off, out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes bytes; private pages must be MAPPED. @throws IllegalArgumentException otherwise */
    void write(long gpa, byte[] bytes) {
        write(gpa, bytes, bytes.length);
    }

    /** Writes the first {@code length} bytes of {@code bytes}; private pages must be MAPPED. */
    void write(long gpa, byte[] bytes, int length) {
        checkRange(gpa, length);
        boolean shared = isShared(gpa);
        long addr = shared ? gpa & ~sharedBit() : gpa;
        Map<Long, byte[]> pages = shared ? sharedPages : privatePages;
        int done = 0;
        while (done < length) {
            long page = (addr + done) >>> 12;
            int off = (int) ((addr + done) & 0xFFF);
            int n = Math.min(length - done, 4096 - off);
            pages.computeIfAbsent(page, k -> new byte[4096]);
            System.arraycopy(bytes, done, pages.get(page), off, n);
            done += n;
        }
    }

    private void checkRange(long gpa, int length) {
        if (length < 0) throw new IllegalArgumentException("negative length");
        if (length == 0) return;
        long last = gpa + length - 1;
        boolean shared = isShared(gpa);
        if (!isValidGpa(gpa, false) || !isValidGpa(last, false) || shared != isShared(last)) {
            throw new IllegalArgumentException(String.format("GPA range 0x%x+%d is not valid for this TD", gpa, length));
        }
        if (shared) return;
        for (long a = gpa & ~0xFFFL; a <= last; a += 0x1000L) {
            Leaf l = find(a);
            if (l == null || l.state != MAPPED) {
                throw new IllegalArgumentException(String.format("GPA 0x%x is not mapped (accepted private page) in the TD", a));
            }
        }
    }
}
