package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The generated features of area seamcall against the reference engine (see {@link FeatureSuite}). */
class ContractSeamcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(generated("seamcall"));
    }
}
