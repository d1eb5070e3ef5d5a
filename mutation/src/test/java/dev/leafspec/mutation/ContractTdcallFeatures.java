package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The generated features of area tdcall against the reference engine (see {@link FeatureSuite}). */
class ContractTdcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(generated("tdcall"));
    }
}
