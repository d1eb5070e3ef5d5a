package dev.leafspec.spec;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.model.BitRange;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The specs shipped under leaf-specs/ load and lint without errors. */
class BundledSpecsTest {
    /** The repository's leaf-specs folder; surefire runs in the module folder. */
    static final Path ROOT = Path.of("..", "leaf-specs");

    static Catalogue load() {
        try {
            return SpecLoader.loadCatalogue(ROOT);
        } catch (SpecException e) {
            return fail(e.getMessage());
        }
    }

    @Test
    void bundledSpecsLoadWithoutErrors() throws IOException {
        Catalogue cat = load();
        long files;
        try (Stream<Path> s = Stream.of("tdcall", "tdvmcall", "seamcall").map(ROOT::resolve).filter(Files::isDirectory)
                .flatMap(d -> {
                    try {
                        return Files.walk(d);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).count();
        }
        assertThat(cat.leaves()).hasSize((int) files).isNotEmpty();
        assertThat(cat.tdxStatus()).containsKey("TDX_SUCCESS");
        assertThat(cat.bundleSha256()).matches("[0-9a-f]{64}");
        for (LeafSpec l : cat.leaves()) {
            assertThat(l.file()).startsWith(l.area() + "/");
            assertThat(l.source()).isNotEmpty();
            assertThat(l.rules()).isNotEmpty();
        }
    }

    @Test
    void bundledSpecsLintClean() {
        LintResult r = SpecLoader.lint(List.of(ROOT));
        assertThat(r.errors()).as(String.join("\n", r.errors().stream().map(SpecError::toString).toList())).isEmpty();
        assertThat(r.filesChecked()).isGreaterThan(3);
    }

    @Test
    void tdgVpInfoMapsAsWritten() {
        LeafSpec info = load().requireLeaf("TDG.VP.INFO");
        assertThat(info.file()).isEqualTo("tdcall/tdg.vp.info.yaml");
        assertThat(info.instruction()).isEqualTo(Instruction.TDCALL);
        assertThat(info.number()).isEqualTo(1);
        assertThat(info.inputs()).isEmpty();
        assertThat(info.outputs()).containsKeys("RCX", "RDX", "R8", "R9", "R10", "R11");
        assertThat(info.outputs().get("R8").fields()).extracting(f -> f.bits())
                .containsExactly(new BitRange(31, 0), new BitRange(63, 32));
        assertThat(info.outputs().get("RCX").fields().get(0).values()).containsOnlyKeys(48L, 52L);
        assertThat(info.status().allows("TDX_SUCCESS")).isTrue();
    }
}
