package dev.leafspec.mutation;

import org.junit.jupiter.api.Test;

/** The generated features of area tdvmcall against the reference engine (see {@link FeatureSuite}). */
class ContractTdvmcallFeatures extends FeatureSuite {
    @Test
    void everyScenarioPasses() {
        runAndExpectNoFailure(generated("tdvmcall"));
    }
}
