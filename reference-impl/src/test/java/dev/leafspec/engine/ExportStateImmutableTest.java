package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Instruction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TDH.MIG.STREAM.CREATE and TDH.EXPORT.STATE.IMMUTABLE up to AES-GCM and success (tdx_1.5 migration_api_calls). */
class ExportStateImmutableTest extends SeamTestBase {
    static final long MIGSC1 = TDR + 0x40000, MIGSC2 = TDR + 0x41000;
    static final long LIST = 0x3030_0000L, MBMD = 0x3030_4000L, BUF0 = 0x3030_1000L, BUF1 = 0x3030_2000L;
    static final long R8 = (128L << 52) | MBMD, R9 = (2L << 55) | LIST;

    RegisterFile export(long r8, long r9, long r10) {
        RegisterFile r = filled();
        r.gpr(0, 72);
        r.gpr(1, TDR);
        r.gpr(8, r8);
        r.gpr(9, r9);
        r.gpr(10, r10);
        m.call(Instruction.SEAMCALL, r);
        return r;
    }

    void migratableTdWithStreams() {
        buildTd(true);
        m.seam.tds.get(TDR).attributes |= 1L << 29;
        ok(96, MIGSC1, TDR, 0, 0);
        assertThat(m.seam.pageType(MIGSC1)).isEqualTo(SeamHost.PT_TDCX);
        assertThat(status(72, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_MIN_MIGS_NOT_CREATED);
        ok(96, MIGSC2, TDR, 0, 0);
        m.fixture("host.memory", Map.of("hpa", Long.toString(LIST), "qwords", BUF0 + " " + BUF1));
    }

    static void assertXmmsZero(RegisterFile r) {
        for (int i = 0; i < 16; i++) assertThat(r.xmmLow(i) | r.xmmHigh(i)).as("XMM%d", i).isZero();
    }

    static void assertXmmsKept(RegisterFile r) {
        RegisterFile f = filled();
        for (int i = 0; i < 16; i++) assertThat(r.xmmLow(i)).as("XMM%d", i).isEqualTo(f.xmmLow(i));
    }

    @Test
    void streamCreateChecksTheMigscPage() {
        buildTd(true);
        assertThat(status(96, TDR, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | 1);
        assertThat(status(96, MIGSC1 + 8, TDR, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        ok(96, MIGSC1, TDR, 0, 0);
        assertThat(m.seam.tds.get(TDR).numMigs).isEqualTo(1);
    }

    @Test
    void successRunsAesGcmZeroesXmmsAndStartsTheSession() {
        migratableTdWithStreams();
        RegisterFile r = export(R8, R9, 0);
        assertThat(r.gpr(0)).isEqualTo(SeamStatus.TDX_MIGRATION_DECRYPTION_KEY_NOT_SET);
        assertXmmsKept(r);
        m.fixture("migtd.keys", Map.of("tdr", Long.toString(TDR)));
        r = export(R8, R9, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(2)).isEqualTo(2);
        assertXmmsZero(r);
        assertThat(r.gpr(9)).isEqualTo(R9);
        assertThat(m.seam.tds.get(TDR).opState).isEqualTo(SeamHost.OP_LIVE_EXPORT);
        assertThatThrownBy(() -> export(R8, R9, 0)).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void operandChecksBeforeAesGcmKeepXmms() {
        migratableTdWithStreams();
        m.fixture("migtd.keys", Map.of("tdr", Long.toString(TDR)));
        RegisterFile r = export((47L << 52) | MBMD, R9, 0);
        assertThat(r.gpr(0)).isEqualTo(OPERAND_INVALID_R8);
        assertXmmsKept(r);
        assertThat(export((128L << 52) | (MBMD + 64), R9, 0).gpr(0)).isEqualTo(OPERAND_INVALID_R8);
        assertThat(export(R8, R9, 1).gpr(0)).isEqualTo(0xC00001000000000AL);
        assertThat(export(R8, (1L << 55) | LIST, 0).gpr(0)).isEqualTo(0xC000010000000009L);
        assertThat(export(R8, R9 | 1, 0).gpr(0)).isEqualTo(0xC000010000000009L);
        assertThat(export(R8, R9, 1L << 63).gpr(0)).isEqualTo(SeamStatus.TDX_MIGRATION_STREAM_STATE_INCORRECT);
    }

    @Test
    void badListEntryFailsAfterAesGcmAndStillZeroesXmms() {
        migratableTdWithStreams();
        m.fixture("migtd.keys", Map.of("tdr", Long.toString(TDR)));
        m.fixture("host.memory", Map.of("hpa", Long.toString(LIST), "qwords", BUF0 + " " + (BUF1 + 0x10)));
        RegisterFile r = export(R8, R9, 0);
        assertThat(r.gpr(0)).isEqualTo(TdxStatus.TDX_OPERAND_INVALID | 98);
        assertThat(r.gpr(2)).isZero();
        assertXmmsZero(r);
        // the keys were consumed; a resume finds no interrupted export
        assertThat(export(R8, R9, 0).gpr(0)).isEqualTo(SeamStatus.TDX_MIGRATION_DECRYPTION_KEY_NOT_SET);
        assertThat(export(R8, R9, 1L << 63).gpr(0)).isEqualTo(SeamStatus.TDX_INVALID_RESUMPTION);
        assertThat(m.seam.tds.get(TDR).opState).isEqualTo(SeamHost.OP_RUNNABLE);
    }
}
