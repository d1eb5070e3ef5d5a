package dev.leafspec.spec;

import dev.leafspec.spec.model.OutputsOnError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A status entry may override the leaf's outputs-on-error. */
class StatusOutputsOnErrorTest {
    static final String SPEC = """
            leaf: TDG.NEW.LEAF
            instruction: TDCALL
            number: 200
            versions: [0]
            since: "1.5"
            summary: a new leaf
            source: [ "test" ]
            inputs: {}
            outputs:
              RDX:
                fields:
                  - { name: VALUE, bits: "63:0" }
            outputs-on-error: zeroed
            preserved: all-other-gprs
            vector-state: preserved
            status:
              register: RAX
              codes:
                - { code: TDX_SUCCESS }
                - { code: TDX_OPERAND_INVALID, operand: RCX, outputs-on-error: %s }
            rules: [ { id: NEW-1, text: "x" } ]
            """;

    @Test
    void theOverrideIsRead(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("leaf-specs");
        ContractCopy.copy(Path.of("..", "leaf-specs"), root);
        Files.writeString(root.resolve("tdcall/tdg.new.leaf.yaml"), SPEC.formatted("unchanged"));
        var cat = SpecLoader.loadCatalogue(root);
        var leaf = cat.requireLeaf("TDG.NEW.LEAF");
        assertThat(leaf.outputsOnError()).isEqualTo(OutputsOnError.ZEROED);
        assertThat(leaf.status().codes().get(1).outputsOnError()).isEqualTo(OutputsOnError.UNCHANGED);
        assertThat(leaf.status().codes().get(0).outputsOnError()).isNull();
    }

    @Test
    void aBadWordIsReportedWithItsPosition(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tdg.new.leaf.yaml");
        Files.writeString(f, SPEC.formatted("kept"));
        var errors = SpecLoader.lint(List.of(f), Path.of("..", "leaf-specs")).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(20);
            assertThat(e.keyPath()).isEqualTo("status.codes[1].outputs-on-error");
        });
    }

    /** Copies a folder tree. */
    static final class ContractCopy {
        static void copy(Path from, Path to) throws IOException {
            try (var s = Files.walk(from)) {
                for (Path p : s.sorted().toList()) {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(t);
                    else Files.copy(p, t);
                }
            }
        }
    }
}
