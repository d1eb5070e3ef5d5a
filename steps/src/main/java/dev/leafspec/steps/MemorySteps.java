package dev.leafspec.steps;

import dev.leafspec.api.NotSupportedException;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps on guest memory beyond GuestSteps' writes and exact-bytes check: fills, copies, bit flips
 * (for tampering with a TDREPORT) and "N bytes of X" checks (for zeroed pages).
 */
public class MemorySteps {
    private final World world;

    public MemorySteps(World world) {
        this.world = world;
    }

    /** Reads guest memory; an implementation without guest-memory access ends the scenario NOT_SUPPORTED. */
    static byte[] read(World world, long gpa, int length) {
        try {
            return world.impl.readGuestMemory(gpa, length);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    /** Writes guest memory; an implementation without guest-memory access ends the scenario NOT_SUPPORTED. */
    static void write(World world, long gpa, byte[] data) {
        try {
            world.impl.writeGuestMemory(gpa, data);
        } catch (NotSupportedException e) {
            throw NotSupported.because(e.capability());
        }
    }

    @Given("the guest copies {int} bytes from {hex} to {hex}")
    public void copy(int length, Long from, Long to) {
        write(world, to, read(world, from, length));
    }

    @Given("the guest flips bit {int} of the byte at {hex}")
    public void flipBit(int bit, Long gpa) {
        if (bit < 0 || bit > 7) throw new IllegalArgumentException("a byte has bits 0..7, not " + bit);
        byte[] b = read(world, gpa, 1);
        b[0] ^= (byte) (1 << bit);
        write(world, gpa, b);
    }

    @Then("guest memory at {hex} holds {int} bytes of {hex}")
    public void holdsRepeated(Long gpa, int count, Long value) {
        byte[] got = read(world, gpa, count);
        byte v = (byte) (long) value;
        for (int i = 0; i < got.length; i++) {
            if (got[i] != v) {
                byte[] around = Arrays.copyOfRange(got, i, Math.min(got.length, i + 16));
                assertThat(got[i]).withFailMessage("%s guest memory at %s: expected %d bytes of 0x%02x, but the byte at %s is 0x%02x"
                                + " (from there: %s)", world.where(), Hex.of(gpa), count, v & 0xFF, Hex.of(gpa + i), got[i] & 0xFF,
                        Hex.bytesOf(around)).isEqualTo(v);
            }
        }
    }

    /** The {@code length} bytes at {@code gpa} equal those at {@code other} (e.g. a key derived twice). */
    @Then("guest memory at {hex} holds the same {int} bytes as {hex}")
    public void sameBytes(long gpa, int length, long other) {
        byte[] a = read(world, gpa, length);
        byte[] b = read(world, other, length);
        assertThat(Arrays.equals(a, b)).withFailMessage("%s the %d bytes at %s (%s) differ from those at %s (%s), but must be equal",
                world.where(), length, Hex.of(gpa), hex(a), Hex.of(other), hex(b)).isTrue();
    }

    /** The {@code length} bytes at {@code gpa} differ from those at {@code other} (e.g. a key under another input). */
    @Then("guest memory at {hex} differs from the {int} bytes at {hex}")
    public void differentBytes(long gpa, int length, long other) {
        byte[] a = read(world, gpa, length);
        byte[] b = read(world, other, length);
        assertThat(Arrays.equals(a, b)).withFailMessage("%s the %d bytes at %s equal those at %s (%s), but must differ",
                world.where(), length, Hex.of(gpa), Hex.of(other), hex(a)).isFalse();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}
