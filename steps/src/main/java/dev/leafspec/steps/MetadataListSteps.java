package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the metadata list TDG.SYS.RDALL writes and cross-checks it against TDG.SYS.RD, element by element.
 *
 * <p>List format (intel/tdx-module tdx_1.5 {@code metadata_generic.h md_list_header_t}, {@code md_dump_list},
 * {@code md_dump_sequence}; TDX module ABI spec, "Metadata Access: list format"): a u64 header with LIST_BUFF_SIZE in
 * bits 15:0 (bytes used, header included), NUM_SEQUENCES in bits 31:16 and bits 63:32 reserved (0); then NUM_SEQUENCES
 * sequences, each a sequence header (a field ID whose LAST_ELEMENT_IN_FIELD, bits 37:34, is the element count of each
 * field minus one and whose LAST_FIELD_IN_SEQUENCE, bits 46:38, is the field count minus one) followed by one u64 per
 * element. Element {@code k} of a sequence has FIELD_CODE = the header's FIELD_CODE + k.
 */
public class MetadataListSteps {
    private static final long NULL_ID = -1L;
    private static final long LAST_BITS = (0xFL << 34) | (0x1FFL << 38);
    private static final int PAGE = 4096;

    private final World world;
    /** Every element of the dump: field ID (LAST_* bits clear, FIELD_CODE of the element) → value, in list order. */
    private final Map<Long, Long> dumped = new LinkedHashMap<>();
    private long listGpa;

    public MetadataListSteps(World world) {
        this.world = world;
    }

    /**
     * Dumps from the null field ID: calls TDG.SYS.RDALL with RDX = {@code gpa}, R8 = all ones, and again with R8 =
     * the returned field ID while RAX is TDX_METADATA_LIST_OVERFLOW (at most {@link ChainSteps#MAX_REPEATS} calls),
     * decoding and checking the list page after each call.
     */
    @When("the guest dumps the global metadata with TDG.SYS.RDALL into GPA {hex}")
    public void dump(long gpa) {
        LeafSpec rdall = world.catalogue.requireLeaf("TDG.SYS.RDALL");
        long overflow = world.catalogue.tdxStatus().get("TDX_METADATA_LIST_OVERFLOW").value();
        listGpa = gpa;
        dumped.clear();
        long next = NULL_ID;
        for (int call = 1; ; call++) {
            if (call > ChainSteps.MAX_REPEATS) {
                throw new AssertionError(String.format("%s: TDG.SYS.RDALL still reports TDX_METADATA_LIST_OVERFLOW after %d calls"
                        + " (R8 = %s) [SYS.RDALL-2]", world.where(), ChainSteps.MAX_REPEATS, Hex.of(next)));
            }
            world.call(rdall, Instruction.TDCALL, world.prepare(rdall, 0, Map.of("RDX", gpa, "R8", next)));
            long rax = world.after().get(Gpr.RAX);
            if (rax != 0 && (rax & 0xFFFF_FFFF_0000_0000L) != overflow) {
                throw new AssertionError(String.format("%s: TDG.SYS.RDALL call %d: RAX: expected TDX_SUCCESS or"
                        + " TDX_METADATA_LIST_OVERFLOW, got %s [SYS.RDALL-2]", world.where(), call, world.checker.describeStatus(rax)));
            }
            decode(call, MemorySteps.read(world, gpa, PAGE));
            next = world.after().get(Gpr.R8);
            if (rax == 0) {
                if (next != NULL_ID) {
                    throw new AssertionError(String.format("%s: TDG.SYS.RDALL: R8: expected all ones with TDX_SUCCESS, got %s [SYS.RDALL-2]",
                            world.where(), Hex.of(next)));
                }
                return;
            }
        }
    }

    private void decode(int call, byte[] page) {
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        long header = b.getLong(0);
        int size = (int) (header & 0xFFFF);
        int sequences = (int) ((header >>> 16) & 0xFFFF);
        String at = String.format("%s: TDG.SYS.RDALL call %d: the list page at RDX = %s", world.where(), call, Hex.of(listGpa));
        if ((header >>> 32) != 0) {
            throw new AssertionError(String.format("%s: header %s: bits 63:32 are reserved and must be 0 [SYS.RDALL-2]", at, Hex.of(header)));
        }
        if (size < 8 || size > PAGE || size % 8 != 0) {
            throw new AssertionError(String.format("%s: header %s: LIST_BUFF_SIZE %d is not a multiple of 8 between 8 and 4096 [SYS.RDALL-2]",
                    at, Hex.of(header), size));
        }
        int pos = 8;
        for (int s = 0; s < sequences; s++) {
            if (pos + 8 > size) {
                throw new AssertionError(String.format("%s: header says %d sequences in %d bytes, but sequence %d starts at byte %d [SYS.RDALL-2]",
                        at, sequences, size, s, pos));
            }
            long seq = b.getLong(pos);
            int elemsPerField = (int) ((seq >>> 34) & 0xF) + 1;
            int fields = (int) ((seq >>> 38) & 0x1FF) + 1;
            int elements = elemsPerField * fields;
            if (pos + 8 + elements * 8 > size) {
                throw new AssertionError(String.format("%s: sequence %d (header %s: %d fields of %d elements) runs past LIST_BUFF_SIZE %d [SYS.RDALL-2]",
                        at, s, Hex.of(seq), fields, elemsPerField, size));
            }
            long base = seq & ~LAST_BITS;
            for (int k = 0; k < elements; k++) {
                long id = (base & ~0xFF_FFFFL) | (((base & 0xFF_FFFFL) + k) & 0xFF_FFFFL);
                Long old = dumped.put(id, b.getLong(pos + 8 + k * 8));
                if (old != null) {
                    throw new AssertionError(String.format("%s: field ID %s is listed twice [SYS.RDALL-2]", at, Hex.of(id)));
                }
            }
            pos += 8 + elements * 8;
        }
        if (pos != size) {
            throw new AssertionError(String.format("%s: %d sequences end at byte %d, but LIST_BUFF_SIZE is %d [SYS.RDALL-2]",
                    at, sequences, pos, size));
        }
    }

