package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The features features of area seamcall against the reference engine (see {@link FeatureSuite}). */
class SeamcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(features("seamcall"));
    }
}
