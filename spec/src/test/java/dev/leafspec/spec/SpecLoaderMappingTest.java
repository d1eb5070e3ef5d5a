package dev.leafspec.spec;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.model.BitRange;
import dev.leafspec.spec.model.Bitmap;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.Clobber;
import dev.leafspec.spec.model.Field;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.OperandId;
import dev.leafspec.spec.model.OutputsOnError;
import dev.leafspec.spec.model.RegisterBlock;
import dev.leafspec.spec.model.StatusRef;
import dev.leafspec.spec.model.Subfunction;
import dev.leafspec.spec.model.VectorState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** A valid spec maps to the model records as the format describes. */
class SpecLoaderMappingTest {
    @TempDir
    Path tmp;
    TestRoot t;
    Catalogue cat;

    @BeforeEach
    void load() throws Exception {
        t = new TestRoot(tmp);
        t.write("tdcall/test.yaml", TestRoot.LEAF);
        t.write("tdvmcall/mapgpa.yml", TestRoot.SUBFUNCTION);
        t.write("schema/ignored.yaml", "not: [a spec");
        t.write("tdcall/README.md", "not yaml, not read");
        cat = SpecLoader.loadCatalogue(t.root);
    }

    @Test
    void leavesAreSortedByRelativePath() {
        assertThat(cat.leaves()).extracting(LeafSpec::file).containsExactly("tdcall/test.yaml", "tdvmcall/mapgpa.yml");
    }

