package dev.leafspec.steps;

import dev.leafspec.steps.contract.ContractFeatureGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding a YAML file adds its contract scenarios with no Java change. */
class ContractFeatureGeneratorTest {

    @Test
    void aNewLeafSpecGetsItsOwnGeneratedFeature(@TempDir Path dir) throws Exception {
        Path specs = dir.resolve("leaf-specs");
        copy(Path.of("..", "leaf-specs"), specs);
        Files.writeString(specs.resolve("tdcall/tdg.new.leaf.yaml"), """
                leaf: TDG.NEW.LEAF
                instruction: TDCALL
                number: 200
                versions: [0]
                since: "1.5"
                summary: A leaf added by a user.
                source: [ "test" ]
                inputs: {}
                outputs:
                  RDX:
                    fields:
                      - { name: VALUE, bits: "63:0" }
                preserved: all-other-gprs
                vector-state: preserved
                status: { register: RAX, codes: [ { code: TDX_SUCCESS } ] }
                rules: [ { id: NEW-1, text: "x" } ]
                """);
        Path out = dir.resolve("generated");
        int n = ContractFeatureGenerator.generate(specs, out);
        Path feature = out.resolve("contract/tdcall/tdg.new.leaf.feature");
        assertThat(feature).exists();
        String text = Files.readString(feature);
        assertThat(text).startsWith("# GENERATED")
                .contains("@contract @generated @leaf:TDG.NEW.LEAF @area:tdcall")
                .contains("Scenario: TDG.NEW.LEAF rejects reserved RAX bits")
                .contains("Scenario: TDG.NEW.LEAF rejects an unsupported version")
                .contains("Scenario: TDG.NEW.LEAF preserves the registers outside its outputs")
                .contains("Scenario: TDG.NEW.LEAF returns a listed status in RAX");
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.filter(p -> p.toString().endsWith(".feature")).count()).isEqualTo(n);
        }
    }

    @Test
    void subfunctionsGetHostViewAndHostileHostScenarios(@TempDir Path dir) throws Exception {
        ContractFeatureGenerator.generate(Path.of("..", "leaf-specs"), dir);
        String text = Files.readString(dir.resolve("contract/tdvmcall/tdg.vp.vmcall.mapgpa.feature"));
        assertThat(text).contains("@leaf:TDG.VP.VMCALL<MapGPA>")
                .contains("exposes only the selected registers to the host")
                .contains("Given the host writes 0xBAD0BAD0BAD0BAD0 into every register on every exit")
                .contains("and a listed host status in R10");
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
