package dev.leafspec.steps;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.java.en.Given;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secure-EPT set-ups for a host-built TD ({@link TdBuildSteps}) with real SEAMCALLs through {@link World#call}: a run
 * of TDH.MEM.PAGE.AUG or TDH.MEM.PAGE.ADD calls (the 512 pages a TDH.MEM.PAGE.PROMOTE merges), a DEBUG TD, and a page held by another flow (fixture
 * {@code host.lock}). Every call's status is checked; a wrong one fails the step with the leaf, the GPA and the status.
 * See docs/steps.md "Secure EPT set-ups".
 */
public class SeptSteps {
    private final World world;
    private final TdBuildSteps build;

    public SeptSteps(World world, TdBuildSteps build) {
        this.world = world;
        this.build = build;
    }

    /**
     * TDH.MEM.PAGE.AUG (RCX = GPA | level 0, RDX = TDR, R8 = HPA) of {@code count} consecutive 4 KB pages: page i at
     * GPA {@code gpa} + i x 4 KB onto host page {@code hpa} + i x 4 KB; each must return TDX_SUCCESS.
     */
    @Given("the VMM adds {int} pending 4K pages with TDH.MEM.PAGE.AUG from GPA {hex} onto host pages from {hex}")
    public void augRange(int count, Long gpa, Long hpa) {
        LeafSpec aug = world.catalogue.requireLeaf("TDH.MEM.PAGE.AUG");
        long tdr = build.resolve("TDR");
        for (int i = 0; i < count; i++) {
            Map<String, Long> v = new LinkedHashMap<>();
            v.put("RCX", gpa + 0x1000L * i);
            v.put("RDX", tdr);
            v.put("R8", hpa + 0x1000L * i);
            world.call(aug, Instruction.SEAMCALL, world.prepare(aug, 0, v));
            long status = world.after().gpr(0);
            if (status != 0) {
                throw new AssertionError(String.format("TDH.MEM.PAGE.AUG of GPA 0x%x onto HPA 0x%x returned 0x%016X",
                        gpa + 0x1000L * i, hpa + 0x1000L * i, status));
            }
        }
    }

    /**
     * TDH.MEM.PAGE.ADD (RCX = GPA, RDX = TDR, R8 = HPA, R9 = the build's source page) of {@code count} consecutive 4 KB
     * pages of a TD not finalized yet: page i at GPA {@code gpa} + i x 4 KB onto host page {@code hpa} + i x 4 KB, each
     * a MAPPED page holding the source page's bytes; each must return TDX_SUCCESS.
     */
    @Given("the VMM adds {int} 4K pages with TDH.MEM.PAGE.ADD from GPA {hex} onto host pages from {hex}")
    public void addRange(int count, Long gpa, Long hpa) {
        LeafSpec add = world.catalogue.requireLeaf("TDH.MEM.PAGE.ADD");
        long tdr = build.resolve("TDR"), source = build.resolve("SOURCE_PAGE");
        for (int i = 0; i < count; i++) {
            Map<String, Long> v = new LinkedHashMap<>();
            v.put("RCX", gpa + 0x1000L * i);
            v.put("RDX", tdr);
            v.put("R8", hpa + 0x1000L * i);
            v.put("R9", source);
            world.call(add, Instruction.SEAMCALL, world.prepare(add, 0, v));
            long status = world.after().gpr(0);
            if (status != 0) {
                throw new AssertionError(String.format("TDH.MEM.PAGE.ADD of GPA 0x%x onto HPA 0x%x returned 0x%016X",
                        gpa + 0x1000L * i, hpa + 0x1000L * i, status));
            }
        }
    }

    /** TD_PARAMS.ATTRIBUTES bit 0 (DEBUG) for the TD built next: TDH.MEM.RD/WR need it. Write it before {@code a TD built with ...}. */
    @Given("the VMM creates the TD with ATTRIBUTES.DEBUG")
    public void debug() {
        build.attributes |= 1L;
    }

    /** Fixture {@code host.lock}: the PAMT entry of the page at {@code hpa} is held by another flow. */
    @Given("the host page at {hex} is locked by another flow")
    public void lockPage(Long hpa) {
        world.fixture("host.lock", Map.of("hpa", String.format("0x%x", hpa)));
    }
}
