package dev.leafspec.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small leaf-specs root in a temp folder, with catalogues and a valid spec whose line numbers the tests rely on. */
final class TestRoot {
    static final String TDX_STATUS = """
            source: "test catalogue"
            codes:
              - { name: TDX_SUCCESS, value: 0 }
              - { name: TDX_OPERAND_INVALID, value: 0xC000010000000000, class: "0x01", error: true, non-recoverable: true }
              - { name: TDX_TD_FATAL, values-by-version: { "1.0": 0x6000060400000000, "1.5": 0xE000060400000000 } }
            """;
    static final String OPERAND_IDS = """
            source: [test]
            operands:
              - { name: RCX, value: 1 }
              - { name: TDR, value: 128 }
            """;
    static final String TDVMCALL_STATUS = """
            source: test
            codes:
              - { name: TDG.VP.VMCALL_SUCCESS, value: 0 }
              - { name: TDG.VP.VMCALL_RETRY, value: 1 }
              - { name: TDG.VP.VMCALL_INVALID_OPERAND, value: 0x8000000000000000, error: true }
            """;

    /** A valid TDCALL spec; tests replace single lines, so keep the line numbers in the comments right. */
    static final String LEAF = """
            leaf: TDG.TEST.LEAF
            instruction: TDCALL
            number: 7
            versions: [0, 1]
            version-notes: { 1: "adds R8" }
            since: "1.0"
            summary: A test leaf.
            source:
              - "spec section 1"
            inputs:
              RCX:
                name: GPA_AND_LEVEL
                align: 4096
                fields:
                  - { name: LEVEL, bits: "2:0", values: { 0: 4KB, 1: 2MB } }
                  - { bits: "11:3", reserved: zero }
                  - { name: GPA, bits: "51:12" }
                  - { bits: "63:52", reserved: zero }
            outputs:
              RDX:
                fields:
                  - { name: VALUE, bits: "63:0" }
            outputs-on-error: zeroed
            preserved: [RBX, RSI]
            vector-state: preserved
            status:
              register: RAX
              codes:
                - { code: TDX_SUCCESS }
                - { code: TDX_OPERAND_INVALID, operand: RCX, when: "bad RCX" }
            rules:
              - { id: TEST-1, text: "It works." }
            example:
              inputs: { RCX: 0xC000010000000000 }
              status: TDX_SUCCESS
            """;
    // line map of LEAF: 1 leaf, 3 number, 4 versions, 6 since, 7 summary, 8 source, 11 RCX, 13 align,
    // 15..18 RCX fields, 19 outputs, 23 outputs-on-error, 24 preserved, 25 vector-state, 29/30 status codes,
    // 32 rule, 34 example inputs, 35 example status

    /** A valid TDG.VP.VMCALL sub-function spec using every optional key. */
    static final String SUBFUNCTION = """
            leaf: TDG.VP.VMCALL<MapGPA>
            instruction: TDCALL
            number: 0
            subfunction: { R10: 0, R11: 0x10001 }
            versions: [0]
            since: "1.0"
            until: "1.5"
            summary: Map a GPA range.
            source: ["GHCI 1.0, TDG.VP.VMCALL<MapGPA>"]
            inputs:
              RCX:
                fields:
                  - { name: GPR_SELECT, bits: "15:0" }
                  - { name: XMM_SELECT, bits: "31:16" }
                  - { bits: "63:32", reserved: zero }
              R12: { name: START_GPA, since: "1.5", align: 4096, fields: [ { name: GPA, bits: "63:0", note: "start" } ] }
              XMM0: { fields: [ { name: LOW, bits: "63:0" }, { bits: "127:64", reserved: ignored } ] }
            outputs:
              R10: { fields: [ { name: STATUS, bits: "63:0" } ] }
              R11: { fields: [ { name: RESUME_GPA, bits: "63:0" } ] }
            outputs-on-error: unchanged
            preserved: all-other-gprs
            clobbered:
              - { register: RBP, unless: NO_RBP_MOD, since: "1.5", note: "host may change it" }
            vector-state: { xmm: passed-by-bitmap, avx: preserved, avx512: reset-to-init, note: "only XMM is shared" }
            bitmap:
              register: RCX
              gprs: "15:0"
              xmms: "31:16"
              reserved: "63:32"
              forbidden: [RAX, RCX, RSP]
              forbidden-when:
                - { register: RBP, when: NO_RBP_MOD }
            status:
              register: RAX
              codes:
                - { code: TDX_SUCCESS }
                - { code: TDX_OPERAND_INVALID, operand: RCX, since: "1.0", until: "1.5", when: "bad bitmap" }
            leaf-status:
              register: R10
              codes:
                - { code: TDG.VP.VMCALL_SUCCESS }
                - { code: TDG.VP.VMCALL_RETRY, outputs: [R11], when: "partial" }
            caller:
              must-select: [R10, R11, R12, R13]
              zero-unselected-inputs: true
              check-rax-before: R10
              handle-retry: true
              notes: "retry from R11"
            rules:
              - { id: MAPGPA-1, text: "R12 is 4 KB aligned." }
              - { id: MAPGPA-2, text: "RETRY leaves the resume GPA in R11." }
            disagreements:
              - { about: "retry count", values: { "1.0": 3, "1.5": unlimited }, source: ["Linux", "td-shim"] }
            notes: |
              free text
            example:
              inputs: { RCX: 0x3C00, R10: 0, R11: 0x10001, R12: 0x800000100000, R13: 18446744073709551615 }
              status: TDX_SUCCESS
            """;

    final Path root;

    TestRoot(Path tmp) {
        this.root = tmp.resolve("leaf-specs");
        write("status/tdx-status.yaml", TDX_STATUS);
        write("status/operand-ids.yaml", OPERAND_IDS);
        write("status/tdvmcall-status.yaml", TDVMCALL_STATUS);
    }

    Path write(String rel, String text) {
        Path p = root.resolve(rel);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Writes {@code yaml} as tdcall/test.yaml and lints just that file. */
    List<SpecError> lintLeaf(String yaml) {
        return lint(write("tdcall/test.yaml", yaml));
    }

    static List<SpecError> lint(Path... paths) {
        return SpecLoader.lint(List.of(paths)).errors();
    }

    /** {@code text} with 1-based line {@code n} replaced by {@code replacement} (which may hold several lines). */
    static String replaceLine(String text, int n, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        assertThat(n).isBetween(1, lines.size());
        lines.set(n - 1, replacement);
        return String.join("\n", lines);
    }

    /** {@code text} without 1-based line {@code n}. */
    static String removeLine(String text, int n) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(n - 1);
        return String.join("\n", lines);
    }
}
