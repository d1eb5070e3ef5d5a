package dev.leafspec.engine;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scriptable host VMM that answers TDG.VP.VMCALL exits the way the GHCI spec describes and KVM
 * ({@code arch/x86/kvm/vmx/tdx.c}) implements, plus the host side of EPT-violation TD exits.
 *
 * <p>The host works only on the register image the module gives it at the TD exit (selected GPRs and
 * XMMs; the others read as zero). It writes the sub-function status in R10 and results in R11..R15.
 * Configured {@code host.answer} entries take precedence over the modelled behaviour.
 *
 * <p>Selector: R10 = 0 means a GHCI-standard call with the sub-function in R11; R10 != 0 is a
 * vendor-specific call, answered with {@link TdVmcallStatus#SUBFUNC_UNSUPPORTED} unless configured.
 */
final class HostVmm {
    /** GetQuote buffer status words (GHCI "GetQuote"; Linux drivers/virt/coco/tdx-guest GET_QUOTE_*). */
    static final long GET_QUOTE_SUCCESS = 0;
    static final long GET_QUOTE_ERROR = 0x8000000000000000L;
    static final long GET_QUOTE_SERVICE_UNAVAILABLE = 0x8000000000000001L;
    /** QEMU tdx-quote-generator.h TDX_GET_QUOTE_STRUCTURE_VERSION and TDX_GET_QUOTE_MAX_BUF_LEN (128 KB). */
    static final long GET_QUOTE_STRUCTURE_VERSION = 1;
    static final long GET_QUOTE_MAX_BUF_LEN = 128 * 1024;
    /** Service response status for an unknown service GUID (GHCI 1.5 "Service"). */
    static final int SERVICE_NOT_SUPPORTED = 0xFFFFFFFE;

    static final class Answer {
        final long r10Selector;
        final long subfunction;
        final long status;
        final long[] regValues = new long[16];
        final boolean[] regSet = new boolean[16];
        int times; // < 0: always

        Answer(long r10Selector, long subfunction, long status, int times) {
            this.r10Selector = r10Selector;
            this.subfunction = subfunction;
            this.status = status;
            this.times = times;
        }
    }

    private final Td td;
    private final List<Answer> answers = new ArrayList<>();
    private final Set<Long> unsupported = new HashSet<>();
    private final Map<Long, long[]> cpuid = new HashMap<>();
    private final Map<Long, Long> msrs = new HashMap<>();
    private final Map<Integer, long[]> ports = new HashMap<>();
    private final Map<Long, long[]> mmio = new HashMap<>();
    /** Registers a hostile host writes on every exit: index 0..15 GPR, 16..31 XMM0..15. */
    private final Map<Integer, long[]> hostileWrites = new HashMap<>();
    private final byte[] cmos = new byte[128];
    private int cmosIndex;
    private Long quoteStatus;
    private byte[] quote = new byte[0];
    long eventNotifyVector;
    long fatalErrorCode = -1;
    final Deque<Long> fatalErrors = new ArrayDeque<>();

    HostVmm(Td td) {
        this.td = td;
        reset();
    }

    void reset() {
        answers.clear();
        unsupported.clear();
        cpuid.clear();
        msrs.clear();
        ports.clear();
        mmio.clear();
        hostileWrites.clear();
        java.util.Arrays.fill(cmos, (byte) 0);
        cmos[0x0A] = 0x26; // RTC status A: 32.768 kHz time base, 1024 Hz rate
        cmos[0x0B] = 0x02; // status B: 24-hour mode, BCD
        cmos[0x0D] = (byte) 0x80; // status D: valid RAM and time
        cmos[0x07] = 0x01; // day of month 01
        cmos[0x08] = 0x01; // month 01
        cmos[0x09] = 0x25; // year 25
        cmosIndex = 0;
        quoteStatus = null;
        quote = new byte[0];
        eventNotifyVector = 0;
        migTdLastFunction = 0;
        migTdLastRequestId = 0;
        fatalErrorCode = -1;
        fatalErrors.clear();
    }

    // ---- configuration -------------------------------------------------------------------------

    void addAnswer(Answer a) {
        answers.add(a);
    }

    void addUnsupported(long subfunction) {
        unsupported.add(subfunction);
    }

    void setCpuid(long leaf, long subleaf, long eax, long ebx, long ecx, long edx) {
        cpuid.put(((leaf & 0xFFFFFFFFL) << 32) | (subleaf & 0xFFFFFFFFL),
                new long[] {eax & 0xFFFFFFFFL, ebx & 0xFFFFFFFFL, ecx & 0xFFFFFFFFL, edx & 0xFFFFFFFFL});
    }

    void setMsr(long msr, long value) {
        msrs.put(msr & 0xFFFFFFFFL, value);
    }

    void setPort(int port, long value, int size) {
        ports.put(port & 0xFFFF, new long[] {value, size});
    }

    void setMmio(long gpa, long value, int size) {
        mmio.put(gpa & ~td.memory.sharedBit(), new long[] {value, size});
    }

    void setQuote(long status, byte[] bytes) {
        quoteStatus = status;
        quote = bytes.clone();
    }

    void addHostileWrite(int index, long low, long high) {
        hostileWrites.put(index, new long[] {low, high});
    }

    // ---- TD exits ------------------------------------------------------------------------------

    /**
     * Handles a TDG.VP.VMCALL exit. {@code r} is the host's register image (RAX = exit reason, RCX = the
     * guest's GPR/XMM selection, selected registers = guest values); the host writes its answer into it.
     */
    void handleTdvmcall(RegisterFile r) {
        long r10 = r.gpr(10);
        long r11 = r.gpr(11);
        Answer a = findAnswer(r10, r11);
        if (a != null) {
            r.gpr(10, a.status);
            for (int i = 0; i < 16; i++) {
                if (a.regSet[i]) r.gpr(i, a.regValues[i]);
            }
        } else if (r10 != 0 || unsupported.contains(r11)) {
            r.gpr(10, TdVmcallStatus.SUBFUNC_UNSUPPORTED);
        } else {
            dispatch(r11, r);
        }
        applyHostileWrites(r);
    }

    private Answer findAnswer(long r10, long r11) {
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            if (a.r10Selector == r10 && a.subfunction == r11) {
                if (a.times > 0 && --a.times == 0) answers.remove(i);
                return a;
            }
        }
        return null;
    }

    void applyHostileWrites(RegisterFile r) {
        for (Map.Entry<Integer, long[]> e : hostileWrites.entrySet()) {
            int idx = e.getKey();
            long[] v = e.getValue();
            if (idx < 16) r.gpr(idx, v[0]);
            else r.xmm(idx - 16, v[0], v[1]);
        }
    }

    private void dispatch(long subfunction, RegisterFile r) {
        if (subfunction == GhciSubfunction.CPUID) cpuid(r);
        else if (subfunction == GhciSubfunction.HLT) r.gpr(10, TdVmcallStatus.SUCCESS);
        else if (subfunction == GhciSubfunction.IO) io(r);
        else if (subfunction == GhciSubfunction.RDMSR) rdmsr(r);
        else if (subfunction == GhciSubfunction.WRMSR) wrmsr(r);
        else if (subfunction == GhciSubfunction.REQUEST_MMIO) mmio(r);
        else if (subfunction == GhciSubfunction.WBINVD) wbinvd(r);
        else if (subfunction == GhciSubfunction.PCONFIG) pconfig(r);
        else if (subfunction == GhciSubfunction.GET_TD_VM_CALL_INFO) getTdVmCallInfo(r);
        else if (subfunction == GhciSubfunction.MAP_GPA) mapGpa(r);
        else if (subfunction == GhciSubfunction.GET_QUOTE) getQuote(r);
        else if (subfunction == GhciSubfunction.REPORT_FATAL_ERROR) reportFatalError(r);
        else if (subfunction == GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT) setupEventNotify(r);
        else if (subfunction == GhciSubfunction.SERVICE) service(r);
        else if (subfunction == GhciSubfunction.MIGTD) migTd(r);
        else r.gpr(10, TdVmcallStatus.SUBFUNC_UNSUPPORTED);
    }

    /** Instruction.CPUID: R12 = EAX (leaf), R13 = ECX (subleaf) in; R12..R15 = EAX, EBX, ECX, EDX out. Unknown leaves read as zero. */
    private void cpuid(RegisterFile r) {
        long key = ((r.gpr(12) & 0xFFFFFFFFL) << 32) | (r.gpr(13) & 0xFFFFFFFFL);
        long[] v = cpuid.get(key);
        if (v == null) v = new long[4];
        r.gpr(12, v[0]);
        r.gpr(13, v[1]);
        r.gpr(14, v[2]);
        r.gpr(15, v[3]);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    private static long sizeMask(long size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /**
     * Instruction.IO: R12 size (1, 2, 4), R13 direction (0 in, 1 out), R14 port, R15 value (out).
     * IN returns the value in R11 zero-extended from the access size. Invalid size/direction:
     * INVALID_OPERAND (KVM tdx_emulate_io). Unclaimed ports read as all ones.
     */
    private void io(RegisterFile r) {
        long size = r.gpr(12);
        long dir = r.gpr(13);
        int port = (int) (r.gpr(14) & 0xFFFF);
        if ((dir != 0 && dir != 1) || (size != 1 && size != 2 && size != 4)) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        long mask = sizeMask(size);
        long[] reg = ports.get(port);
        if (dir == 1) {
            long v = r.gpr(15) & mask;
            if (reg != null) reg[0] = v;
            else if (port == 0x70) cmosIndex = (int) (v & 0x7F);
            else if (port == 0x71) cmos[cmosIndex] = (byte) v;
        } else {
            long v;
            if (reg != null) v = reg[0];
            else if (port == 0x70) v = 0xFF;
            else if (port == 0x71) v = cmos[cmosIndex] & 0xFF;
            else v = -1L;
            r.gpr(11, v & mask);
        }
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /** Instruction.RDMSR: R12 MSR index; R11 = value. Unknown MSR: INVALID_OPERAND (KVM: kvm_get_msr failure). */
    private void rdmsr(RegisterFile r) {
        Long v = msrs.get(r.gpr(12) & 0xFFFFFFFFL);
        if (v == null || (r.gpr(12) >>> 32) != 0) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        r.gpr(11, v);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /** Instruction.WRMSR: R12 MSR index, R13 value. Unknown MSR: INVALID_OPERAND. */
    private void wrmsr(RegisterFile r) {
        long idx = r.gpr(12) & 0xFFFFFFFFL;
        if (!msrs.containsKey(idx) || (r.gpr(12) >>> 32) != 0) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        msrs.put(idx, r.gpr(13));
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /**
     * #VE.RequestMMIO: R12 size (1, 2, 4, 8), R13 direction (0 read, 1 write), R14 GPA, R15 value (write);
     * read result in R11. The GPA range must be shared, else INVALID_OPERAND (KVM tdx_emulate_mmio).
     * Unclaimed MMIO reads as zero and ignores writes.
     */
    private void mmio(RegisterFile r) {
        long size = r.gpr(12);
        long dir = r.gpr(13);
        long gpa = r.gpr(14);
        if ((size != 1 && size != 2 && size != 4 && size != 8) || (dir != 0 && dir != 1)
                || !td.memory.isShared(gpa) || !td.memory.isShared(gpa + size - 1)
                || !td.memory.isValidGpa(gpa, false)) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        long mask = sizeMask(size);
        long[] reg = mmio.get(gpa & ~td.memory.sharedBit());
        if (dir == 1) {
            if (reg != null) reg[0] = r.gpr(15) & mask;
        } else {
            r.gpr(11, reg == null ? 0 : reg[0] & mask);
        }
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /** Instruction.WBINVD: R12 = 0 WBINVD, 1 WBNOINVD; anything else INVALID_OPERAND. */
    private void wbinvd(RegisterFile r) {
        long k = r.gpr(12);
        r.gpr(10, k == 0 || k == 1 ? TdVmcallStatus.SUCCESS : TdVmcallStatus.INVALID_OPERAND);
    }

    /** Instruction.PCONFIG: R12 = PCONFIG leaf; only leaf 0 (MKTME_KEY_PROGRAM) exists, else INVALID_OPERAND. */
    private void pconfig(RegisterFile r) {
        r.gpr(10, r.gpr(12) == 0 ? TdVmcallStatus.SUCCESS : TdVmcallStatus.INVALID_OPERAND);
    }

    /**
     * GetTdVmCallInfo: R12 = leaf. Leaf 0: R11..R14 = 0 (the base GHCI set). Leaf 1: R11..R14 = bitmaps of
     * optional sub-functions supported (none in this model: all zero). Others: INVALID_OPERAND (KVM tdx_get_td_vm_call_info).
     */
    private void getTdVmCallInfo(RegisterFile r) {
        long leaf = r.gpr(12);
        if (leaf != 0 && leaf != 1) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        r.gpr(11, 0);
        r.gpr(12, 0);
        r.gpr(13, 0);
        r.gpr(14, 0);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /**
     * MapGPA: R12 start GPA (SHARED bit selects the target: set = convert to shared, clear = to private),
     * R13 size in bytes. Checks in KVM tdx_map_gpa order: wrap-around, GPA beyond GPAW, or a range crossing
     * the SHARED bit: INVALID_OPERAND; GPA or size not 4 KB aligned: ALIGN_ERROR; on error R11 = R12.
     * Success converts the range (private pages leave the TD when converted to shared).
     */
    private void mapGpa(RegisterFile r) {
        long gpa = r.gpr(12);
        long size = r.gpr(13);
        long end = gpa + size;
        long limit = 1L << td.gpaw;
        if (Long.compareUnsigned(end, gpa) <= 0 || Long.compareUnsigned(gpa, limit) >= 0
                || Long.compareUnsigned(end - 1, limit) >= 0
                || td.memory.isShared(gpa) != td.memory.isShared(end - 1)) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            r.gpr(11, gpa);
            return;
        }
        if ((gpa & 0xFFF) != 0 || (size & 0xFFF) != 0) {
            r.gpr(10, TdVmcallStatus.ALIGN_ERROR);
            r.gpr(11, gpa);
            return;
        }
        if (td.memory.isShared(gpa)) {
            td.memory.removePrivate(gpa & ~td.memory.sharedBit(), size);
        }
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /**
     * GetQuote: R12 shared GPA of the buffer, R13 its size. Buffer layout (GHCI "GetQuote"; Linux
     * {@code struct tdx_quote_buf}; QEMU {@code struct tdx_get_quote_header}): u64 structure version (1), u64 status,
     * u32 in_len, u32 out_len, data. Checks in the order of the KVM + QEMU host (Linux arch/x86/kvm/vmx/tdx.c
     * tdx_get_quote, then QEMU target/i386/kvm/tdx.c tdx_handle_get_quote): a private GPA (KVM), a zero size,
     * GPA or size not 4 KB aligned (ALIGN_ERROR), a header version other than 1, a size above QEMU's 128 KB
     * safeguard (TDX_GET_QUOTE_MAX_BUF_LEN): INVALID_OPERAND unless said otherwise. The host writes status, out_len
     * and the quote (synchronously here; a real host completes later and signals the event-notify vector).
     */
    private void getQuote(RegisterFile r) {
        long gpa = r.gpr(12);
        long size = r.gpr(13);
        if (!td.memory.isShared(gpa) || !td.memory.isValidGpa(gpa, false) || size == 0) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        if ((gpa & 0xFFF) != 0 || (size & 0xFFF) != 0) {
            r.gpr(10, TdVmcallStatus.ALIGN_ERROR);
            return;
        }
        if (readQword(gpa) != GET_QUOTE_STRUCTURE_VERSION || size > GET_QUOTE_MAX_BUF_LEN) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        long status;
        byte[] q = quote;
        if (quoteStatus == null) {
            status = GET_QUOTE_SERVICE_UNAVAILABLE;
            q = new byte[0];
        } else {
            status = quoteStatus;
        }
        if (q.length > size - 24) {
            status = GET_QUOTE_ERROR;
            q = new byte[0];
        }
        byte[] hdr = new byte[16];
        for (int i = 0; i < 8; i++) hdr[i] = (byte) (status >>> (8 * i));
        for (int i = 0; i < 4; i++) hdr[12 + i] = (byte) (q.length >>> (8 * i));
        byte[] inLen = td.memory.read(gpa + 16, 4);
        System.arraycopy(inLen, 0, hdr, 8, 4);
        td.memory.write(gpa + 8, hdr);
        if (q.length > 0) td.memory.write(gpa + 24, q);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    private long readQword(long gpa) {
        byte[] b = td.memory.read(gpa, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[i] & 0xFF);
        return v;
    }

    /** ReportFatalError: R12 error code (R13 optional GPA of a message). The host records it; the TD would be torn down. */
    private void reportFatalError(RegisterFile r) {
        fatalErrorCode = r.gpr(12);
        fatalErrors.add(r.gpr(12));
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /** SetupEventNotifyInterrupt: R12 vector, 32..255, else INVALID_OPERAND. */
    private void setupEventNotify(RegisterFile r) {
        long v = r.gpr(12);
        if (v < 32 || v > 255) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        eventNotifyVector = v;
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /**
     * Service: R12 shared GPA of the command buffer, R13 shared GPA of the response buffer (both 4 KB aligned),
     * R14 interrupt vector (0 or 32..255), R15 timeout. Command header: GUID(16) Length(4) Reserved(4);
     * response header: GUID(16) Length(4) Status(4) (GHCI 1.5 "Service"). This host knows no service:
     * the response carries the command GUID, Length 24 and Status 0xFFFFFFFE (not supported).
     */
    private void service(RegisterFile r) {
        long cmd = r.gpr(12);
        long rsp = r.gpr(13);
        long vec = r.gpr(14);
        if (!td.memory.isShared(cmd) || !td.memory.isShared(rsp) || (cmd & 0xFFF) != 0 || (rsp & 0xFFF) != 0
                || !td.memory.isValidGpa(cmd, false) || !td.memory.isValidGpa(rsp, false)
                || (vec != 0 && (vec < 32 || vec > 255))) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        byte[] guid = td.memory.read(cmd, 16);
        byte[] hdr = new byte[24];
        System.arraycopy(guid, 0, hdr, 0, 16);
        hdr[16] = 24;
        for (int i = 0; i < 4; i++) hdr[20 + i] = (byte) (SERVICE_NOT_SUPPORTED >>> (8 * i));
        td.memory.write(rsp, hdr);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /** MigTD leaf functions (R12 bits 15:0) and the API version (R12 bits 23:16), td-shim tdx-tdcall lib.rs / tdx.rs. */
    static final int MIGTD_WAIT_FOR_REQUEST = 1, MIGTD_REPORT_STATUS = 2, MIGTD_SEND = 3, MIGTD_RECEIVE = 4;
    static final int MIGTD_API_VERSION = 1;

    /** The last MigTD leaf function the host accepted (0 = none), and its request id (R13) for 2..4. */
    int migTdLastFunction;
    long migTdLastRequestId;

    /**
     * MigTD (R11 = 0x10006), the transport a migration TD uses to talk to its host (td-shim
     * {@code tdx-tdcall/src/tdx.rs tdvmcall_migtd_waitforrequest/reportstatus/send/receive}).
     * R12: 15:0 leaf function, 23:16 API version (1), 63:24 reserved 0. Operands:
     * <ul>
     * <li>1 WaitForRequest: R13 buffer length, R14 shared buffer GPA, R15 interrupt vector.</li>
     * <li>2 ReportStatus: R13 request id, R14 pre-migration status (byte 1 = operation result), R15 buffer
     *     length, RBX shared buffer GPA, RDI interrupt vector.</li>
     * <li>3 Send / 4 Receive: R13 request id, R14 buffer length, R15 shared buffer GPA, RBX interrupt vector.</li>
     * </ul>
     * Checks, in td-shim's order: an unknown leaf function, a version other than 1 or a reserved R12 bit →
     * INVALID_OPERAND; ReportStatus with pre-migration status byte 1 in 0x0D..0xFE (reserved) → INVALID_OPERAND;
     * a buffer GPA not 4 KB aligned → ALIGN_ERROR; a buffer GPA that is private or beyond GPAW → INVALID_OPERAND
     * (the host cannot reach private memory); an interrupt vector 1..31 → INVALID_OPERAND. Otherwise SUCCESS
     * (R10 = 0) and no other output: the host queues the call and later signals the vector. This host has no
     * migration request or peer data, so it leaves the shared buffer unchanged (a WaitForRequest buffer keeps
     * data status 0 and length 0, which MigTD reads as "no request yet").
     */
    private void migTd(RegisterFile r) {
        long leaf = r.gpr(12);
        int function = (int) (leaf & 0xFFFF);
        long apiVersion = (leaf >>> 16) & 0xFF;
        if ((leaf >>> 24) != 0 || apiVersion != MIGTD_API_VERSION || function < MIGTD_WAIT_FOR_REQUEST
                || function > MIGTD_RECEIVE) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        long gpa;
        long vector;
        switch (function) {
            case MIGTD_WAIT_FOR_REQUEST:
                gpa = r.gpr(14);
                vector = r.gpr(15);
                break;
            case MIGTD_REPORT_STATUS: {
                long op = (r.gpr(14) >>> 8) & 0xFF;
                if (op >= 0x0D && op < 0xFF) {
                    r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
                    return;
                }
                gpa = r.gpr(3);
                vector = r.gpr(7);
                break;
            }
            default:
                gpa = r.gpr(15);
                vector = r.gpr(3);
                break;
        }
        if ((gpa & 0xFFF) != 0) {
            r.gpr(10, TdVmcallStatus.ALIGN_ERROR);
            return;
        }
        if (!td.memory.isShared(gpa) || !td.memory.isValidGpa(gpa, false) || (vector >= 1 && vector <= 31)) {
            r.gpr(10, TdVmcallStatus.INVALID_OPERAND);
            return;
        }
        migTdLastFunction = function;
        migTdLastRequestId = function == MIGTD_WAIT_FOR_REQUEST ? 0 : r.gpr(13);
        r.gpr(10, TdVmcallStatus.SUCCESS);
    }

    /**
     * The host side of an EPT-violation TD exit on a private GPA, as KVM handles it: if no page holds the
     * GPA it adds a 4 KB PENDING page (TDH.MEM.PAGE.AUG; KVM TDX maps private memory at 4 KB); if a larger
     * PENDING page holds it, it splits that page one level (TDH.MEM.PAGE.DEMOTE). With {@code splitAny}
     * (the module asked for a smaller mapping, TDG.MEM.PAGE.ATTR.WR) it splits a larger page in any state.
     * @return false if the host cannot resolve the violation
     */
    boolean resolveEptViolation(long gpa, boolean splitAny) {
        GuestMemory.Leaf l = td.memory.find(gpa);
        if (l == null) {
            td.memory.addLeaf(gpa & ~0xFFFL, 0, GuestMemory.PENDING);
            return true;
        }
        if ((l.state == GuestMemory.PENDING || splitAny) && l.level > 0) {
            td.memory.demote(l);
            return true;
        }
        return false;
    }

    static Gpr gpr(int i) {
        return Gpr.of(i);
    }
}
