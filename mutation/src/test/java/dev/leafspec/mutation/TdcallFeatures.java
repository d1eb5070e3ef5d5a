package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The features features of area tdcall against the reference engine (see {@link FeatureSuite}). */
class TdcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(features("tdcall"));
    }
}
