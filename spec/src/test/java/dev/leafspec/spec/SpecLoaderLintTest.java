package dev.leafspec.spec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.leafspec.spec.TestRoot.LEAF;
import static dev.leafspec.spec.TestRoot.SUBFUNCTION;
import static dev.leafspec.spec.TestRoot.removeLine;
import static dev.leafspec.spec.TestRoot.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of error is caught, at the right file:line:column and key path. */
class SpecLoaderLintTest {
    @TempDir
    Path tmp;
    TestRoot t;

    @BeforeEach
    void setUp() {
        t = new TestRoot(tmp);
    }

    /** Asserts that exactly one error sits at line:column with this key path, and its message contains {@code text}. */
    static void assertError(List<SpecError> errors, int line, int column, String path, String text) {
        assertThat(errors)
                .as("errors were:%n%s", String.join("\n", errors.stream().map(SpecError::toString).toList()))
                .filteredOn(e -> e.line() == line && e.column() == column && e.keyPath().equals(path) && e.message().contains(text))
                .hasSize(1);
    }

    static void assertOnly(List<SpecError> errors, int line, int column, String path, String text) {
        assertError(errors, line, column, path, text);
        assertThat(errors).hasSize(1);
    }

    @Test
    void theFixturesAreValid() {
        assertThat(t.lintLeaf(LEAF)).isEmpty();
        assertThat(TestRoot.lint(t.write("tdvmcall/mapgpa.yaml", SUBFUNCTION))).isEmpty();
        assertThat(TestRoot.lint(t.root)).isEmpty();
    }

    @Test
    void yamlSyntaxErrorCarriesThePositionOfTheProblem() {
        List<SpecError> e = t.lintLeaf(replaceLine(LEAF, 7, "summary: A: b"));
        assertOnly(e, 7, 11, "", "mapping values are not allowed");
        assertThat(e.get(0).message()).startsWith("YAML syntax error");
        assertThat(e.get(0).file()).endsWith("test.yaml");
    }

    @Test
    void emptyFileIsAnError() {
        assertOnly(t.lintLeaf("# only a comment\n"), 1, 1, "", "empty");
    }

    @Nested
    class Keys {
        @Test
        void misspeltTopLevelKeySuggestsTheClosestKey() {
            List<SpecError> e = t.lintLeaf(replaceLine(LEAF, 19, "ouputs:"));
            assertError(e, 19, 1, "ouputs", "unknown key 'ouputs' (did you mean 'outputs'?)");
            assertError(e, 1, 1, "outputs", "missing required key 'outputs'");
            assertThat(e).hasSize(2);
        }

