package dev.leafspec.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A spec written outside any leaf-specs folder is checked against the bundled catalogue. */
class LintFallbackRootTest {
    static final Path BUNDLED = Path.of("..", "leaf-specs");

    static final String SPEC = """
            leaf: TDG.NEW.LEAF
            instruction: TDCALL
            number: %d
            versions: [0]
            since: "1.5"
            summary: a new leaf
            source: [ "test" ]
            inputs: {}
            outputs: {}
            preserved: all-other-gprs
            vector-state: preserved
            status: { register: RAX, codes: [ { code: %s } ] }
            rules: [ { id: NEW-1, text: "x" } ]
            """;

    @Test
    void unknownStatusNamesAreCaughtOutsideTheTree(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tdg.new.leaf.yaml");
        Files.writeString(f, SPEC.formatted(200, "TDX_NO_SUCH_STATUS"));
        LintResult withFallback = SpecLoader.lint(List.of(f), BUNDLED);
        assertThat(withFallback.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(12);
            assertThat(e.message()).contains("unknown status 'TDX_NO_SUCH_STATUS'");
        });
        assertThat(SpecLoader.lint(List.of(f)).errors()).as("without a fallback root names are not checked").isEmpty();
    }

    @Test
    void aClashWithABundledLeafNumberIsCaught(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tdg.new.leaf.yaml");
        Files.writeString(f, SPEC.formatted(1, "TDX_SUCCESS"));
        LintResult r = SpecLoader.lint(List.of(f), BUNDLED);
        assertThat(r.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("TDCALL leaf 1").contains("tdg.vp.info.yaml");
        });
    }

    @Test
    void aCleanNewSpecIsClean(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tdg.new.leaf.yaml");
        Files.writeString(f, SPEC.formatted(200, "TDX_SUCCESS"));
        assertThat(SpecLoader.lint(List.of(f), BUNDLED).errors()).isEmpty();
    }
}
