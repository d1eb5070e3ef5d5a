package dev.leafspec.steps;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the suite has teeth: each deliberately broken implementation must fail at least one scenario,
 * and the failure message must name the leaf, the rule and the register.
 */
class BrokenImplementationsTest {

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::unselectedGprNotRestored, "@leaf:TDG.VP.VMCALL",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-3", "R14")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::xmmNotRestored, "@leaf:TDG.VP.VMCALL",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-3", "XMM5")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::reservedRaxBitsIgnored, "@rule:CONTRACT-RAX-RESERVED and @leaf:TDG.VP.INFO",
                        List.of("TDG.VP.INFO", "CONTRACT-RAX-RESERVED", "RAX")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::forbiddenRspAccepted, "@rule:VP.VMCALL-1",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-1", "RAX")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::wrongOperandId, "@rule:VP.VMCALL-1",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-1", "operand id")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::reservedOutputBitSet, "@leaf:TDG.VP.INFO",
                        List.of("TDG.VP.INFO", "R9[63:32] reserved")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::vcpuFieldsSwapped, "@leaf:TDG.VP.INFO and not @contract",
                        List.of("TDG.VP.INFO", "VP.INFO-1", "R8[31:0] NUM_VCPUS")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::statusInWrongRegister, "@leaf:TDG.VP.VMCALL and not @contract",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-4", "RAX")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::r10R11Swapped, "@rule:VP.VMCALL-3",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-3", "R10")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::outputsNotZeroedOnError, "@leaf:TDG.VP.VEINFO.GET and @contract",
                        List.of("TDG.VP.VEINFO.GET", "CONTRACT-ERROR-OUTPUTS", "RCX")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::retryWithoutResumeGpa, "@rule:MAPGPA-4",
                        List.of("TDG.VP.VMCALL<MapGPA>", "MAPGPA-4", "R11")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::rbpAcceptedUnderNoRbpMod, "@rule:VP.VMCALL-6",
                        List.of("TDG.VP.VMCALL", "VP.VMCALL-6", "RAX")),
                Arguments.of((Supplier<Mutants.Mutant>) Mutants::statusNotWritten, "@leaf:TDG.VP.INFO and @contract",
                        List.of("TDG.VP.INFO", "CONTRACT-STATUS", "RAX[31:0]")));
    }

    @AfterAll
    static void restore() {
        Harness.use(Harness.create(Harness.DEFAULT_IMPL));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("mutants")
    void everyBrokenImplementationFailsWithAPreciseMessage(Supplier<Mutants.Mutant> mutant, String tags, List<String> mustName) {
        Mutants.Mutant m = mutant.get();
        Harness.use(m);
        List<String> failures = new ArrayList<>();
        int[] ran = {0};
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(new File("../features")),
                        DiscoverySelectors.selectDirectory(new File("target/generated-features")))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                .configurationParameter("cucumber.plugin", "json:target/mutant-reports/" + m.name.replaceAll("[^A-Za-z0-9]+", "-") + ".json")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.filter.tags", tags)
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    result.getThrowable().ifPresent(t -> failures.add("engine: " + t));
                    return;
                }
                ran[0]++;
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failures.add(result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }
        });
        assertThat(ran[0]).as("scenarios selected by %s (failures: %s)", tags, failures).isPositive();
        assertThat(failures).as("mutant '%s' must fail a scenario selected by %s", m, tags).isNotEmpty();
        assertThat(failures).as("a failure of mutant '%s' must name %s", m, mustName)
                .anySatisfy(msg -> assertThat(msg).contains(mustName));
    }
}
