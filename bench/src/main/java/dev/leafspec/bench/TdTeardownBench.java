package dev.leafspec.bench;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.engine.TdxModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Build and tear down a TD with 1 VCPU and 16 private pages through the host model (SEAMCALLs on the reference
 * engine's SPI), one cycle per operation, on a module made READY once: TDH.MNG.CREATE (HKID 33), TDH.MNG.KEY.CONFIG on
 * both packages, 6 x TDH.MNG.ADDCX, TDH.MNG.INIT, TDH.VP.CREATE, 5 x TDH.VP.ADDCX, TDH.VP.INIT, TDH.MEM.SEPT.ADD
 * levels 3..1, 16 x TDH.MEM.PAGE.ADD (4 KB copies; no TDH.MR.EXTEND), TDH.MR.FINALIZE; then the KVM teardown order:
 * 16 x TDH.MEM.RANGE.BLOCK, TDH.MEM.TRACK, 16 x (TDH.MEM.PAGE.REMOVE + TDH.PHYMEM.PAGE.WBINVD), TDH.VP.FLUSH,
 * TDH.MNG.VPFLUSHDONE, TDH.PHYMEM.CACHE.WB on both packages, TDH.MNG.KEY.FREEID, 15 x TDH.PHYMEM.PAGE.RECLAIM and the
 * TDR last. The next cycle reuses the same pages and HKID, which is what the teardown must make possible.
 *
 * <p>Same-run baselines: {@link #baselineSysRdCalls} makes as many SEAMCALLs as one cycle (TDH.SYS.RD of one field:
 * the cost of the SPI and the dispatcher alone), and {@link #baselinePlatformReady} replaces the teardown by what a test
 * would otherwise do to get a clean module: {@code reset()} and fixture {@code platform.ready}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TdTeardownBench {
    static final int MNG_ADDCX = 1, PAGE_ADD = 2, SEPT_ADD = 3, VP_ADDCX = 4, RANGE_BLOCK = 7, MNG_KEY_CONFIG = 8,
            MNG_CREATE = 9, VP_CREATE = 10, MR_FINALIZE = 17, VP_FLUSH = 18, VPFLUSHDONE = 19, KEY_FREEID = 20,
            MNG_INIT = 21, VP_INIT = 22, PAGE_RECLAIM = 28, PAGE_REMOVE = 29, SYS_RD = 34, MEM_TRACK = 38,
            CACHE_WB = 40, PAGE_WBINVD = 41;
    static final long TDR = 0x4000_0000L, VP = TDR + 7 * 0x1000L, SEPT = TDR + 13 * 0x1000L, PAGES = TDR + 16 * 0x1000L;
    static final long PARAMS = 0x3000_0000L, SOURCE = 0x3000_1000L, HKID = 33, FIELD_NUM_PKGS = 0x9800000100000000L;
    static final int NUM_PAGES = 16;
    static final Map<String, String> LP0 = Map.of("lp", "0"), LP2 = Map.of("lp", "2");

    private LeafImplementation engine;
    private RegisterFile r;
    /** SEAMCALLs one build-and-tear-down cycle makes (counted in setUp). */
    private int callsPerCycle;
    private int calls;

    @Setup
    public void setUp() {
        engine = new TdxModule();
        r = new RegisterFile();
        ready();
        calls = 0;
        long s = buildAndTearDown();
        callsPerCycle = calls;
        if (s != 0) throw new IllegalStateException(String.format("a cycle failed: statuses OR 0x%016x", s));
        if (buildAndTearDown() != 0) throw new IllegalStateException("the second cycle on the same pages failed");
        if (baselineSysRdCalls() != 0) throw new IllegalStateException("TDH.SYS.RD failed");
    }

    private void ready() {
        engine.fixture("platform.ready", Map.of());
        // TD_PARAMS: ATTRIBUTES 0, XFAM 3, MAX_VCPUS 1, EPTP_CONTROLS WB + 4-level walk, TSC 100 x 25 MHz
        engine.fixture("host.memory", Map.of("hpa", Long.toString(PARAMS), "qwords", "0 3 1 0x1E 0 0x64"));
        for (int i = 0; i < NUM_PAGES; i++) {
            engine.fixture("host.memory", Map.of("hpa", Long.toString(SOURCE + 0x1000L * i), "fill", Integer.toString(i + 1)));
        }
    }

    private long sc(int leaf, long rcx, long rdx, long r8, long r9) {
        RegisterFile x = r;
        x.clear();
        x.gpr(0, leaf);
        x.gpr(1, rcx);
        x.gpr(2, rdx);
        x.gpr(8, r8);
        x.gpr(9, r9);
        engine.call(Instruction.SEAMCALL, x);
        calls++;
        return x.gpr(0);
    }

    /** One cycle; @return the OR of every status (0 when every call succeeded) */
    @Benchmark
    public long buildAndTearDown() {
        long s = sc(MNG_CREATE, TDR, HKID, 0, 0);
        s |= sc(MNG_KEY_CONFIG, TDR, 0, 0, 0);
        engine.fixture("platform.lp", LP2);
        s |= sc(MNG_KEY_CONFIG, TDR, 0, 0, 0);
        engine.fixture("platform.lp", LP0);
        for (int i = 1; i <= 6; i++) s |= sc(MNG_ADDCX, TDR + 0x1000L * i, TDR, 0, 0);
        s |= sc(MNG_INIT, TDR, PARAMS, 0, 0);
        s |= sc(VP_CREATE, VP, TDR, 0, 0);
        for (int i = 1; i <= 5; i++) s |= sc(VP_ADDCX, VP + 0x1000L * i, VP, 0, 0);
        s |= sc(VP_INIT, VP, 0, 0, 0);
        for (int l = 3; l >= 1; l--) s |= sc(SEPT_ADD, l, TDR, SEPT + 0x1000L * (3 - l), 0);
        for (int i = 0; i < NUM_PAGES; i++) s |= sc(PAGE_ADD, 0x1000L * i, TDR, PAGES + 0x1000L * i, SOURCE + 0x1000L * i);
        s |= sc(MR_FINALIZE, TDR, 0, 0, 0);
        // teardown
        for (int i = 0; i < NUM_PAGES; i++) s |= sc(RANGE_BLOCK, 0x1000L * i, TDR, 0, 0);
        s |= sc(MEM_TRACK, TDR, 0, 0, 0);
        for (int i = 0; i < NUM_PAGES; i++) {
            s |= sc(PAGE_REMOVE, 0x1000L * i, TDR, 0, 0);
            s |= sc(PAGE_WBINVD, r.gpr(1) | (HKID << 46), 0, 0, 0);
        }
        s |= sc(VP_FLUSH, VP, 0, 0, 0);
        s |= sc(VPFLUSHDONE, TDR, 0, 0, 0);
        s |= sc(CACHE_WB, 0, 0, 0, 0);
        engine.fixture("platform.lp", LP2);
        s |= sc(CACHE_WB, 0, 0, 0, 0);
        engine.fixture("platform.lp", LP0);
        s |= sc(KEY_FREEID, TDR, 0, 0, 0);
        for (int i = 2; i >= 0; i--) s |= sc(PAGE_RECLAIM, SEPT + 0x1000L * i, 0, 0, 0);
        for (int i = 5; i >= 0; i--) s |= sc(PAGE_RECLAIM, VP + 0x1000L * i, 0, 0, 0);
        for (int i = 6; i >= 1; i--) s |= sc(PAGE_RECLAIM, TDR + 0x1000L * i, 0, 0, 0);
        s |= sc(PAGE_RECLAIM, TDR, 0, 0, 0);
        return s;
    }

    /** Baseline: as many SEAMCALLs as one cycle makes, each TDH.SYS.RD of NUM_PKGS. */
    @Benchmark
    public long baselineSysRdCalls() {
        long s = 0;
        for (int i = 0, n = callsPerCycle; i < n; i++) s |= sc(SYS_RD, 0, FIELD_NUM_PKGS, 0, 0);
        return s;
    }

    /** Baseline: a clean module the other way, reset() and fixture platform.ready (no TD built). */
    @Benchmark
    public long baselinePlatformReady() {
        engine.reset();
        engine.fixture("platform.ready", Map.of());
        return r.gpr(0);
    }
}