    @Test
    void topLevelScalars() {
        LeafSpec l = cat.requireLeaf("TDG.TEST.LEAF");
        assertThat(l.instruction()).isEqualTo(Instruction.TDCALL);
        assertThat(l.number()).isEqualTo(7);
        assertThat(l.subfunction()).isNull();
        assertThat(l.isSubfunction()).isFalse();
        assertThat(l.area()).isEqualTo("tdcall");
        assertThat(l.versions()).containsExactly(0, 1);
        assertThat(l.versionNotes()).containsExactly(entry(1, "adds R8"));
        assertThat(l.since()).isEqualTo("1.0");
        assertThat(l.until()).isNull();
        assertThat(l.summary()).isEqualTo("A test leaf.");
        assertThat(l.source()).containsExactly("spec section 1");
        assertThat(l.outputsOnError()).isEqualTo(OutputsOnError.ZEROED);
        assertThat(l.preserved().allOtherGprs()).isFalse();
        assertThat(l.preserved().registers()).containsExactly("RBX", "RSI");
        assertThat(l.vectorState()).isEqualTo(VectorState.all(VectorState.Mode.PRESERVED));
        assertThat(l.bitmap()).isNull();
        assertThat(l.leafStatus()).isNull();
        assertThat(l.caller()).isNull();
        assertThat(l.clobbered()).isEmpty();
        assertThat(l.disagreements()).isEmpty();
        assertThat(l.rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("TEST-1");
            assertThat(r.text()).isEqualTo("It works.");
        });
    }

    @Test
    void registerBlocksFieldsAndBitRanges() {
        LeafSpec l = cat.requireLeaf("TDG.TEST.LEAF");
        assertThat(l.inputs()).containsOnlyKeys("RCX");
        RegisterBlock rcx = l.inputs().get("RCX");
        assertThat(rcx.register()).isEqualTo("RCX");
        assertThat(rcx.name()).isEqualTo("GPA_AND_LEVEL");
        assertThat(rcx.align()).isEqualTo(4096L);
        assertThat(rcx.since()).isNull();
        assertThat(rcx.fields()).extracting(Field::label).containsExactly("LEVEL", "reserved", "GPA", "reserved");
        assertThat(rcx.fields()).extracting(Field::bits)
                .containsExactly(new BitRange(2, 0), new BitRange(11, 3), new BitRange(51, 12), new BitRange(63, 52));
        assertThat(rcx.fields()).extracting(Field::reserved)
                .containsExactly(Field.Reserved.NONE, Field.Reserved.ZERO, Field.Reserved.NONE, Field.Reserved.ZERO);
        assertThat(rcx.fields().get(0).values()).containsOnly(entry(0L, "4KB"), entry(1L, "2MB"));
        assertThat(rcx.reservedZeroMask()).isEqualTo(0xFFF0_0000_0000_0FF8L);
        assertThat(l.outputs().get("RDX").fields()).singleElement()
                .satisfies(f -> assertThat(f.bits()).isEqualTo(new BitRange(63, 0)));
    }

    @Test
    void statusCodesAndExample() {
        LeafSpec l = cat.requireLeaf("TDG.TEST.LEAF");
        assertThat(l.status().register()).isEqualTo("RAX");
        assertThat(l.status().codes()).containsExactly(
                new StatusRef("TDX_SUCCESS", null, null, null, null, List.of()),
                new StatusRef("TDX_OPERAND_INVALID", "RCX", "bad RCX", null, null, List.of()));
        assertThat(l.example().status()).isEqualTo("TDX_SUCCESS");
        assertThat(l.example().inputs()).containsExactly(entry("RCX", 0xC000010000000000L));
    }

    @Test
    void subfunctionSpecUsesEveryOptionalKey() {
        LeafSpec m = cat.requireLeaf("TDG.VP.VMCALL<MapGPA>");
        assertThat(m.subfunction()).isEqualTo(new Subfunction(0, 0x10001));
        assertThat(m.isSubfunction()).isTrue();
        assertThat(m.area()).isEqualTo("tdvmcall");
        assertThat(m.subfunctionName()).isEqualTo("MapGPA");
        assertThat(m.until()).isEqualTo("1.5");
        assertThat(m.source()).containsExactly("GHCI 1.0, TDG.VP.VMCALL<MapGPA>");
        assertThat(m.outputsOnError()).isEqualTo(OutputsOnError.UNCHANGED);
        assertThat(m.preserved().allOtherGprs()).isTrue();

        assertThat(m.inputs()).containsOnlyKeys("RCX", "R12", "XMM0");
        RegisterBlock r12 = m.inputs().get("R12");
        assertThat(r12.name()).isEqualTo("START_GPA");
        assertThat(r12.since()).isEqualTo("1.5");
        assertThat(r12.align()).isEqualTo(4096L);
        assertThat(r12.fields()).singleElement().satisfies(f -> assertThat(f.note()).isEqualTo("start"));
        assertThat(m.inputs().get("XMM0").fields()).extracting(Field::bits)
                .containsExactly(new BitRange(63, 0), new BitRange(127, 64));
        assertThat(m.inputs().get("XMM0").fields().get(1).reserved()).isEqualTo(Field.Reserved.IGNORED);

        assertThat(m.clobbered()).containsExactly(new Clobber("RBP", "NO_RBP_MOD", "1.5", null, "host may change it"));
        assertThat(m.vectorState()).isEqualTo(new VectorState(VectorState.Mode.PASSED_BY_BITMAP, VectorState.Mode.PRESERVED,
                VectorState.Mode.RESET_TO_INIT, "only XMM is shared"));

        Bitmap b = m.bitmap();
        assertThat(b.register()).isEqualTo("RCX");
        assertThat(b.gprs()).isEqualTo(new BitRange(15, 0));
        assertThat(b.xmms()).isEqualTo(new BitRange(31, 16));
        assertThat(b.reserved()).isEqualTo(new BitRange(63, 32));
        assertThat(b.forbidden()).containsExactly("RAX", "RCX", "RSP");
        assertThat(b.forbiddenWhen()).containsExactly(new Bitmap.Conditional("RBP", "NO_RBP_MOD"));

        assertThat(m.status().codes().get(1)).isEqualTo(new StatusRef("TDX_OPERAND_INVALID", "RCX", "bad bitmap", "1.0", "1.5", List.of()));
        assertThat(m.leafStatus().register()).isEqualTo("R10");
        assertThat(m.leafStatus().codes()).containsExactly(
                new StatusRef("TDG.VP.VMCALL_SUCCESS", null, null, null, null, List.of()),
                new StatusRef("TDG.VP.VMCALL_RETRY", null, "partial", null, null, List.of("R11")));

        assertThat(m.caller().mustSelect()).containsExactly("R10", "R11", "R12", "R13");
        assertThat(m.caller().zeroUnselectedInputs()).isTrue();
        assertThat(m.caller().checkRaxBefore()).isEqualTo("R10");
        assertThat(m.caller().handleRetry()).isTrue();
        assertThat(m.caller().notes()).isEqualTo("retry from R11");

        assertThat(m.rules()).extracting(r -> r.id()).containsExactly("MAPGPA-1", "MAPGPA-2");
        assertThat(m.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.about()).isEqualTo("retry count");
            assertThat(d.values()).containsExactly(entry("1.0", "3"), entry("1.5", "unlimited"));
            assertThat(d.source()).containsExactly("Linux", "td-shim");
        });
        assertThat(m.notes()).isEqualTo("free text\n");
        assertThat(m.example().inputs()).containsOnly(entry("RCX", 0x3C00L), entry("R10", 0L), entry("R11", 0x10001L),
                entry("R12", 0x800000100000L), entry("R13", -1L)); // 18446744073709551615 = 2^64-1
    }

    @Test
    void catalogues() {
        assertThat(cat.tdxStatus()).containsOnlyKeys("TDX_SUCCESS", "TDX_OPERAND_INVALID", "TDX_TD_FATAL");
        var inv = cat.tdxStatus().get("TDX_OPERAND_INVALID");
        assertThat(inv.value()).isEqualTo(0xC000010000000000L);
        assertThat(inv.statusClass()).isEqualTo("0x01");
        assertThat(inv.error()).isTrue();
        assertThat(inv.nonRecoverable()).isTrue();
        var fatal = cat.tdxStatus().get("TDX_TD_FATAL");
        assertThat(fatal.value()).isNull();
        assertThat(fatal.valuesByVersion()).containsOnly(entry("1.0", 0x6000060400000000L), entry("1.5", 0xE000060400000000L));
        assertThat(fatal.error()).as("derived from bit 63 of the first value").isFalse();
        assertThat(fatal.nonRecoverable()).isTrue();
        assertThat(cat.decodeStatus(0xC000010000000001L)).map(s -> s.name()).contains("TDX_OPERAND_INVALID");
        assertThat(cat.decodeStatus(0xE000060400000000L)).map(s -> s.name()).contains("TDX_TD_FATAL");
        assertThat(cat.operands()).containsOnly(entry("RCX", new OperandId("RCX", 1)), entry("TDR", new OperandId("TDR", 128)));
        assertThat(cat.vmcallStatus().get("TDG.VP.VMCALL_INVALID_OPERAND").value()).isEqualTo(0x8000000000000000L);
        assertThat(cat.vmcallStatus().get("TDG.VP.VMCALL_INVALID_OPERAND").error()).isTrue();
        assertThat(cat.vmcallStatus().get("TDG.VP.VMCALL_RETRY").error()).isFalse();
        assertThat(cat.decodeVmcallStatus(1)).map(s -> s.name()).contains("TDG.VP.VMCALL_RETRY");
    }

    @Test
    void bundleShaCoversEveryLoadedFileSortedByRelativePath() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String rel : List.of("status/operand-ids.yaml", "status/tdvmcall-status.yaml", "status/tdx-status.yaml",
                "tdcall/test.yaml", "tdvmcall/mapgpa.yml")) {
            md.update(rel.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(t.root.resolve(rel)));
        }
        assertThat(cat.bundleSha256()).isEqualTo(HexFormat.of().formatHex(md.digest())).hasSize(64);

        t.write("tdcall/test.yaml", TestRoot.LEAF.replace("It works.", "It still works."));
        assertThat(SpecLoader.loadCatalogue(t.root).bundleSha256()).isNotEqualTo(cat.bundleSha256());
    }

    @Test
    void modelIsImmutable() {
        LeafSpec l = cat.requireLeaf("TDG.TEST.LEAF");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.inputs().put("RDX", null))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.versions().add(3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Map.copyOf(l.versionNotes())).isEqualTo(l.versionNotes());
    }
}