        @Test
        void misspeltNestedKey() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 12, "    nmae: GPA_AND_LEVEL")), 12, 5, "inputs.RCX.nmae",
                    "unknown key 'nmae' (did you mean 'name'?)");
            assertError(t.lintLeaf(replaceLine(LEAF, 16, "      - { bits: \"11:3\", reserverd: zero }")), 16, 25,
                    "inputs.RCX.fields[1].reserverd", "did you mean 'reserved'?");
        }

        @Test
        void unknownKeyFarFromAnyKnownKey() {
            List<SpecError> e = t.lintLeaf(LEAF + "colour: blue\n");
            assertOnly(e, 36, 1, "colour", "unknown key 'colour'");
            assertThat(e.get(0).message()).doesNotContain("did you mean");
        }

        @Test
        void duplicateKeys() {
            assertOnly(t.lintLeaf(LEAF + "summary: again\n"), 36, 1, "summary", "duplicate key 'summary' (first at line 7)");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 22, "      - { name: VALUE, bits: \"63:0\", bits: \"1:0\" }")),
                    22, 38, "outputs.RDX.fields[0].bits", "duplicate key 'bits'");
        }

        @Test
        void missingRequiredKey() {
            assertOnly(t.lintLeaf(removeLine(LEAF, 6)), 1, 1, "since", "missing required key 'since'");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 30, "    - { when: always }")), 30, 7, "status.codes[1].code",
                    "missing required key 'code'");
        }
    }

    @Nested
    class Types {
        @Test
        void stringWhereANumberIsExpected() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 3, "number: seven")), 3, 9, "number", "expected a number (decimal or 0x hex), got 'seven'");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 3, "number: \"7\"")), 3, 9, "number", "quoted");
        }

        @Test
        void badHex() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 13, "    align: 0x10G0")), 13, 12, "inputs.RCX.align", "bad hex number '0x10G0'");
        }

        @Test
        void numberWhereAStringIsExpected() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 7, "summary: 42")), 7, 10, "summary", "expected a string, got number 42");
        }

        @Test
        void listWhereAMappingIsExpected() {
            assertOnly(t.lintLeaf(replaceLine(removeLine(removeLine(LEAF, 35), 34), 33, "example: [1, 2]")), 33, 10, "example", "expected a mapping, got a list");
        }

        @Test
        void valuesAboveSixtyFourBitsAndNegativeValues() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 34, "  inputs: { RCX: 0x1C000010000000000 }")), 34, 18, "example.inputs.RCX",
                    "does not fit in 64 bits");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 34, "  inputs: { RCX: 18446744073709551616 }")), 34, 18, "example.inputs.RCX",
                    "does not fit in 64 bits");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 34, "  inputs: { RCX: -1 }")), 34, 18, "example.inputs.RCX", "negative");
            assertThat(t.lintLeaf(replaceLine(LEAF, 34, "  inputs: { RCX: 18446744073709551615 }"))).isEmpty();
        }

        @Test
        void fieldValueMustFitTheField() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 15, "      - { name: LEVEL, bits: \"2:0\", values: { 0: 4KB, 8: huge } }")),
                    15, 55, "inputs.RCX.fields[0].values.8", "does not fit in the field's 3 bit(s)");
        }

        @Test
        void alignMustBeAPowerOfTwo() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 13, "    align: 4095")), 13, 12, "inputs.RCX.align", "power of two");
        }
    }

    @Nested
    class BitRanges {
        @Test
        void malformed() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 15, "      - { name: LEVEL, bits: \"2-0\" }")), 15, 30,
                    "inputs.RCX.fields[0].bits", "malformed bit range '2-0'");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 15, "      - { name: LEVEL, bits: 2 }")), 15, 30,
                    "inputs.RCX.fields[0].bits", "malformed bit range '2'");
        }

        @Test
        void highBelowLow() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 15, "      - { name: LEVEL, bits: \"0:2\" }")), 15, 30,
                    "inputs.RCX.fields[0].bits", "high < low");
        }

        @Test
        void beyondBit63OfAGpr() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 18, "      - { bits: \"64:52\", reserved: zero }")), 18, 17,
                    "inputs.RCX.fields[3].bits", "exceeds bit 63");
        }

        @Test
        void xmmFieldsGoTo127() {
            String xmm = "      - { name: VALUE, bits: \"63:0\" }\n  XMM1:\n    fields:\n      - { name: X, bits: \"%s\" }";
            assertThat(t.lintLeaf(replaceLine(LEAF, 22, xmm.formatted("127:0")))).isEmpty();
            assertOnly(t.lintLeaf(replaceLine(LEAF, 22, xmm.formatted("128:0"))), 25, 26, "outputs.XMM1.fields[0].bits",
                    "exceeds bit 127");
        }

        @Test
        void overlappingFieldsOfOneRegister() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 17, "      - { name: GPA, bits: \"51:11\" }")), 17, 28,
                    "inputs.RCX.fields[2].bits", "overlap fields[1] (reserved, bits 11:3)");
        }

        @Test
        void bitmapRangesAreCheckedToo() {
            String bad = replaceLine(SUBFUNCTION, 29, "  xmms: \"31:15\"");
            assertOnly(TestRoot.lint(t.write("tdvmcall/mapgpa.yaml", bad)), 29, 9, "bitmap.xmms", "overlap gprs 15:0");
        }
    }

    @Nested
    class Registers {
        @Test
        void unknownRegisterName() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 11, "  RCZ:")), 11, 3, "inputs.RCZ", "unknown register 'RCZ' (did you mean 'RCX'?)");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 24, "preserved: [RBX, RSX]")), 24, 18, "preserved[1]", "unknown register 'RSX'");
        }

        @Test
        void registerBothPreservedAndOutput() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 24, "preserved: [RBX, RDX]")), 24, 18, "preserved[1]",
                    "register RDX is listed both in preserved and in outputs");
        }

        @Test
        void raxIsNotAnInputAndTheStatusRegisterIsNotAnOutput() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 11, "  RAX:")), 11, 3, "inputs.RAX", "RAX holds the leaf number");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 20, "  RAX:")), 20, 3, "outputs.RAX", "status register");
        }
    }

    @Nested
    class Names {
        @Test
        void unknownStatusName() {
            List<SpecError> e = t.lintLeaf(replaceLine(LEAF, 29, "    - { code: TDX_SUCCES }"));
            assertError(e, 29, 15, "status.codes[0].code",
                    "unknown status 'TDX_SUCCES' (not in status/tdx-status.yaml; did you mean 'TDX_SUCCESS'?)");
            assertError(e, 35, 11, "example.status", "example status 'TDX_SUCCESS' is not listed in status.codes");
            assertThat(e).hasSize(2);
        }

        @Test
        void leafStatusNamesComeFromTheTdvmcallCatalogue() {
            List<SpecError> e = TestRoot.lint(t.write("tdvmcall/mapgpa.yaml",
                    replaceLine(SUBFUNCTION, 42, "    - { code: TDX_SUCCESS }")));
            assertOnly(e, 42, 15, "leaf-status.codes[0].code", "unknown status 'TDX_SUCCESS' (not in status/tdvmcall-status.yaml");
        }

        @Test
        void unknownOperandName() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 30, "    - { code: TDX_OPERAND_INVALID, operand: RCQ, when: \"bad RCX\" }")),
                    30, 45, "status.codes[1].operand", "unknown operand 'RCQ' (not in status/operand-ids.yaml; did you mean 'RCX'?)");
        }

        @Test
        void exampleStatusMustBeKnown() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 35, "  status: TDX_NOPE")), 35, 11, "example.status", "unknown status 'TDX_NOPE'");
        }

        @Test
        void aLoneFileWithoutCatalogueIsCheckedWithoutNames() throws Exception {
            Path lone = tmp.resolve("elsewhere/test.yaml");
            Files.createDirectories(lone.getParent());
            Files.writeString(lone, replaceLine(LEAF, 30, "    - { code: TDX_NOPE, operand: RCQ }"));
            assertThat(TestRoot.lint(lone)).isEmpty();
            Files.writeString(lone, replaceLine(LEAF, 19, "ouputs:"));
            assertThat(TestRoot.lint(lone)).extracting(SpecError::keyPath).containsExactly("outputs", "ouputs");
        }

        @Test
        void lintingAFolderFindsTheRootAboveIt() {
            t.write("tdcall/test.yaml", replaceLine(LEAF, 29, "    - { code: TDX_SUCCES }"));
            LintResult r = SpecLoader.lint(List.of(t.root.resolve("tdcall")));
            assertThat(r.errors()).extracting(SpecError::keyPath).contains("status.codes[0].code");
            assertThat(r.filesChecked()).isEqualTo(4); // the spec + the three catalogues consulted
        }

        @Test
        void aMissingCatalogueMakesEveryReferenceAnError() throws Exception {
            t.write("tdcall/test.yaml", LEAF);
            Files.delete(t.root.resolve("status/operand-ids.yaml"));
            assertThatThrownBy(() -> SpecLoader.loadCatalogue(t.root))
                    .isInstanceOfSatisfying(SpecException.class, ex -> assertThat(ex.errors())
                            .singleElement().satisfies(e -> {
                                assertThat(e.keyPath()).isEqualTo("status.codes[1].operand");
                                assertThat(e.line()).isEqualTo(30);
                            }));
        }
    }

    @Nested
    class AcrossFiles {
        @Test
        void duplicateRuleIdsAreReportedInBothFiles() {
            Path a = t.write("tdcall/a.yaml", LEAF);
            Path b = t.write("tdcall/b.yaml", replaceLine(replaceLine(LEAF, 1, "leaf: TDG.OTHER"), 3, "number: 8"));
            List<SpecError> e = TestRoot.lint(t.root);
            assertThat(e).hasSize(2).allSatisfy(x -> {
                assertThat(x.line()).isEqualTo(32);
                assertThat(x.column()).isEqualTo(11);
                assertThat(x.keyPath()).isEqualTo("rules[0].id");
                assertThat(x.message()).contains("duplicate rule id 'TEST-1'");
            });
            assertThat(e).extracting(SpecError::file).containsExactly(a.toString(), b.toString());
            assertThat(e.get(0).message()).contains(b + ":32:11");
        }

        @Test
        void duplicateRuleIdInsideOneFile() {
            List<SpecError> e = t.lintLeaf(replaceLine(LEAF, 32, "  - { id: TEST-1, text: a }\n  - { id: TEST-1, text: b }"));
            assertThat(e).extracting(SpecError::keyPath).containsExactly("rules[0].id", "rules[1].id");
        }

        @Test
        void sameInstructionAndNumberIsReportedInBothFiles() {
            Path a = t.write("tdcall/a.yaml", LEAF);
            Path b = t.write("tdcall/b.yaml", replaceLine(replaceLine(LEAF, 1, "leaf: TDG.OTHER"), 32, "  - { id: OTHER-1, text: x }"));
            List<SpecError> e = TestRoot.lint(t.root);
            assertThat(e).hasSize(2).allSatisfy(x -> {
                assertThat(x.line()).isEqualTo(3);
                assertThat(x.column()).isEqualTo(9);
                assertThat(x.keyPath()).isEqualTo("number");
                assertThat(x.message()).contains("TDCALL leaf 7 is also defined in");
            });
            assertThat(e).extracting(SpecError::file).containsExactly(a.toString(), b.toString());
            // linting one of them still sees the other
            assertThat(TestRoot.lint(a)).extracting(SpecError::file).containsExactly(a.toString(), b.toString());
        }

        @Test
        void subfunctionsCompareR10AndR11() {
            t.write("tdvmcall/a.yaml", SUBFUNCTION);
            String other = replaceLine(replaceLine(SUBFUNCTION, 1, "leaf: TDG.VP.VMCALL<Other>"), 51, "  - { id: OTHER-1, text: x }");
            other = replaceLine(other, 52, "  - { id: OTHER-2, text: y }");
            t.write("tdvmcall/b.yaml", other);
            List<SpecError> e = TestRoot.lint(t.root);
            assertThat(e).hasSize(2).allSatisfy(x -> {
                assertThat(x.line()).isEqualTo(4);
                assertThat(x.column()).isEqualTo(14);
                assertThat(x.keyPath()).isEqualTo("subfunction");
                assertThat(x.message()).contains("sub-function R10=0x0 R11=0x10001 is also defined in");
            });
            t.write("tdvmcall/b.yaml", replaceLine(other, 4, "subfunction: { R10: 0, R11: 0x10002 }"));
            assertThat(TestRoot.lint(t.root)).isEmpty();
        }

        @Test
        void loadCatalogueThrowsWithEveryErrorOfEveryFile() {
            t.write("tdcall/a.yaml", replaceLine(LEAF, 19, "ouputs:"));
            t.write("seamcall/b.yaml", replaceLine(replaceLine(replaceLine(LEAF, 2, "instruction: SEAMCALL"), 32, "  - { id: B-1, text: x }"), 1, "leaf: TDH.TEST")
                    .replace("version-notes: { 1: \"adds R8\" }", "version-notes: { 3: \"no such version\" }"));
            assertThatThrownBy(() -> SpecLoader.loadCatalogue(t.root))
                    .isInstanceOfSatisfying(SpecException.class, ex -> {
                        assertThat(ex.errors()).extracting(SpecError::keyPath)
                                .containsExactly("version-notes.3", "outputs", "ouputs"); // seamcall/b.yaml sorts first
                        assertThat(ex.getMessage()).contains("3 spec error(s)", "a.yaml:19:1: ouputs: unknown key 'ouputs'");
                    });
        }
    }

    @Nested
    class Words {
        @Test
        void badVectorState() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 25, "vector-state: preserve")), 25, 15, "vector-state",
                    "bad vector-state 'preserve' (expected preserved, passed-by-bitmap, reset-to-init or zeroed; did you mean 'preserved'?)");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 25, "vector-state: { xmm: preserved, avx: kept, avx512: zeroed }")), 25, 38,
                    "vector-state.avx", "bad vector-state 'kept'");
        }

        @Test
        void badOutputsOnError() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 23, "outputs-on-error: zeroes")), 23, 19, "outputs-on-error",
                    "bad outputs-on-error 'zeroes'");
        }

        @Test
        void badInstruction() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 2, "instruction: TDCAL")), 2, 14, "instruction",
                    "bad instruction 'TDCAL' (expected TDCALL or SEAMCALL; did you mean 'TDCALL'?)");
        }

        @Test
        void badPreservedWordAndReservedWord() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 24, "preserved: all-gprs")), 24, 12, "preserved", "bad preserved value 'all-gprs'");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 16, "      - { bits: \"11:3\", reserved: zeros }")), 16, 35,
                    "inputs.RCX.fields[1].reserved", "bad reserved 'zeros'");
        }
    }

    @Nested
    class Versions {
        @Test
        void leafVersionsOutside0To255() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 4, "versions: [0, 256]")), 4, 15, "versions[1]", "version 256 is outside 0..255");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 4, "versions: []")), 4, 11, "versions", "at least one version");
        }

        @Test
        void versionNotesNameListedVersions() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 5, "version-notes: { 2: \"x\" }")), 5, 18, "version-notes.2",
                    "version 2 is not in versions [0, 1]");
        }

        @Test
        void sinceAndUntilAreVersionStrings() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 6, "since: 1.0")), 6, 8, "since", "must be a quoted string (\"1.0\")");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 6, "since: \"one\"")), 6, 8, "since", "'one' is not a module version");
            assertOnly(t.lintLeaf(LEAF + "until: \"1.x\"\n"), 36, 8, "until", "'1.x' is not a module version");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 30, "    - { code: TDX_OPERAND_INVALID, since: 1.5 }")), 30, 43,
                    "status.codes[1].since", "quoted string");
        }

        @Test
        void untilBeforeSince() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 6, "since: \"1.5\"\nuntil: \"1.0\"")), 7, 8, "until", "before since");
        }
    }

    @Nested
    class Source {
        @Test
        void missing() {
            assertOnly(t.lintLeaf(removeLine(removeLine(LEAF, 9), 8)), 1, 1, "source", "missing required key 'source'");
        }

        @Test
        void empty() {
            assertOnly(t.lintLeaf(replaceLine(removeLine(LEAF, 9), 8, "source: []")), 8, 9, "source", "must list at least one entry");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 9, "  - \"\"")), 9, 5, "source[0]", "must not be empty");
            assertOnly(t.lintLeaf(replaceLine(removeLine(LEAF, 9), 8, "source:")), 8, 8, "source", "expected a list, got an empty value");
        }
    }

    @Nested
    class Shape {
        @Test
        void subfunctionSpecsNeedASubfunctionAndNumberZero() {
            List<SpecError> e = TestRoot.lint(t.write("tdvmcall/mapgpa.yaml", removeLine(SUBFUNCTION, 4)));
            assertOnly(e, 1, 1, "subfunction", "missing required key 'subfunction'");
            e = TestRoot.lint(t.write("tdvmcall/mapgpa.yaml", replaceLine(SUBFUNCTION, 3, "number: 1")));
            assertOnly(e, 3, 9, "number", "sub-function has number 0");
        }

        @Test
        void bitmapAndSubfunctionOnlyForVmcall() {
            List<SpecError> e = TestRoot.lint(t.write("tdvmcall/mapgpa.yaml", replaceLine(SUBFUNCTION, 1, "leaf: TDG.VP.OTHER")));
            assertError(e, 4, 1, "subfunction", "only for TDG.VP.VMCALL<...>");
            assertError(e, 39, 1, "leaf-status", "only for TDG.VP.VMCALL<...>");
            assertError(e, 26, 1, "bitmap", "only for TDG.VP.VMCALL");
        }

        @Test
        void aSpecInTheWrongFolder() {
            assertOnly(TestRoot.lint(t.write("seamcall/test.yaml", LEAF)), 2, 14, "instruction", "a TDCALL leaf belongs under tdcall/, not seamcall/");
        }

        @Test
        void fieldNeedsNameOrReserved() {
            assertOnly(t.lintLeaf(replaceLine(LEAF, 17, "      - { bits: \"51:12\" }")), 17, 9, "inputs.RCX.fields[2]", "needs a name or reserved");
            assertOnly(t.lintLeaf(replaceLine(LEAF, 17, "      - { name: GPA, bits: \"51:12\", reserved: zero }")), 17, 37,
                    "inputs.RCX.fields[2].reserved", "either a name or reserved");
        }
    }

    @Nested
    class Catalogues {
        @Test
        void catalogueFileIsLintedAsACatalogue() {
            Path p = t.write("status/tdx-status.yaml", """
                    source: test
                    codes:
                      - { name: TDX_SUCCESS, value: 0 }
                      - { name: TDX_SUCCESS, value: 0x8000000100000000 }
                      - { name: TDX_BAD_LOW, value: 0x8000000000000001, error: true }
                      - { name: TDX_BAD_FLAG, value: 0x8000000200000000, error: false }
                      - { name: TDX_TYPO, vlaue: 0x8000000300000000 }
                      - { name: TDX_BOTH, value: 0, values-by-version: { "1.0": 0 } }
                    """);
            List<SpecError> e = TestRoot.lint(p);
            assertError(e, 4, 13, "codes[1].name", "duplicate status name 'TDX_SUCCESS' (first at line 3)");
            assertError(e, 5, 33, "codes[2].value", "bits 31:0 clear");
            assertError(e, 6, 61, "codes[3].error", "bit 63");
            assertError(e, 7, 23, "codes[4].vlaue", "did you mean 'value'?");
            assertError(e, 7, 5, "codes[4].value", "missing required key 'value'");
            assertError(e, 8, 33, "codes[5].values-by-version", "either value or values-by-version");
            assertThat(e).hasSize(6);
        }

        @Test
        void operandAndTdvmcallCatalogues() {
            Path ops = t.write("status/operand-ids.yaml", "source: x\noperands:\n  - { name: RCX, value: 0x100000000 }\n");
            assertOnly(TestRoot.lint(ops), 3, 25, "operands[0].value", "operand id 4294967296 is outside 0..4294967295");
            t.write("status/operand-ids.yaml", TestRoot.OPERAND_IDS);
            Path vm = t.write("status/tdvmcall-status.yaml", "source: x\ncodes:\n  - { name: TDG.VP.VMCALL_RETRY, value: 1, error: yes }\n");
            assertOnly(TestRoot.lint(vm), 3, 51, "codes[0].error", "expected true or false");
        }

        @Test
        void unknownFileInStatusFolder() {
            Path p = t.write("status/other.yaml", "source: x\n");
            assertOnly(TestRoot.lint(p), 0, 0, "", "not a known catalogue file");
        }
    }
}
