package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TDG.MR.KEY.GET (leaf 29) per intel/tdx-module 1.5.34 tdg_mr_key_get.c. */
class MrKeyGetTest extends EngineTestBase {
    static final long LEAF = 29;
    static final long REQ = 0x101000L;
    static final long OUT = 0x101100L;
    static final long NOT_SUPPORTED = 0xC000100400000000L;
    static final long SVN_INVALID = 0xC000100600000000L;
    static final long OPERAND_INVALID_KEYNAME = 0xC000010000000064L;
    static final long OPERAND_INVALID_KEYSIZE = 0xC00001000000006CL;

    @BeforeEach
    void enableSealing() {
        m.fixture("td.config", p("SEALING", "true"));
    }

    /** A valid TDKEYREQUEST: 128-bit key, given policy and salt byte. */
    static byte[] request(long policy, int saltByte) {
        byte[] r = new byte[128];
        r[3] = 1; // KEYSIZE_BITMAP: 128-bit
        for (int i = 0; i < 8; i++) r[8 + i] = (byte) (policy >>> (8 * i));
        for (int i = 0; i < 32; i++) r[70 + i] = (byte) saltByte;
        return r;
    }

    RegisterFile getKey(byte[] req, long r8) {
        m.writeGuestMemory(REQ, req);
        return tdcall(LEAF, REQ, OUT, r8, 0x9999);
    }

    byte[] key() {
        return m.readGuestMemory(OUT, 32);
    }

