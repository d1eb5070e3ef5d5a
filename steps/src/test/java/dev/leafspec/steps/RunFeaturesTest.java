package dev.leafspec.steps;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every hand-written feature under {@code features/} and every generated contract feature against
 * the implementation under test (the reference engine unless {@code -Dleafspec.impl=...}).
 * Cucumber settings live in {@code junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories({"../features", "target/generated-features"})
public class RunFeaturesTest {
}
