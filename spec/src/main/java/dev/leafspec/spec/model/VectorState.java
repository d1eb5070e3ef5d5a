package dev.leafspec.spec.model;

/**
 * What a leaf does to the caller's vector state.
 *
 * @param xmm    XMM0..XMM15
 * @param avx    AVX/AVX2 upper state (YMM upper halves)
 * @param avx512 AVX-512 state (ZMM upper halves, opmask)
 * @param note   free text, may be null
 */
public record VectorState(Mode xmm, Mode avx, Mode avx512, String note) {
    public enum Mode {
        PRESERVED, PASSED_BY_BITMAP, RESET_TO_INIT, ZEROED;

        /** Parses the YAML spelling: preserved, passed-by-bitmap, reset-to-init, zeroed. */
        public static Mode parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }

        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** @return the same mode for XMM, AVX and AVX-512 */
    public static VectorState all(Mode m) {
        return new VectorState(m, m, m, null);
    }
}
