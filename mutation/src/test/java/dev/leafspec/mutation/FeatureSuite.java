package dev.leafspec.mutation;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one folder of features (hand-written or generated) through the steps glue against the reference engine and
 * fails on the first failing scenario. One subclass per feature area, so PIT runs only the areas that cover a mutant.
 */
abstract class FeatureSuite {
    static File features(String sub) {
        return new File(System.getProperty("leafspec.mutation.features", "../features"), sub);
    }

    static File generated(String sub) {
        return new File(System.getProperty("leafspec.mutation.generated", "target/generated-features"), "contract/" + sub);
    }

    void runAndExpectNoFailure(File dir) {
        assertThat(dir).as("feature folder").isDirectory();
        List<String> failures = new ArrayList<>();
        int[] ran = {0};
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(dir))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                .configurationParameter("cucumber.plugin", "rerun:target/mutation-rerun.txt")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.execution.dry-run", "false")
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) ran[0]++;
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }
        });
        assertThat(ran[0]).as("scenarios in %s", dir).isPositive();
        assertThat(failures).as("failing scenarios in %s", dir).isEmpty();
    }
}