    /** Each dumped element equals what TDG.SYS.RD returns for its field ID. */
    @Then("every dumped element equals what TDG.SYS.RD returns for its field ID")
    public void everyElementMatchesSysRd() {
        if (dumped.isEmpty()) throw new AssertionError(world.where() + ": the TDG.SYS.RDALL dump listed no field [SYS.RDALL-2]");
        LeafSpec rd = world.catalogue.requireLeaf("TDG.SYS.RD");
        List<String> bad = new ArrayList<>();
        for (Map.Entry<Long, Long> e : dumped.entrySet()) {
            world.call(rd, Instruction.TDCALL, world.prepare(rd, 0, Map.of("RDX", e.getKey())));
            RegisterFile a = world.after();
            if (a.get(Gpr.RAX) != 0) {
                bad.add(String.format("field %s: TDG.SYS.RD RAX = %s", Hex.of(e.getKey()), world.checker.describeStatus(a.get(Gpr.RAX))));
            } else if (a.get(Gpr.R8) != e.getValue()) {
                bad.add(String.format("field %s: the list holds %s, TDG.SYS.RD R8 = %s", Hex.of(e.getKey()), Hex.of(e.getValue()),
                        Hex.of(a.get(Gpr.R8))));
            }
        }
        if (!bad.isEmpty()) {
            throw new AssertionError(String.format("%s: TDG.SYS.RDALL list and TDG.SYS.RD disagree (%d of %d elements) [SYS.RDALL-2]:%n  %s",
                    world.where(), bad.size(), dumped.size(), String.join("\n  ", bad)));
        }
    }

    /**
     * The dump lists exactly the elements TDG.SYS.RD walks through: from the null field ID (which answers
     * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT with the first ID in RDX) following NEXT_FIELD_ID until all ones.
     */
    @Then("the dump lists exactly the elements TDG.SYS.RD walks through from the first field")
    public void dumpMatchesWalk() {
        LeafSpec rd = world.catalogue.requireLeaf("TDG.SYS.RD");
        List<Long> walked = new ArrayList<>();
        world.call(rd, Instruction.TDCALL, world.prepare(rd, 0, Map.of("RDX", NULL_ID)));
        long first = world.catalogue.tdxStatus().get("TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT").value();
        if ((world.after().get(Gpr.RAX) & 0xFFFF_FFFF_0000_0000L) != first) {
            throw new AssertionError(String.format("%s: TDG.SYS.RD with the null field ID: RAX: expected"
                    + " TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT, got %s [SYS.RD-2]", world.where(),
                    world.checker.describeStatus(world.after().get(Gpr.RAX))));
        }
        long id = world.after().get(Gpr.RDX);
        while (id != NULL_ID) {
            if (walked.size() > 4096) throw new AssertionError(world.where() + ": TDG.SYS.RD's NEXT_FIELD_ID chain does not end [SYS.RD-2]");
            walked.add(id & ~LAST_BITS);
            world.call(rd, Instruction.TDCALL, world.prepare(rd, 0, Map.of("RDX", id)));
            if (world.after().get(Gpr.RAX) != 0) {
                throw new AssertionError(String.format("%s: TDG.SYS.RD of RDX = %s (a NEXT_FIELD_ID it returned): RAX = %s [SYS.RD-2]",
                        world.where(), Hex.of(id), world.checker.describeStatus(world.after().get(Gpr.RAX))));
            }
            id = world.after().get(Gpr.RDX);
        }
        List<Long> listed = new ArrayList<>(dumped.keySet());
        if (!walked.equals(listed)) {
            throw new AssertionError(String.format("%s: TDG.SYS.RDALL listed %d elements %s, but TDG.SYS.RD's NEXT_FIELD_ID chain in RDX walks %d %s [SYS.RDALL-2]",
                    world.where(), listed.size(), ids(listed), walked.size(), ids(walked)));
        }
    }

    private static String ids(List<Long> ids) {
        List<String> s = new ArrayList<>();
        for (long i : ids) s.add(Hex.of(i));
        return s.toString();
    }
}
