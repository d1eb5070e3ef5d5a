package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The features features of area tdvmcall against the reference engine (see {@link FeatureSuite}). */
class TdvmcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(features("tdvmcall"));
    }
}