    @Test
    void successWritesA128BitKeyAndReturnsItsSizeInR9() {
        m.writeGuestMemory(OUT, new byte[32]);
        RegisterFile before = filled().set(Gpr.RCX, REQ).set(Gpr.RDX, OUT).set(Gpr.R8, 0);
        m.writeGuestMemory(REQ, request(1, 0x5A));
        RegisterFile r = tdcall(LEAF, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R9)).isEqualTo(128);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R9);
        byte[] k = key();
        assertThat(java.util.Arrays.copyOfRange(k, 0, 16)).isNotEqualTo(new byte[16]);
        assertThat(java.util.Arrays.copyOfRange(k, 16, 32)).isEqualTo(new byte[16]);
    }

    @Test
    void keyIsDeterministicAndDependsOnWhatTheSourceMixesIn() {
        getKey(request(1, 0x5A), 0);
        byte[] k1 = key();
        getKey(request(1, 0x5A), 0);
        assertThat(key()).as("same request, same key").isEqualTo(k1);
        getKey(request(1, 0x5B), 0);
        assertThat(key()).as("salt").isNotEqualTo(k1);
        getKey(request(1, 0x5A), 1);
        assertThat(key()).as("requestor").isNotEqualTo(k1);
        // MRTD selected by policy bit 0: a different MRTD changes the key; without bit 0 it does not
        getKey(request(0, 0x5A), 0);
        byte[] noMrtd = key();
        m.td.mrtd[0] ^= 1;
        getKey(request(1, 0x5A), 0);
        assertThat(key()).as("MRTD included").isNotEqualTo(k1);
        getKey(request(0, 0x5A), 0);
        assertThat(key()).as("MRTD not selected").isEqualTo(noMrtd);
        // RTMR 2 selected by policy bit 34
        getKey(request(1L << 34, 0x5A), 0);
        byte[] withRtmr = key();
        m.td.rtmr[2][0] ^= 1;
        getKey(request(1L << 34, 0x5A), 0);
        assertThat(key()).as("RTMR2 included").isNotEqualTo(withRtmr);
        // policy bits the source ignores (MRCONFIGID bit 2, MRSIGNER bit 9, RTMR 4 bit 36) do not change the key
        getKey(request(0, 0x5A), 0);
        byte[] base = key();
        getKey(request((1L << 2) | (1L << 9) | (1L << 36), 0x5A), 0);
        assertThat(key()).as("ignored policy bits").isEqualTo(base);
        // ISVSVN (offset 64) is not part of the derivation
        byte[] r = request(0, 0x5A);
        r[64] = 7;
        getKey(r, 0);
        assertThat(key()).as("ISVSVN ignored").isEqualTo(base);
    }

    @Test
    void maskedAttributesOnly() {
        byte[] r = request(0, 1);
        r[16] = 1; // ATTRIBUTES_MASK: DEBUG
        getKey(r, 0);
        byte[] k = key();
        m.td.attributes = 1L << 28; // outside the mask
        getKey(r, 0);
        assertThat(key()).isEqualTo(k);
        m.td.attributes = 1; // inside the mask
        getKey(r, 0);
        assertThat(key()).isNotEqualTo(k);
    }

    @Test
    void platformWithoutSealingReturnsOperandInvalidWithDetailZero() {
        m.fixture("td.config", p("SEALING_SUPPORTED", "false"));
        RegisterFile before = filled().set(Gpr.RCX, 3).set(Gpr.RDX, 5).set(Gpr.R8, 0xFFFF);
        RegisterFile r = tdcall(LEAF, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        assertOnlyChanged(before, r, Gpr.RAX);
    }

    @Test
    void tdWithoutSealingOrHwKeysIsNotSupported() {
        m.fixture("td.config", p("SEALING", "false"));
        assertThat(getKey(request(0, 0), 0).get(Gpr.RAX)).isEqualTo(NOT_SUPPORTED);
        assertThat(tdcall(LEAF, 1, 1, 0xFFFF, 0).get(Gpr.RAX)).as("before the inputs").isEqualTo(NOT_SUPPORTED);
        m.fixture("td.config", p("ENABLE_HW_KEYS", "true"));
        assertThat(getKey(request(0, 0), 0).get(Gpr.RAX)).isZero();
        // CONFIG_FLAGS bit 7 through the td.field fixture, readable with TDG.VM.RD
        m.reset();
        m.fixture("td.field", p("field", "0x1110000300000016", "value", "0x80"));
        assertThat(getKey(request(0, 0), 0).get(Gpr.RAX)).isZero();
        assertThat(tdcall(7, 0, 0x1110000300000016L, 0, 0).get(Gpr.R8)).isEqualTo(0x80);
    }

    @Test
    void fresh15TdIsNotSupportedAnd10RejectsTheLeaf() {
        m.reset();
        assertThat(tdcall(LEAF, 0, 0, 0, 0).get(Gpr.RAX)).isEqualTo(NOT_SUPPORTED);
        m.fixture("td.config", p("VERSION", "1.0", "SEALING", "true"));
        RegisterFile before = filled();
        RegisterFile r = tdcall(LEAF, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        assertOnlyChanged(before, r, Gpr.RAX);
        m.fixture("td.config", p("VERSION", "1.5"));
        assertThat(tdcall(LEAF | (1L << 16), filled()).get(Gpr.RAX)).as("version 1").isEqualTo(OPERAND_INVALID_RAX);
    }

    @Test
    void requestorInfo() {
        m.writeGuestMemory(REQ, request(0, 0));
        assertThat(tdcall(LEAF, REQ, OUT, 3, 0).get(Gpr.RAX)).isZero();
        assertThat(tdcall(LEAF, REQ, OUT, 4, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_R8);
        assertThat(tdcall(LEAF, REQ, OUT, 0x100, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_R8);
        assertThat(tdcall(LEAF, REQ + 1, OUT + 1, 4, 0).get(Gpr.RAX)).as("R8 before RCX").isEqualTo(OPERAND_INVALID_R8);
    }

    @Test
    void gpaChecks() {
        m.writeGuestMemory(REQ, request(0, 0));
        RegisterFile before = filled().set(Gpr.RCX, REQ + 0x40).set(Gpr.RDX, OUT).set(Gpr.R8, 0);
        RegisterFile r = tdcall(LEAF, before.copy());
        assertThat(r.get(Gpr.RAX)).as("RCX 128-aligned").isEqualTo(OPERAND_INVALID_RCX);
        assertOnlyChanged(before, r, Gpr.RAX);
        assertThat(tdcall(LEAF, (1L << 47) | REQ, OUT, 0, 0).get(Gpr.RAX)).as("shared RCX").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(LEAF, REQ + 0x40, OUT + 1, 0, 0).get(Gpr.RAX)).as("RCX before RDX").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(LEAF, REQ, OUT + 0x10, 0, 0).get(Gpr.RAX)).as("RDX 32-aligned").isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(LEAF, REQ, (1L << 47) | OUT, 0, 0).get(Gpr.RAX)).as("shared RDX").isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(LEAF, REQ, 1L << 50, 0, 0).get(Gpr.RAX)).as("beyond GPAW").isEqualTo(OPERAND_INVALID_RDX);
    }

    @Test
    void unmappedRequestExitsToHostThenTakesVe() {
        RegisterFile before = filled().set(Gpr.RCX, 0x500000L).set(Gpr.RDX, OUT).set(Gpr.R8, 0).set(Gpr.RAX, LEAF);
        RegisterFile r = tdcall(LEAF, before.copy());
        assertThat(m.observe("host.last-exit").get(Gpr.RAX)).isEqualTo(48);
        assertThat(m.observe("host.last-exit").get(Gpr.R8)).isEqualTo(0x500000L);
        assertOnlyChanged(before, r);
    }

    @Test
    void requestFieldChecks() {
        byte[] r = request(0, 0);
        r[0] = 1;
        assertThat(getKey(r, 0).get(Gpr.RAX)).as("KEYNAME").isEqualTo(OPERAND_INVALID_KEYNAME);
        r = request(0, 0);
        r[0] = 1;
        r[4] = 1;
        assertThat(getKey(r, 0).get(Gpr.RAX)).as("KEYNAME before reserved").isEqualTo(OPERAND_INVALID_KEYNAME);
        for (int[] bad : new int[][] {{4, 1}, {7, 0x80}, {127, 1}, {102, 1}, {8, 0x10}, {9, 0x08}, {14, 1},
                {16, 2}, {17, 0x80}, {18, 0x04}, {20, 1}, {23, 0x20}, {26, 0x08}, {31, 0x80}, {51, 1}, {63, 1}}) {
            r = request(0, 0);
            r[bad[0]] |= (byte) bad[1];
            assertThat(getKey(r, 0).get(Gpr.RAX)).as("reserved byte %d mask 0x%x", bad[0], bad[1])
                    .isEqualTo(OPERAND_INVALID_RCX);
        }
        // not reserved: ATTRIBUTES bits 0, 4, 16, 17, 27..31, 62, 63; XFAM bits 18:0; KEYPOLICY bits 0..3, 8..10, 32..47
        for (int[] ok : new int[][] {{16, 0x31}, {18, 0x03}, {19, 0xF8}, {23, 0xC0}, {24, 0xFF}, {25, 0xFF}, {26, 0x07},
                {8, 0x0F}, {9, 0x07}, {12, 0xFF}, {13, 0xFF}}) {
            r = request(0, 0);
            r[ok[0]] |= (byte) ok[1];
            assertThat(getKey(r, 0).get(Gpr.RAX)).as("byte %d mask 0x%x", ok[0], ok[1]).isZero();
        }
        r = request(0, 0);
        r[3] = 2; // 256-bit only
        assertThat(getKey(r, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_KEYSIZE);
        r[3] = 0;
        assertThat(getKey(r, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_KEYSIZE);
        r[3] = 3;
        assertThat(getKey(r, 0).get(Gpr.RAX)).isZero();
    }

    @Test
    void newerSvnIsRejectedAndLeavesR9AndTheBufferAlone() {
        m.writeGuestMemory(OUT, new byte[32]);
        byte[] r = request(0, 0);
        System.arraycopy(TdReport.CPUSVN, 0, r, 32, 16);
        r[48] = 1;
        r[49] = 5;
        assertThat(getKey(r, 0).get(Gpr.RAX)).as("current SVNs").isZero();
        m.writeGuestMemory(OUT, new byte[32]);
        r[32] = (byte) (TdReport.CPUSVN[0] + 1);
        RegisterFile res = getKey(r, 0);
        assertThat(res.get(Gpr.RAX)).isEqualTo(SVN_INVALID);
        assertThat(res.get(Gpr.R9)).isEqualTo(0x9999);
        assertThat(key()).isEqualTo(new byte[32]);
        r = request(0, 0);
        r[49] = 6; // TEE_TCB_SVN major above the platform's
        assertThat(getKey(r, 0).get(Gpr.RAX)).isEqualTo(SVN_INVALID);
        // the SVNs are inputs to the key
        r = request(0, 0);
        getKey(r, 0);
        byte[] k0 = key();
        r[32] = 1;
        getKey(r, 0);
        assertThat(key()).isNotEqualTo(k0);
    }

    @Test
    void capabilitiesListTheLeaf() {
        assertThat(m.capabilities().leaves()).contains("TDG.MR.KEY.GET");
    }
}
