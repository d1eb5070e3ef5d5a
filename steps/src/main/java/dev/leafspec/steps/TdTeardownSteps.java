package dev.leafspec.steps;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tearing down a host-built TD ({@link TdBuildSteps}) with real SEAMCALLs through {@link World#call}, in the order
 * Linux KVM uses (arch/x86/kvm/vmx/tdx.c): private pages are zapped with TDH.MEM.RANGE.BLOCK, one TDH.MEM.TRACK,
 * then TDH.MEM.PAGE.REMOVE and TDH.PHYMEM.PAGE.WBINVD (with the TD's HKID) per page; tdx_mmu_release_hkid runs
 * TDH.VP.FLUSH for every VCPU on the LP it is associated with, TDH.MNG.VPFLUSHDONE, TDH.PHYMEM.CACHE.WB on the
 * packages' LPs and TDH.MNG.KEY.FREEID; then the remaining pages go back with TDH.PHYMEM.PAGE.RECLAIM: SEPT pages,
 * each VCPU's TDVPS pages and TDVPR, the TDCS pages, and the TDR last (reverse build order).
 *
 * <p>The VMM finds the TD's pages the way a host can: TDH.PHYMEM.PAGE.RDMD over the pages the build handed out
 * (owner = the TDR). Every call's status is checked; a wrong one fails the step with the leaf and status. See
 * docs/steps.md "Tearing a host-built TD down".
 */
public class TdTeardownSteps {
    static final long TDMR_BASE = 0x4000_0000L, FIELD_HKID = 0x8110000100000001L;
    static final long PT_NDA = 0, PT_REG = 3, PT_TDR = 4, PT_TDVPR = 6;
    static final long VCPU_NOT_ASSOCIATED = 0x8000070200000000L;
    /** Teardown stages, in order (the leaf that ends each). */
    static final List<String> STAGES = List.of("TDH.MEM.PAGE.REMOVE", "TDH.VP.FLUSH", "TDH.MNG.VPFLUSHDONE",
            "TDH.PHYMEM.CACHE.WB", "TDH.MNG.KEY.FREEID", "TDH.PHYMEM.PAGE.RECLAIM");

    private final World world;
    private final TdBuildSteps build;
    /** The TD's pages (HPA → PAMT type) found with TDH.PHYMEM.PAGE.RDMD before the teardown, in address order. */
    private final Map<Long, Long> pages = new LinkedHashMap<>();

    public TdTeardownSteps(World world, TdBuildSteps build) {
        this.world = world;
        this.build = build;
    }

    @When("the VMM tears the TD down")
    public void tearDown() {
        tearDownUpTo("TDH.PHYMEM.PAGE.RECLAIM");
    }

    /** Runs the teardown sequence up to and including the stage that {@code leaf} ends (one of {@link #STAGES}). */
    @Given("the VMM has torn the TD down up to {leaf}")
    public void tearDownUpTo(LeafSpec leaf) {
        tearDownUpTo(leaf.leaf());
    }

    @Given("the key ownership table is locked by another flow")
    public void lockKot() {
        world.fixture("host.lock", Map.of("resource", "KOT"));
    }

    @Given("this package's cache write-back is in progress in another flow")
    public void lockWbcache() {
        world.fixture("host.lock", Map.of("resource", "WBCACHE"));
    }

    @Then("TDH.PHYMEM.PAGE.RDMD shows every page of the TD as free")
    public void everyPageFree() {
        assertThat(pages).as("no teardown in this scenario").isNotEmpty();
        for (long p : pages.keySet()) {
            call("TDH.PHYMEM.PAGE.RDMD", "RCX", p);
            assertThat(world.after().gpr(0)).as("TDH.PHYMEM.PAGE.RDMD 0x%x status", p).isZero();
            assertThat(world.after().gpr(1)).as("page type of 0x%x (PT_NDA = 0)", p).isEqualTo(PT_NDA);
            assertThat(world.after().gpr(8)).as("page size of 0x%x", p).isZero();
        }
    }

    @Then("the TD had {int} pages")
    public void pageCount(int n) {
        assertThat(pages).hasSize(n);
    }

    // ------------------------------------------------------------------ the sequence

    private void tearDownUpTo(String lastStage) {
        int upTo = STAGES.indexOf(lastStage.toUpperCase(Locale.ROOT));
        if (upTo < 0) throw new IllegalArgumentException("teardown stages end with one of " + STAGES);
        long tdr = build.resolve("TDR");
        findPages(tdr);
        call("TDH.MNG.RD", "RCX", tdr, "RDX", FIELD_HKID);
        expect("TDH.MNG.RD HKID", 0);
        long hkid = world.after().gpr(8);
        // 1. private pages: block all, one TLB track, then remove and write back each (KVM tdx_sept_zap_private_spte,
        //    tdx_track, tdx_sept_drop_private_spte)
        List<Long> gpas = new ArrayList<>();
        for (int i = 1; ; i++) {
            try {
                gpas.add(build.resolve("GPA_PAGE" + i));
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        for (long gpa : gpas) ok("TDH.MEM.RANGE.BLOCK", "RCX", gpa, "RDX", tdr);
        ok("TDH.MEM.TRACK", "RCX", tdr);
        for (long gpa : gpas) {
            ok("TDH.MEM.PAGE.REMOVE", "RCX", gpa, "RDX", tdr);
            long hpa = world.after().gpr(1);
            ok("TDH.PHYMEM.PAGE.WBINVD", "RCX", hpa | (hkid << 46));
        }
        if (upTo < 1) return;
        // 2. tdx_mmu_release_hkid: flush each VCPU on the LP it is associated with
        for (Map.Entry<Long, Long> e : pages.entrySet()) {
            if (e.getValue() != PT_TDVPR) continue;
            boolean flushed = false;
            for (int lp = 0; !flushed && lp(lp); lp++) {
                long s = call("TDH.VP.FLUSH", "RCX", e.getKey()) & 0xFFFFFFFF00000000L;
                if (s == 0) flushed = true;
                else if (s != VCPU_NOT_ASSOCIATED) fail("TDH.VP.FLUSH", s);
            }
            assertThat(flushed).as("TDH.VP.FLUSH of 0x%x succeeded on no LP", e.getKey()).isTrue();
        }
        lp(0);
        if (upTo < 2) return;
        ok("TDH.MNG.VPFLUSHDONE", "RCX", tdr);
        if (upTo < 3) return;
        // 3. write the caches back on every package (every LP: a package already done succeeds again)
        for (int lp = 0; lp(lp); lp++) ok("TDH.PHYMEM.CACHE.WB", "RCX", 0L);
        lp(0);
        if (upTo < 4) return;
        ok("TDH.MNG.KEY.FREEID", "RCX", tdr);
        if (upTo < 5) return;
        // 4. reclaim in reverse build order: SEPT pages, TDVPS pages and TDVPRs, TDCS pages; the TDR last
        List<Long> order = new ArrayList<>(pages.keySet());
        java.util.Collections.reverse(order);
        for (long p : order) {
            if (p == tdr || pages.get(p) == PT_REG) continue; // private pages went back with TDH.MEM.PAGE.REMOVE
            ok("TDH.PHYMEM.PAGE.RECLAIM", "RCX", p);
            assertThat(world.after().gpr(2)).as("owner of 0x%x", p).isEqualTo(tdr);
        }
        ok("TDH.PHYMEM.PAGE.RECLAIM", "RCX", tdr);
        assertThat(world.after().gpr(1)).as("reclaimed TDR page type").isEqualTo(PT_TDR);
    }

    /** TDH.PHYMEM.PAGE.RDMD over the TDMR pages the build handed out: the TDR and every page it owns. */
    private void findPages(long tdr) {
        pages.clear();
        long end = build.resolve("FREE_PAGE");
        for (long p = TDMR_BASE; p < end; p += 0x1000) {
            call("TDH.PHYMEM.PAGE.RDMD", "RCX", p);
            expect("TDH.PHYMEM.PAGE.RDMD", 0);
            long type = world.after().gpr(1);
            if (type != PT_NDA && (p == tdr || world.after().gpr(2) == tdr)) pages.put(p, type);
        }
    }

    /** Switches to logical processor {@code n}; false when the platform has no such LP. */
    private boolean lp(int n) {
        try {
            world.fixture("platform.lp", Map.of("lp", Integer.toString(n)));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private long call(String leafName, Object... regsAndValues) {
        LeafSpec leaf = world.catalogue.requireLeaf(leafName);
        Map<String, Long> v = new LinkedHashMap<>();
        for (int i = 0; i < regsAndValues.length; i += 2) {
            v.put((String) regsAndValues[i], ((Number) regsAndValues[i + 1]).longValue());
        }
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, v));
        return world.after().gpr(0);
    }

    private void ok(String leafName, Object... regsAndValues) {
        long s = call(leafName, regsAndValues);
        if (s != 0) fail(leafName, s);
    }

    private void expect(String what, long status) {
        long s = world.after().gpr(0);
        if (s != status) fail(what, s);
    }

    private static void fail(String leaf, long status) {
        throw new AssertionError(String.format("tearing the TD down: %s returned 0x%016X", leaf, status));
    }
}
