package dev.leafspec.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host physical memory of the SEAM model: byte-exact reads and writes across 4 KB page boundaries (host.memory
 * fixtures and buffers need not be page aligned), page zeroing, and what resetting the module forgets.
 */
class SeamHostMemoryTest {
    private static byte[] ramp(int n, int from) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (from + i);
        return b;
    }

    @Test
    void writeAndReadAcrossPageBoundaries() {
        SeamHost h = new SeamHost();
        byte[] data = ramp(3 * 4096 + 100, 7);
        h.write(0x3000_0F80L, data);
        assertThat(h.read(0x3000_0F80L, data.length)).isEqualTo(data);
        // a read that starts inside and ends inside other pages sees the same bytes
        byte[] mid = h.read(0x3000_1FF0L, 40);
        for (int i = 0; i < 40; i++) assertThat(mid[i]).isEqualTo(data[0x1FF0 - 0xF80 + i]);
        // bytes before and after the written range read as zero
        assertThat(h.read(0x3000_0F78L, 8)).containsOnly(0);
        assertThat(h.read(0x3000_0F80L + data.length, 16)).containsOnly(0);
        assertThat(h.read64(0x3000_0F80L)).isEqualTo(0x0E0D0C0B0A090807L);
    }

    @Test
    void zeroPageClearsExactlyThatPage() {
        SeamHost h = new SeamHost();
        h.write(0x4000_0000L, ramp(3 * 4096, 1));
        h.zeroPage(0x4000_1000L);
        assertThat(h.read(0x4000_1000L, 4096)).containsOnly(0);
        assertThat(h.read(0x4000_0FF8L, 8)).isEqualTo(java.util.Arrays.copyOfRange(ramp(3 * 4096, 1), 0xFF8, 0x1000));
        assertThat(h.read(0x4000_2000L, 8)).isEqualTo(java.util.Arrays.copyOfRange(ramp(3 * 4096, 1), 0x2000, 0x2008));
    }

    @Test
    void resettingTheModuleForgetsMemoryTdmrsTdsAndTheKot() {
        SeamHost h = new SeamHost();
        h.write(0x3000_0000L, ramp(16, 1));
        SeamHost.Tdmr t = new SeamHost.Tdmr();
        t.base = 0x4000_0000L;
        t.size = 0x4000_0000L;
        t.lastInitialized = t.base + t.size;
        h.tdmrs.add(t);
        h.tds.put(0x4000_0000L, new SeamHost.TdCtx(0x4000_0000L));
        h.vcpus.put(0x4000_1000L, new SeamHost.VcpuCtx(0x4000_1000L, 0x4000_0000L));
        h.kot[40] = 2;
        h.wbinvdBitmap[40] = 3;
        h.resetModule();
        assertThat(h.read(0x3000_0000L, 16)).containsOnly(0);
        assertThat(h.tdmrs).isEmpty();
        assertThat(h.tdmrOf(0x4000_0000L)).isNull();
        assertThat(h.tds).isEmpty();
        assertThat(h.vcpus).isEmpty();
        assertThat(h.kot[40]).isZero();
        assertThat(h.wbinvdBitmap[40]).isZero();
    }

    @Test
    void aNewHostHasTheDefaultPlatform() {
        SeamHost h = new SeamHost();
        assertThat(h.cmrs).hasSize(1);
        assertThat(h.cmrs.get(0)).containsExactly(0L, 0x1_0000_0000L);
        assertThat(h.sysState).isEqualTo(SeamHost.SYSINIT_PENDING);
    }
}
