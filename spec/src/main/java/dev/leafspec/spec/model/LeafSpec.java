package dev.leafspec.spec.model;

import dev.leafspec.api.Instruction;

import java.util.List;
import java.util.Map;

/**
 * One leaf's register contract, loaded from a file under {@code leaf-specs/}.
 * See docs/leaf-spec-format.md for the meaning of each key.
 */
public record LeafSpec(
        String file,
        String leaf,
        Instruction instruction,
        int number,
        Subfunction subfunction,
        List<Integer> versions,
        Map<Integer, String> versionNotes,
        String since,
        String until,
        String summary,
        List<String> source,
        Map<String, RegisterBlock> inputs,
        Map<String, RegisterBlock> outputs,
        OutputsOnError outputsOnError,
        Preservation preserved,
        List<Clobber> clobbered,
        VectorState vectorState,
        Bitmap bitmap,
        StatusBlock status,
        StatusBlock leafStatus,
        CallerObligations caller,
        List<Rule> rules,
        List<Disagreement> disagreements,
        String notes,
        Example example) {

    /** @return true for a TDG.VP.VMCALL sub-function spec */
    public boolean isSubfunction() {
        return subfunction != null;
    }

    /** @return the leaf's area for reports: tdcall, tdvmcall or seamcall */
    public String area() {
        if (isSubfunction()) return "tdvmcall";
        return instruction == Instruction.TDCALL ? "tdcall" : "seamcall";
    }

    /** @return the GHCI sub-function name inside {@code TDG.VP.VMCALL<...>}, or null */
    public String subfunctionName() {
        int lt = leaf.indexOf('<');
        return lt < 0 ? null : leaf.substring(lt + 1, leaf.length() - 1);
    }
}
