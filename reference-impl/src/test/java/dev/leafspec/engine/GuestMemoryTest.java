package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Guest memory as the SPI's readGuestMemory/writeGuestMemory and the leaves see it: private accepted pages and shared
 * pages, byte-exact across 4 KB boundaries, zero where never written, refused where not mapped.
 */
class GuestMemoryTest extends EngineTestBase {
    private static final long SHARED = 1L << 47;

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    @Test
    void privateBytesRoundTripAcrossPageBoundaries() {
        byte[] data = pattern(3 * 4096 + 100, 7);
        m.writeGuestMemory(0x100F00, data);
        assertThat(m.readGuestMemory(0x100F00, data.length)).isEqualTo(data);
        // reads that start and end at other offsets see the same bytes
        byte[] part = m.readGuestMemory(0x101FF9, 4096 + 14);
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(data, 0x101FF9 - 0x100F00, 0x101FF9 - 0x100F00 + 4096 + 14));
        // bytes around the write are untouched (never written: zero)
        assertThat(m.readGuestMemory(0x100EF8, 8)).containsOnly(0);
        assertThat(m.readGuestMemory(0x100F00 + data.length, 8)).containsOnly(0);
    }

    @Test
    void sharedBytesRoundTripAcrossPageBoundariesAndAreApartFromPrivate() {
        byte[] data = pattern(5000, 3);
        m.writeGuestMemory(SHARED | 0x180FF0, data);
        assertThat(m.readGuestMemory(SHARED | 0x180FF0, data.length)).isEqualTo(data);
        assertThat(m.readGuestMemory(SHARED | 0x181000, 16)).isEqualTo(java.util.Arrays.copyOfRange(data, 16, 32));
        assertThat(m.readGuestMemory(0x180FF0, 32)).as("the private page of the same GPA").containsOnly(0);
    }

    @Test
    void unmappedOrInvalidRangesAreRefused() {
        assertThatThrownBy(() -> m.readGuestMemory(0x1FFFF8, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x200000");
        assertThatThrownBy(() -> m.writeGuestMemory(0x300000, new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not mapped");
        assertThatThrownBy(() -> m.readGuestMemory(SHARED - 8, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> m.readGuestMemory(1L << 48, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.readGuestMemory(0x1FFFF8, 8)).hasSize(8);
        assertThat(m.readGuestMemory(0x100000, 0)).isEmpty();
    }
}
