package dev.leafspec.engine;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A VCPU's guest program and its guest register state (the GPR/XMM image the module keeps in TDVPS), run by
 * {@link TdhVpEnter}.
 *
 * <p><b>Program</b> (fixture {@code guest.program}): the register values the guest starts with ({@code initial}) and a
 * list of TDCALLs ({@code call.1}, {@code call.2}, ...), each a list of register assignments {@code NAME=VALUE}
 * (GPRs RAX..R15, XMM0..XMM15 with up to 128-bit values) separated by spaces or commas. Before each TDCALL the guest
 * writes that call's assignments over its current registers; every other register keeps the value it had after the
 * previous call (what a real guest does). The leaf is whatever RAX selects.
 *
 * <p><b>End of the program</b>: after its last call the guest halts the way a Linux TD guest does: it calls
 * TDG.VP.VMCALL&lt;Instruction.HLT&gt; with RCX = bitmap R10 R11 R12 (0x1C00), R10 = 0, R11 = 12 (exit reason HLT),
 * R12 = 0 (interrupts not blocked). Entering the VCPU again repeats that HLT exit. A VCPU without a program halts at once.
 *
 * <p><b>Log</b>: the guest's registers after each completed TDCALL (in call order, the final HLTs included), read by the
 * observations {@code guest.last-call} and {@code guest.call.N}. A TDCALL that caused an EPT-violation TD exit is not
 * completed (it runs again at the next entry); one that had a #VE injected is logged with its registers unchanged and
 * the program goes on with the next call (the guest's #VE handler is not modelled).
 */
final class GuestRun {
    /** TDVPS.LAST_TD_EXIT (tdx_tdvps.h last_td_exit_e): none yet, async fault-like, async trap-like, TDG.VP.VMCALL. */
    static final int EXIT_NONE = 0, EXIT_ASYNC_FAULT = 1, EXIT_ASYNC_TRAP = 2, EXIT_TDVMCALL = 3;
    /** The end-of-program call: TDG.VP.VMCALL&lt;Instruction.HLT&gt; with bitmap R10 R11 R12. */
    static final long HLT_BITMAP = 0x1C00, HLT_EXIT_REASON = 12;

    /** One assignment: register index 0..15 (GPR) or 16..31 (XMM0..15) and its 128-bit value. */
    record Assign(int reg, long low, long high) {
    }

    final List<Assign> initial = new ArrayList<>();
    final List<List<Assign>> calls = new ArrayList<>();
    /** The guest register image (TDVPS GPR state and XMMs); null until the first entry. */
    RegisterFile regs;
    /** Index of the next call to run (calls.size() and beyond: the end-of-program HLT). */
    int pc;
    int lastExit = EXIT_NONE;
    long vmcallControl;
    final List<RegisterFile> log = new ArrayList<>();

    /** @return the registers after completed call {@code n} (1-based), or null */
    RegisterFile loggedCall(int n) {
        return n >= 1 && n <= log.size() ? log.get(n - 1).copy() : null;
    }

    /** Fixture guest.program: {@code tdvpr}, optional {@code initial}, {@code call.1} ... {@code call.N}. */
    static void programFixture(SeamHost h, Map<String, String> p) {
        long tdvpr = Params.number(p, "tdvpr");
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        if (v == null) throw new IllegalArgumentException(String.format("guest.program: 0x%x is not a TDVPR", tdvpr));
        GuestRun run = new GuestRun();
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (k.equals("tdvpr")) continue;
            if (k.equals("initial")) {
                run.initial.addAll(parse(e.getValue()));
            } else if (k.startsWith("call.")) {
                int n = (int) Params.parseNumber(k.substring(5), "call number");
                if (n < 1) throw new IllegalArgumentException("guest.program: calls are numbered from 1");
                byIndex.put(n, e.getValue());
            } else {
                throw new IllegalArgumentException("guest.program: unknown key '" + e.getKey() + "'");
            }
        }
        int expect = 1;
        for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
            if (e.getKey() != expect++) throw new IllegalArgumentException("guest.program: call." + (expect - 1) + " is missing");
            run.calls.add(parse(e.getValue()));
        }
        v.run = run;
    }

    /** Parses "RAX=0x0 RCX=0x1c00, XMM3=0x0011..." into assignments. */
    static List<Assign> parse(String text) {
        List<Assign> out = new ArrayList<>();
        for (String item : text.trim().split("[,\\s]+")) {
            if (item.isEmpty()) continue;
            int eq = item.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("guest.program: '" + item + "' is not REGISTER=VALUE");
            String name = item.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String value = item.substring(eq + 1).trim();
            if (name.startsWith("XMM")) {
                int x = Integer.parseInt(name.substring(3));
                if (x < 0 || x > 15) throw new IllegalArgumentException("guest.program: no register " + name);
                long[] v = Params.number128(value, name);
                out.add(new Assign(16 + x, v[0], v[1]));
            } else {
                out.add(new Assign(Gpr.parse(name).ordinal(), Params.parseNumber(value, name), 0));
            }
        }
        return out;
    }

    static void apply(List<Assign> a, RegisterFile r) {
        for (Assign x : a) {
            if (x.reg < 16) r.gpr(x.reg, x.low);
            else r.xmm(x.reg - 16, x.low, x.high);
        }
    }

    /** The first TD entry: TDH.VP.INIT's guest state (RCX = its RDX input, other GPRs and XMMs 0), then {@code initial}. */
    void start(long initialRcx) {
        regs = new RegisterFile();
        regs.gpr(1, initialRcx);
        apply(initial, regs);
    }

    /** Writes the next call's register assignments into the guest registers. */
    void loadNextCall() {
        if (pc < calls.size()) {
            apply(calls.get(pc), regs);
        } else {
            regs.gpr(0, 0);
            regs.gpr(1, HLT_BITMAP);
            regs.gpr(10, 0);
            regs.gpr(11, HLT_EXIT_REASON);
            regs.gpr(12, 0);
        }
    }

    /** The current call completed with {@code status} in RAX (already written for TDG.VP.VMCALL). */
    void complete() {
        log.add(regs.copy());
        pc++;
    }
}
