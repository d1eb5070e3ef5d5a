package dev.leafspec.cli.certify;

/** The result vocabulary of a certification, per scenario. */
public enum Verdict {
    PASS, FAIL, NOT_SUPPORTED, EXPECTED_FAIL, UNEXPECTED_PASS, ADAPTER_ERROR, TIMEOUT;

    /** @return true for a result that makes the implementation non-conformant or the run unusable */
    public boolean bad() {
        return this == FAIL || this == UNEXPECTED_PASS || this == ADAPTER_ERROR || this == TIMEOUT;
    }
}
