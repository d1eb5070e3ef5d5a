package dev.leafspec.caller;

import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallerSpecReaderTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();
    static Catalogue catalogue;

    @BeforeAll
    static void load() throws Exception {
        catalogue = SpecLoader.loadCatalogue(HOME.resolve("leaf-specs"));
    }

    static List<String> errors(String yaml) {
        return CallerSpecReader.read("c.yaml", yaml.getBytes(StandardCharsets.UTF_8), catalogue).errors().stream()
                .map(SpecError::toString).toList();
    }

    @Test
    void exampleSpecIsClean() {
        var r = CallerSpecReader.read(HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml"), catalogue);
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec().functions()).extracting(CallerSpec.Function::symbol)
                .containsExactly("ex_tdcall", "ex_tdcall_ret", "ex_tdg_vp_info", "ex_tdvmcall", "ex_inb", "ex_outb", "ex_map_gpa");
        CallerSpec.Function map = r.spec().functions().get(6);
        assertThat(map.hostAnswers()).containsExactly(
                java.util.Map.of("status", "TDG.VP.VMCALL_RETRY", "R11", "0x800000101000"),
                java.util.Map.of("status", "TDG.VP.VMCALL_RETRY", "R11", "0x800000103000"));
        assertThat(map.maxCalls()).isEqualTo(16);
        CallerSpec.Function inb = r.spec().functions().get(4);
        assertThat(inb.returns()).isEqualTo(CallerSpec.Returns.OUTPUT);
        assertThat(inb.returnsOutput()).isEqualTo("R11");
        assertThat(inb.returnsBytes()).isEqualTo(1);
        assertThat(inb.args().get(0).reaches()).isEqualTo("R14");
        var host = CallerSpecReader.read(HOME.resolve("examples/callers/host/host-helpers.caller.yaml"), catalogue);
        assertThat(host.errors()).isEmpty();
    }

    @Test
    void returnsOutputMustBeAnOutputOfTheLeaf() {
        assertThat(errors("""
                caller-spec: 1
                name: x
                functions:
                  - symbol: f
                    convention: { preserves-all-except: [RAX] }
                    issues: TDG.VP.VMCALL<Instruction.IO>
                    returns: { output: R12, bytes: 3 }
                """)).containsExactly(
                "c.yaml:7:24: functions[0].returns.output: R12 is not an output of TDG.VP.VMCALL<Instruction.IO> (outputs: [R10, R11])",
                "c.yaml:7:36: functions[0].returns.bytes: expected 1, 2, 4 or 8, got 3");
    }

    @Test
    void mistakesAreReportedWithPositions() {
        assertThat(errors("""
                caller-spec: 1
                name: x
                structs:
                  args: [RCX, RDZ]
                functions:
                  - symbol: f
                    convention: stdcall
                    issues: TDG.VP.INFOO
                    args:
                      - { struct: argz }
                    returns: status
                    result: {}
                  - symbol: g
                    convention: sysv
                    issues: TDG.VP.INFO
                    args: [ { value: "1" } ]
                    returns: host-status
                    results: { arg0.R8: R8 }
                """)).containsExactly(
                "c.yaml:4:15: structs.args[1]: unknown register 'RDZ' (did you mean 'RDX'?)",
                "c.yaml:7:17: functions[0].convention: bad convention 'stdcall' (expected one of [sysv])",
                "c.yaml:8:13: functions[0].issues: no leaf spec named 'TDG.VP.INFOO' (did you mean 'TDG.VP.INFO'?)",
                "c.yaml:10:19: functions[0].args[0].struct: no struct 'argz' under 'structs' (did you mean 'args'?)",
                "c.yaml:12:5: functions[0].result: unknown key 'result' (did you mean 'results'?)",
                "c.yaml:16:22: functions[1].args[0].value: expected a number, got quoted string '1' (remove the quotes)",
                "c.yaml:17:14: functions[1].returns: host-status needs a TDG.VP.VMCALL sub-function in 'issues', not TDG.VP.INFO",
                "c.yaml:18:16: functions[1].results.arg0.R8: argument 0 is not a struct argument");
    }

    @Test
    void hostAnswersAreCheckedLikeTheRest() {
        assertThat(errors("""
                caller-spec: 1
                name: x
                functions:
                  - symbol: f
                    convention: sysv
                    issues: TDG.VP.VMCALL<MapGPA>
                    returns: host-status
                    host-answers:
                      - { status: TDG.VP.VMCALL_RETRI, R11: 0x1000 }
                      - { status: 1, R19: 0 }
                    max-calls: 0
                  - symbol: g
                    convention: sysv
                    issues: TDG.VP.INFO
                    returns: status
                    host-answers: [ { status: 0 } ]
                """)).containsExactly(
                "c.yaml:9:19: functions[0].host-answers[0].status: unknown TDG.VP.VMCALL status 'TDG.VP.VMCALL_RETRI' (did you mean 'TDG.VP.VMCALL_RETRY'?)",
                "c.yaml:10:22: functions[0].host-answers[1].R19: unknown key 'R19' (expected status and register values R11: 0x...) (did you mean 'R9'?)",
                "c.yaml:11:16: functions[0].max-calls: expected 1..10000, got 0",
                "c.yaml:16:19: functions[1].host-answers: host-answers script the host's answers to TDG.VP.VMCALL; TDG.VP.INFO is not a sub-function");
    }

    @Test
    void duplicateSymbolsAndUnknownFixturesAreErrors() {
        assertThat(errors("""
                caller-spec: 1
                name: x
                functions:
                  - symbol: f
                    convention: sysv
                    issues: TDG.VP.INFO
                    returns: status
                    fixtures:
                      - host.nonexistent: { a: 1 }
                      - host.cpuidd: { leaf: 1 }
                  - symbol: f
                    convention: sysv
                    issues: TDG.VP.INFO
                    returns: status
                """)).containsExactly(
                "c.yaml:9:9: functions[0].fixtures[0].host.nonexistent: unknown fixture 'host.nonexistent'; fixtures are listed"
                        + " in docs/fixtures.md, or name a SEAMCALL leaf (TDH.*)",
                "c.yaml:10:9: functions[0].fixtures[1].host.cpuidd: unknown fixture 'host.cpuidd' (did you mean 'host.cpuid'?);"
                        + " fixtures are listed in docs/fixtures.md, or name a SEAMCALL leaf (TDH.*)",
                "c.yaml:11:5: functions[1].symbol: 'f' is already described by functions[0]; describe each function once");
    }

    @Test
    void aCallerYamlFileIsACallerSpecEvenWithAMisspeltKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.caller.yaml");
        java.nio.file.Files.writeString(f, "caller_spec: 1\nname: x\nfunctions: []\n");
        assertThat(CallerSpecReader.isCallerSpec(f)).isTrue();
        assertThat(CallerSpecReader.read(f, catalogue).errors()).extracting(SpecError::toString)
                .anyMatch(e -> e.contains("caller_spec") && e.contains("caller-spec"));
    }
}
