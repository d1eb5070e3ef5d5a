/*
 * leafspec-harness: runs caller-side TDX wrappers (compiled code in a shared object) natively and hands every
 * TDCALL / SEAMCALL they execute to the LeafSpec reference engine (the Java side, over stdin/stdout; the library itself
 * sees /dev/null as stdin and stderr as stdout, so its own output cannot corrupt the protocol).
 *
 * Outside a TD, TDCALL (66 0F 01 CC) and SEAMCALL (66 0F 01 CF) raise #UD, which Linux delivers as SIGILL. The SIGILL
 * handler checks the opcode at RIP, writes the complete register file (RAX..R15, RFLAGS, XMM0..15 and, where the CPU
 * and OS have AVX, the upper halves of YMM0..15 from the XSAVE area after the signal frame's fxsave image) as one line
 * to stdout, reads the engine's answer from stdin, writes it into the signal context and resumes at RIP+4. Any other
 * fault (another SIGILL opcode, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP) is reported as a real fault. Protocol and the Java
 * side: docs/caller-spec-format.md, module caller/.
 *
 * x86-64 Linux only. Build: gcc -O2 -Wall -o leafspec-harness harness.c -ldl
 *
 * Protocol 2. Every number is hex without 0x; on the hot path (t, A, d) each is written as exactly 16 digits.
 * XMM values are given as two 64-bit halves, low then high, XMM0 first; YMMH is the same for the upper 128 bits of
 * YMM0..15 (bits 255:128) and is present exactly when the hello line says "ymm":true.
 * Commands (one per line on stdin; a command that arrives while a call waits for an answer is queued and run after):
 *   C <symbol> <16 GPRs RAX..R15> <32 XMM halves> <nbuf> {<reg> <hex bytes>}... [Y <32 YMMH halves>]
 *       call <symbol> with every GPR (except RSP) and XMM (and YMM upper half) loaded from the command; each buffer is
 *       copied to fresh 64-byte-aligned memory and its address replaces GPR <reg> (a pointer argument). Without Y the
 *       YMM upper halves are zero.
 *   T <n>   baseline: execute TDCALL n times with a handler that only skips it (no engine); reports the time
 *   Q       exit
 * Output lines: JSON for the rare ones,
 *   {"hello":"leafspec-harness","protocol":2,"ymm":true,"lib":"..."}          after dlopen
 *   {"fault":"SIGSEGV","rip":"0x..","at":"sym+0x12","addr":"0x..","bytes":"0f0b..",...}   the call is abandoned
 *   {"aborted":"reason"}   {"error":"message"}   {"trap-only":n,"ns":t}
 * and fixed-layout records for the per-call ones:
 *   t <T|S> <RIP> <RFLAGS> <16 GPRs> <32 XMM halves> [<32 YMMH halves>]        a TDCALL (T) or SEAMCALL (S) trapped;
 *       the engine answers one line:
 *       A <16 GPRs> <RFLAGS> <32 XMM halves> [<32 YMMH halves>]   (RSP is ignored; RFLAGS: only CF PF AF ZF SF DF OF)
 *       or any line containing "abort" (the call is abandoned, {"aborted":...} follows)
 *   d <entry RSP> <RFLAGS> <16 GPRs> <32 XMM halves> [<32 YMMH halves>] <nbuf> {<reg> <addr> <hex bytes>}...
 *       the function returned: every register right after the return, and each buffer's address and contents
 * Output is written when the harness would otherwise wait for input, so a caller that sends the next C command before
 * the current call ends gets the end of one call and the first trap of the next in one write (one round trip a call).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cpuid.h>
#include <sys/ioctl.h>
#include <ucontext.h>
#include <unistd.h>

/* The protocol's own file descriptors: copies of the original stdin/stdout taken at start. The library under test gets
 * /dev/null as stdin and stderr as stdout, so a debug printf or a read of stdin in a wrapper cannot corrupt the protocol. */
static int proto_in = 0, proto_out = 1;

#if !defined(__x86_64__) || !defined(__linux__)
#error "leafspec-harness needs x86-64 Linux (TDCALL/SEAMCALL trapping through SIGILL)"
#endif

/* The state the trampoline reads and writes; offsets are used by the assembly below. */
struct hstate {
    uint64_t in[16];     /*   0: GPRs loaded before the call (RSP ignored) */
    uint64_t out[16];    /* 128: GPRs right after the return */
    uint64_t xin[32];    /* 256: XMM0..15 loaded before the call (low, high) */
    uint64_t xout[32];   /* 512: XMM0..15 right after the return */
    uint64_t rflags_out; /* 768 */
    uint64_t rsp_entry;  /* 776: RSP at the call instruction */
    uint64_t yin[32];    /* 784: YMM0..15 bits 255:128 loaded before the call (low, high), when lsh_has_ymm */
    uint64_t yout[32];   /* 1040: the same right after the return */
};

/* 1 when the CPU has AVX and the OS enabled the AVX state in XCR0 (set in main); read by the trampoline. */
int lsh_has_ymm __attribute__((used));
/* Offset of the YMM_Hi128 component in a standard-format XSAVE area (CPUID.(EAX=0DH,ECX=2):EBX). */
static unsigned ymm_xsave_off;

_Static_assert(__builtin_offsetof(struct hstate, xin) == 256 && __builtin_offsetof(struct hstate, rflags_out) == 768 &&
               __builtin_offsetof(struct hstate, yin) == 784 && __builtin_offsetof(struct hstate, yout) == 1040,
               "the trampoline's offsets");

uint64_t lsh_invoke(void *fn, struct hstate *st);

/* lsh_invoke(fn, st): saves the harness's callee-saved registers, loads every GPR and XMM from st, calls fn, stores
 * every GPR, XMM and RFLAGS as they are right after the return, restores its own registers and RSP. */
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".type lsh_invoke,@function\n"
    "lsh_invoke:\n"
    "  push %rbp\n  push %rbx\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  sub $8, %rsp\n"
    "  mov %rsp, lsh_saved_rsp(%rip)\n"
    "  mov %rdi, lsh_target(%rip)\n"
    "  mov %rsi, lsh_state(%rip)\n"
    "  mov %rsp, 776(%rsi)\n"
    "  movdqu 256(%rsi), %xmm0\n  movdqu 272(%rsi), %xmm1\n  movdqu 288(%rsi), %xmm2\n  movdqu 304(%rsi), %xmm3\n"
    "  movdqu 320(%rsi), %xmm4\n  movdqu 336(%rsi), %xmm5\n  movdqu 352(%rsi), %xmm6\n  movdqu 368(%rsi), %xmm7\n"
    "  movdqu 384(%rsi), %xmm8\n  movdqu 400(%rsi), %xmm9\n  movdqu 416(%rsi), %xmm10\n  movdqu 432(%rsi), %xmm11\n"
    "  movdqu 448(%rsi), %xmm12\n  movdqu 464(%rsi), %xmm13\n  movdqu 480(%rsi), %xmm14\n  movdqu 496(%rsi), %xmm15\n"
    "  cmpl $0, lsh_has_ymm(%rip)\n  je 1f\n"
    "  vinsertf128 $1, 784(%rsi), %ymm0, %ymm0\n  vinsertf128 $1, 800(%rsi), %ymm1, %ymm1\n"
    "  vinsertf128 $1, 816(%rsi), %ymm2, %ymm2\n  vinsertf128 $1, 832(%rsi), %ymm3, %ymm3\n"
    "  vinsertf128 $1, 848(%rsi), %ymm4, %ymm4\n  vinsertf128 $1, 864(%rsi), %ymm5, %ymm5\n"
    "  vinsertf128 $1, 880(%rsi), %ymm6, %ymm6\n  vinsertf128 $1, 896(%rsi), %ymm7, %ymm7\n"
    "  vinsertf128 $1, 912(%rsi), %ymm8, %ymm8\n  vinsertf128 $1, 928(%rsi), %ymm9, %ymm9\n"
    "  vinsertf128 $1, 944(%rsi), %ymm10, %ymm10\n  vinsertf128 $1, 960(%rsi), %ymm11, %ymm11\n"
    "  vinsertf128 $1, 976(%rsi), %ymm12, %ymm12\n  vinsertf128 $1, 992(%rsi), %ymm13, %ymm13\n"
    "  vinsertf128 $1, 1008(%rsi), %ymm14, %ymm14\n  vinsertf128 $1, 1024(%rsi), %ymm15, %ymm15\n"
    "1:\n"
    "  mov 0(%rsi), %rax\n  mov 8(%rsi), %rcx\n  mov 16(%rsi), %rdx\n  mov 24(%rsi), %rbx\n"
    "  mov 40(%rsi), %rbp\n  mov 56(%rsi), %rdi\n"
    "  mov 64(%rsi), %r8\n  mov 72(%rsi), %r9\n  mov 80(%rsi), %r10\n  mov 88(%rsi), %r11\n"
    "  mov 96(%rsi), %r12\n  mov 104(%rsi), %r13\n  mov 112(%rsi), %r14\n  mov 120(%rsi), %r15\n"
    "  mov 48(%rsi), %rsi\n"
    "  call *lsh_target(%rip)\n"
    "  mov %rax, lsh_tmp(%rip)\n"
    "  mov lsh_state(%rip), %rax\n"
    "  mov %rcx, 136(%rax)\n  mov %rdx, 144(%rax)\n  mov %rbx, 152(%rax)\n  mov %rsp, 160(%rax)\n"
    "  mov %rbp, 168(%rax)\n  mov %rsi, 176(%rax)\n  mov %rdi, 184(%rax)\n"
    "  mov %r8, 192(%rax)\n  mov %r9, 200(%rax)\n  mov %r10, 208(%rax)\n  mov %r11, 216(%rax)\n"
    "  mov %r12, 224(%rax)\n  mov %r13, 232(%rax)\n  mov %r14, 240(%rax)\n  mov %r15, 248(%rax)\n"
    "  movdqu %xmm0, 512(%rax)\n  movdqu %xmm1, 528(%rax)\n  movdqu %xmm2, 544(%rax)\n  movdqu %xmm3, 560(%rax)\n"
    "  movdqu %xmm4, 576(%rax)\n  movdqu %xmm5, 592(%rax)\n  movdqu %xmm6, 608(%rax)\n  movdqu %xmm7, 624(%rax)\n"
    "  movdqu %xmm8, 640(%rax)\n  movdqu %xmm9, 656(%rax)\n  movdqu %xmm10, 672(%rax)\n  movdqu %xmm11, 688(%rax)\n"
    "  movdqu %xmm12, 704(%rax)\n  movdqu %xmm13, 720(%rax)\n  movdqu %xmm14, 736(%rax)\n  movdqu %xmm15, 752(%rax)\n"
    "  mov lsh_saved_rsp(%rip), %rsp\n"
    "  pushfq\n  pop %rcx\n  mov %rcx, 768(%rax)\n"
    /* the YMM upper halves after RFLAGS was saved (cmpl changes it); nothing above touched a vector register */
    "  cmpl $0, lsh_has_ymm(%rip)\n  je 2f\n"
    "  vextractf128 $1, %ymm0, 1040(%rax)\n  vextractf128 $1, %ymm1, 1056(%rax)\n"
    "  vextractf128 $1, %ymm2, 1072(%rax)\n  vextractf128 $1, %ymm3, 1088(%rax)\n"
    "  vextractf128 $1, %ymm4, 1104(%rax)\n  vextractf128 $1, %ymm5, 1120(%rax)\n"
    "  vextractf128 $1, %ymm6, 1136(%rax)\n  vextractf128 $1, %ymm7, 1152(%rax)\n"
    "  vextractf128 $1, %ymm8, 1168(%rax)\n  vextractf128 $1, %ymm9, 1184(%rax)\n"
    "  vextractf128 $1, %ymm10, 1200(%rax)\n  vextractf128 $1, %ymm11, 1216(%rax)\n"
    "  vextractf128 $1, %ymm12, 1232(%rax)\n  vextractf128 $1, %ymm13, 1248(%rax)\n"
    "  vextractf128 $1, %ymm14, 1264(%rax)\n  vextractf128 $1, %ymm15, 1280(%rax)\n"
    "2:\n"
    "  mov lsh_tmp(%rip), %rcx\n  mov %rcx, 128(%rax)\n  mov %rcx, %rax\n"
    "  add $8, %rsp\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbx\n  pop %rbp\n"
    "  ret\n"
    ".size lsh_invoke, .-lsh_invoke\n"
    ".bss\n"
    ".p2align 3\n"
    "lsh_saved_rsp: .zero 8\n"
    "lsh_target: .zero 8\n"
    "lsh_state: .zero 8\n"
    "lsh_tmp: .zero 8\n"
    ".text\n");

/* ------------------------------------------------------------------ output */

static char *obuf;
static size_t ocap, olen;

static void out_reserve(size_t n) {
    if (olen + n <= ocap) return;
    while (olen + n > ocap) ocap = ocap ? ocap * 2 : 1 << 16;
    obuf = realloc(obuf, ocap);
    if (!obuf) _exit(3);
}
static void out_str(const char *s) {
    size_t n = strlen(s);
    out_reserve(n);
    memcpy(obuf + olen, s, n);
    olen += n;
}
static void out_json_str(const char *s) { /* a JSON string with quotes */
    out_str("\"");
    for (; *s; s++) {
        char c[8];
        if (*s == '"' || *s == '\\') { c[0] = '\\'; c[1] = *s; c[2] = 0; }
        else if ((unsigned char)*s < 0x20) snprintf(c, sizeof c, "\\u%04x", (unsigned char)*s);
        else { c[0] = *s; c[1] = 0; }
        out_str(c);
    }
    out_str("\"");
}
static const char HEX[] = "0123456789abcdef";
static void out_hex64(uint64_t v) { /* "0x" + 16 digits, quoted */
    char s[21];
    s[0] = '"'; s[1] = '0'; s[2] = 'x';
    for (int i = 0; i < 16; i++) s[3 + i] = HEX[(v >> (60 - 4 * i)) & 15];
    s[19] = '"'; s[20] = 0;
    out_str(s);
}
static void out_hex128(uint64_t lo, uint64_t hi) {
    char s[37];
    s[0] = '"'; s[1] = '0'; s[2] = 'x';
    for (int i = 0; i < 16; i++) s[3 + i] = HEX[(hi >> (60 - 4 * i)) & 15];
    for (int i = 0; i < 16; i++) s[19 + i] = HEX[(lo >> (60 - 4 * i)) & 15];
    s[35] = '"'; s[36] = 0;
    out_str(s);
}
static void out_bytes(const unsigned char *p, size_t n) {
    out_reserve(2 * n + 2);
    obuf[olen++] = '"';
    for (size_t i = 0; i < n; i++) { obuf[olen++] = HEX[p[i] >> 4]; obuf[olen++] = HEX[p[i] & 15]; }
    obuf[olen++] = '"';
}
static void out_regs(const uint64_t *gpr, uint64_t rflags, const uint64_t *xmm) {
    out_str("{\"gpr\":[");
    for (int i = 0; i < 16; i++) { if (i) out_str(","); out_hex64(gpr[i]); }
    out_str("],\"rflags\":");
    out_hex64(rflags);
    out_str(",\"xmm\":[");
    for (int i = 0; i < 16; i++) { if (i) out_str(","); out_hex128(xmm[2 * i], xmm[2 * i + 1]); }
    out_str("]}");
}
/* Ends the current line; it is written with the next out_flush or out_write (lazily, see the header). */
static void out_end(void) {
    out_reserve(1);
    obuf[olen++] = '\n';
}
static void out_write(void) {
    size_t off = 0;
    while (off < olen) {
        ssize_t w = write(proto_out, obuf + off, olen - off);
        if (w < 0) { if (errno == EINTR) continue; _exit(4); }
        off += (size_t)w;
    }
    olen = 0;
}
static void out_flush(void) {
    out_end();
    out_write();
}
/* " " + exactly 16 hex digits (the fixed-layout records) */
static void out_word(uint64_t v) {
    out_reserve(17);
    obuf[olen++] = ' ';
    for (int i = 0; i < 16; i++) obuf[olen++] = HEX[(v >> (60 - 4 * i)) & 15];
}
static void out_rec_regs(const uint64_t *gpr, const uint64_t *xmm, const uint64_t *ymmh) {
    for (int i = 0; i < 16; i++) out_word(gpr[i]);
    for (int i = 0; i < 32; i++) out_word(xmm[i]);
    if (lsh_has_ymm)
        for (int i = 0; i < 32; i++) out_word(ymmh[i]);
}
static void out_at(uint64_t rip) { /* "sym+0x12" for an address, via dladdr */
    Dl_info di;
    char s[64];
    if (dladdr((void *)rip, &di) && di.dli_sname) {
        snprintf(s, sizeof s, "+0x%lx", (unsigned long)(rip - (uint64_t)di.dli_saddr));
        out_str("\"");
        out_str(di.dli_sname);
        out_str(s);
        out_str("\"");
    } else {
        out_str("null");
    }
}

/* ------------------------------------------------------------------ input */

static char *ibuf;
static size_t icap, ilen, ipos;

/* Polling stdin before blocking in read(): a reply that comes while polling costs no sleep and wake-up on either side
 * (on this kind of VM a wake-up is tens of µs, more than the rest of a call). LEAFSPEC_HARNESS_SPIN_US is the most
 * it polls (default 0 = block at once). The budget adapts: back to the maximum after a reply that came while polling,
 * halved after one that did not; every 16th wait polls the full maximum again, so polling comes back when the machine
 * gets quiet and costs little while it is busy. */
static long spin_max_ns, spin_ns;
static unsigned spin_waits;
static void spin_for_input(void) {
    if (spin_max_ns <= 0) return;
    long budget = (++spin_waits & 15) == 0 ? spin_max_ns : spin_ns;
    if (budget <= 0) return;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int k = 0;; k++) {
        int n = 0;
        if (ioctl(proto_in, FIONREAD, &n) == 0 && n > 0) {
            spin_ns = spin_max_ns;
            return;
        }
        __builtin_ia32_pause();
        if ((k & 15) == 15) {
            clock_gettime(CLOCK_MONOTONIC, &b);
            if ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) > budget) {
                spin_ns /= 2;
                return;
            }
        }
    }
}

/* Reads one line (without the newline) into a buffer valid until the next call; NULL at end of file. */
static char *read_line(void) {
    /* drop the consumed line */
    if (ipos > 0) { memmove(ibuf, ibuf + ipos, ilen - ipos); ilen -= ipos; ipos = 0; }
    for (;;) {
        char *nl = ilen ? memchr(ibuf, '\n', ilen) : NULL;
        if (nl) { *nl = 0; ipos = (size_t)(nl - ibuf) + 1; return ibuf; }
        if (ilen + 4096 > icap) { icap = icap ? icap * 2 : 1 << 16; ibuf = realloc(ibuf, icap); if (!ibuf) _exit(3); }
        spin_for_input();
        ssize_t r = read(proto_in, ibuf + ilen, icap - ilen - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return NULL;
        ilen += (size_t)r;
    }
}

/* 1 when a whole line is already buffered (reading it will not block). */
static int line_ready(void) {
    return ilen > ipos && memchr(ibuf + ipos, '\n', ilen - ipos) != NULL;
}

/* Commands (C, T, Q) that arrived while a call waited for an answer, in order. */
struct qcmd { struct qcmd *next; char line[]; };
static struct qcmd *q_head, *q_tail;
static int is_command(const char *l) {
    return (l[0] == 'C' || l[0] == 'T' || l[0] == 'Q') && (l[1] == ' ' || l[1] == 0);
}
static void queue_command(const char *l) {
    size_t n = strlen(l);
    struct qcmd *q = malloc(sizeof *q + n + 1);
    if (!q) _exit(3);
    memcpy(q->line, l, n + 1);
    q->next = NULL;
    if (q_tail) q_tail->next = q; else q_head = q;
    q_tail = q;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parses up to 32 hex digits at *p (optionally "0x"-prefixed) into hi:lo; advances *p. Returns digits read. */
static int parse_hex128(const char **p, uint64_t *lo, uint64_t *hi) {
    const char *s = *p;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    uint64_t l = 0, h = 0;
    int n = 0;
    for (int v; (v = hexval(*s)) >= 0 && n < 32; s++, n++) {
        h = (h << 4) | (l >> 60);
        l = (l << 4) | (uint64_t)v;
    }
    *p = s;
    *lo = l;
    if (hi) *hi = h;
    return n;
}

/* Parses the next space-separated hex number of a record; 0 when there is none. */
static int next_word(const char **p, uint64_t *v) {
    const char *s = *p;
    while (*s == ' ') s++;
    int n = parse_hex128(&s, v, NULL);
    *p = s;
    return n > 0 && (*s == ' ' || *s == 0);
}

/* ------------------------------------------------------------------ signals */

static sigjmp_buf call_jmp;
static volatile int in_call;
static const char *abort_reason;
static char abort_buf[512];

static const int GREG_OF[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
#define RFLAGS_USER_MASK 0x0CD5ULL /* CF PF AF ZF SF DF OF: what an answer may change */

static const char *signame(int sig) {
    switch (sig) {
    case SIGILL: return "SIGILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal";
    }
}

/*
 * The YMM upper halves in the signal frame. Linux puts the fxsave image at uc_mcontext.fpregs and, when its software
 * bytes (struct _fpx_sw_bytes at offset 464) carry FP_XSTATE_MAGIC1 = 0x46505853, a standard-format XSAVE area
 * continues it: the XSAVE header (XSTATE_BV first) at offset 512 and the YMM_Hi128 component at ymm_xsave_off
 * (arch/x86/include/uapi/asm/sigcontext.h: struct _fpstate_64, struct _xstate). Returns NULL when the frame has none.
 */
static unsigned char *frame_ymmh(fpregset_t fp, uint64_t **xstate_bv) {
    unsigned char *b = (unsigned char *)fp;
    uint32_t magic1;
    uint64_t xfeatures;
    if (!lsh_has_ymm || !b) return NULL;
    memcpy(&magic1, b + 464, 4);
    memcpy(&xfeatures, b + 472, 8);
    if (magic1 != 0x46505853U || !(xfeatures & 4)) return NULL;
    *xstate_bv = (uint64_t *)(b + 512);
    return b + ymm_xsave_off;
}

static void report_fault(int sig, siginfo_t *si, ucontext_t *uc, const char *why) {
    uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    out_str("{\"fault\":");
    out_json_str(signame(sig));
    out_str(",\"rip\":");
    out_hex64(rip);
    out_str(",\"at\":");
    out_at(rip);
    out_str(",\"addr\":");
    out_hex64((uint64_t)si->si_addr);
    if (sig == SIGILL) {
        /* SIGILL is delivered for an instruction at RIP that could be fetched, so its bytes are readable */
        out_str(",\"bytes\":");
        out_bytes((const unsigned char *)rip, 4);
    }
    out_str(",\"message\":");
    out_json_str(why);
    out_str(",\"regs\":");
    uint64_t g[16], x[32];
    for (int i = 0; i < 16; i++) g[i] = (uint64_t)uc->uc_mcontext.gregs[GREG_OF[i]];
    memset(x, 0, sizeof x);
    if (uc->uc_mcontext.fpregs)
        for (int i = 0; i < 16; i++) {
            uint32_t *e = uc->uc_mcontext.fpregs->_xmm[i].element;
            x[2 * i] = e[0] | ((uint64_t)e[1] << 32);
            x[2 * i + 1] = e[2] | ((uint64_t)e[3] << 32);
        }
    out_regs(g, (uint64_t)uc->uc_mcontext.gregs[REG_EFL], x);
    out_str("}");
    out_flush();
}

static void on_trap(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    if (!in_call) { /* a fault in the harness itself */
        report_fault(sig, si, uc, "fault outside a called function (harness bug)");
        _exit(5);
    }
    if (sig != SIGILL) {
        report_fault(sig, si, uc, "a real fault in the called code");
        siglongjmp(call_jmp, 2);
    }
    const unsigned char *ip = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];
    const char *insn = NULL;
    if (ip[0] == 0x66 && ip[1] == 0x0F && ip[2] == 0x01) {
        if (ip[3] == 0xCC) insn = "TDCALL";
        else if (ip[3] == 0xCF) insn = "SEAMCALL";
    }
    if (!insn) {
        report_fault(sig, si, uc, "an invalid opcode that is neither TDCALL (66 0F 01 CC) nor SEAMCALL (66 0F 01 CF)");
        siglongjmp(call_jmp, 2);
    }
    uint64_t g[16], x[32], y[32];
    for (int i = 0; i < 16; i++) g[i] = (uint64_t)uc->uc_mcontext.gregs[GREG_OF[i]];
    fpregset_t fp = uc->uc_mcontext.fpregs;
    for (int i = 0; i < 16; i++) {
        uint32_t *e = fp->_xmm[i].element;
        x[2 * i] = e[0] | ((uint64_t)e[1] << 32);
        x[2 * i + 1] = e[2] | ((uint64_t)e[3] << 32);
    }
    uint64_t *xstate_bv = NULL;
    unsigned char *ymmh = frame_ymmh(fp, &xstate_bv);
    memset(y, 0, sizeof y);
    if (lsh_has_ymm && !ymmh) {
        snprintf(abort_buf, sizeof abort_buf, "the signal frame has no YMM state (no XSAVE area after the fxsave image)");
        abort_reason = abort_buf;
        siglongjmp(call_jmp, 3);
    }
    if (ymmh && (*xstate_bv & 4)) memcpy(y, ymmh, sizeof y); /* XSTATE_BV[2] clear: YMM upper halves are zero */
    uint64_t rflags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
    out_str(insn[0] == 'T' ? "t T" : "t S");
    out_word((uint64_t)ip);
    out_word(rflags);
    out_rec_regs(g, x, y);
    out_end();
    out_write();

    const char *line;
    for (;;) {
        line = read_line();
        if (!line) _exit(0); /* the engine went away */
        if (!is_command(line)) break;
        queue_command(line); /* the next call, sent ahead: run it after this one */
    }
    if (line[0] != 'A' || line[1] != ' ') {
        snprintf(abort_buf, sizeof abort_buf, "%s", strstr(line, "abort") ? line
                 : "bad answer from the engine (expected A <16 GPRs> <RFLAGS> <32 XMM halves> [<32 YMMH halves>])");
        abort_reason = abort_buf;
        siglongjmp(call_jmp, 3);
    }
    const char *p = line + 1;
    int ok = 1;
    for (int i = 0; ok && i < 16; i++) ok = next_word(&p, &g[i]);
    if (ok) ok = next_word(&p, &rflags);
    for (int i = 0; ok && i < 32; i++) ok = next_word(&p, &x[i]);
    int have_y = 0;
    if (ok && lsh_has_ymm) {
        while (*p == ' ') p++;
        if (*p) {
            have_y = 1;
            for (int i = 0; ok && i < 32; i++) ok = next_word(&p, &y[i]);
        }
    }
    if (!ok) {
        snprintf(abort_buf, sizeof abort_buf, "bad answer from the engine (expected A <16 GPRs> <RFLAGS> <32 XMM halves> [<32 YMMH halves>])");
        abort_reason = abort_buf;
        siglongjmp(call_jmp, 3);
    }
    for (int i = 0; i < 16; i++) {
        if (i == 4) continue; /* RSP is never changed by TDCALL/SEAMCALL */
        uc->uc_mcontext.gregs[GREG_OF[i]] = (greg_t)g[i];
    }
    uint64_t f = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
    uc->uc_mcontext.gregs[REG_EFL] = (greg_t)((f & ~RFLAGS_USER_MASK) | (rflags & RFLAGS_USER_MASK));
    for (int i = 0; i < 16; i++) {
        uint32_t *e = fp->_xmm[i].element;
        e[0] = (uint32_t)x[2 * i]; e[1] = (uint32_t)(x[2 * i] >> 32);
        e[2] = (uint32_t)x[2 * i + 1]; e[3] = (uint32_t)(x[2 * i + 1] >> 32);
    }
    if (have_y) {
        memcpy(ymmh, y, sizeof y);
        *xstate_bv |= 4; /* restore the component from the frame on sigreturn */
    }
    uc->uc_mcontext.gregs[REG_RIP] += 4;
}

static volatile uint64_t skip_count;
static void on_trap_skip(int sig, siginfo_t *si, void *ctx) {
    (void)sig; (void)si;
    ucontext_t *uc = ctx;
    skip_count++;
    uc->uc_mcontext.gregs[REG_RIP] += 4;
}

static void install(void (*h)(int, siginfo_t *, void *), int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* ------------------------------------------------------------------ commands */

static void *lib;

static char *next_tok(char **p) {
    char *s = *p;
    while (*s == ' ') s++;
    if (!*s) return NULL;
    char *e = s;
    while (*e && *e != ' ') e++;
    if (*e) *e++ = 0;
    *p = e;
    return s;
}

static void error_line(const char *msg) {
    out_str("{\"error\":");
    out_json_str(msg);
    out_str("}");
    out_flush();
}

#define MAX_BUFS 8
static void cmd_call(char *rest) {
    static struct hstate st;
    char *sym = next_tok(&rest);
    if (!sym) { error_line("C: missing symbol"); return; }
    memset(&st, 0, sizeof st);
    for (int i = 0; i < 16; i++) {
        const char *t = next_tok(&rest);
        if (!t || parse_hex128(&t, &st.in[i], NULL) == 0) { error_line("C: expected 16 GPR values"); return; }
    }
    for (int i = 0; i < 32; i++) {
        const char *t = next_tok(&rest);
        if (!t || parse_hex128(&t, &st.xin[i], NULL) == 0) { error_line("C: expected 32 XMM halves"); return; }
    }
    const char *t = next_tok(&rest);
    uint64_t nbuf = 0;
    if (!t || parse_hex128(&t, &nbuf, NULL) == 0 || nbuf > MAX_BUFS) { error_line("C: expected a buffer count 0..8"); return; }
    int breg[MAX_BUFS];
    unsigned char *bmem[MAX_BUFS];
    size_t blen[MAX_BUFS];
    int nb = 0;
    for (uint64_t b = 0; b < nbuf; b++) {
        const char *r = next_tok(&rest);
        char *hex = next_tok(&rest);
        uint64_t reg;
        if (!r || !hex || parse_hex128(&r, &reg, NULL) == 0 || reg > 15 || reg == 4) {
            error_line("C: a buffer is <reg 0..15 but not 4> <hex bytes>");
            goto free_bufs;
        }
        size_t n = strlen(hex) / 2;
        unsigned char *m = aligned_alloc(64, (n + 64) & ~(size_t)63);
        memset(m, 0, (n + 64) & ~(size_t)63);
        for (size_t i = 0; i < n; i++) m[i] = (unsigned char)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
        breg[nb] = (int)reg; bmem[nb] = m; blen[nb] = n; nb++;
        st.in[reg] = (uint64_t)m;
    }
    t = next_tok(&rest);
    if (t && !strcmp(t, "Y")) {
        for (int i = 0; i < 32; i++) {
            const char *y = next_tok(&rest);
            if (!y || parse_hex128(&y, &st.yin[i], NULL) == 0) { error_line("C: expected 32 YMMH halves after Y"); goto free_bufs; }
        }
        if (!lsh_has_ymm) { error_line("C: YMM upper halves given, but this CPU or OS has no AVX state"); goto free_bufs; }
    } else if (t) {
        error_line("C: unexpected text after the buffers (expected Y <32 YMMH halves> or the end of the line)");
        goto free_bufs;
    }
    dlerror();
    void *fn = dlsym(lib, sym);
    if (!fn) {
        char msg[300];
        snprintf(msg, sizeof msg, "no symbol '%s' in the library", sym);
        error_line(msg);
        goto free_bufs;
    }
    int j = sigsetjmp(call_jmp, 1);
    if (j == 0) {
        in_call = 1;
        lsh_invoke(fn, &st);
        in_call = 0;
        out_str("d");
        out_word(st.rsp_entry);
        out_word(st.rflags_out);
        out_rec_regs(st.out, st.xout, st.yout);
        out_reserve(4);
        obuf[olen++] = ' ';
        obuf[olen++] = HEX[nb];
        for (int b = 0; b < nb; b++) {
            out_reserve(3 + 2 * blen[b]);
            obuf[olen++] = ' ';
            obuf[olen++] = HEX[breg[b]];
            out_word((uint64_t)bmem[b]);
            obuf[olen++] = ' ';
            for (size_t i = 0; i < blen[b]; i++) { obuf[olen++] = HEX[bmem[b][i] >> 4]; obuf[olen++] = HEX[bmem[b][i] & 15]; }
        }
        out_end(); /* written when the harness next waits for input */
    } else {
        in_call = 0;
        if (j == 3) {
            out_str("{\"aborted\":");
            out_json_str(abort_reason);
            out_str("}");
            out_flush();
        }
        /* j == 2: the fault line was written by the handler */
    }
free_bufs:
    for (int b = 0; b < nb; b++) free(bmem[b]);
}

static void cmd_trap_only(char *rest) {
    const char *t = next_tok(&rest);
    uint64_t n = 0;
    if (!t || parse_hex128(&t, &n, NULL) == 0) { error_line("T: expected a count"); return; }
    install(on_trap_skip, SIGILL);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t rax = 1;
        __asm__ volatile(".byte 0x66,0x0f,0x01,0xcc" : "+a"(rax) : : "memory");
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    install(on_trap, SIGILL);
    char s[96];
    snprintf(s, sizeof s, "{\"trap-only\":%llu,\"ns\":%lld}", (unsigned long long)skip_count,
             (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
    skip_count = 0;
    out_str(s);
    out_flush();
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s LIBRARY.so   (commands on stdin, see the header of harness.c)\n", argv[0]);
        return 2;
    }
    /* AVX: CPUID.1:ECX.OSXSAVE[27] and .AVX[28], and XCR0 enables SSE and AVX state (bits 1, 2). Setting
     * LEAFSPEC_HARNESS_NO_YMM=1 turns the YMM upper halves off (to test callers of the no-AVX path). */
    unsigned ca, cb, cc, cd;
    if (__get_cpuid(1, &ca, &cb, &cc, &cd) && (cc & (1u << 27)) && (cc & (1u << 28)) && !getenv("LEAFSPEC_HARNESS_NO_YMM")) {
        uint32_t xlo, xhi;
        __asm__ volatile("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
        if ((xlo & 6) == 6 && __get_cpuid_count(0xD, 2, &ca, &cb, &cc, &cd) && ca >= 256) {
            ymm_xsave_off = cb;
            lsh_has_ymm = 1;
        }
    }
    const char *spin = getenv("LEAFSPEC_HARNESS_SPIN_US");
    if (spin) spin_ns = spin_max_ns = atol(spin) * 1000L;
    static char altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    install(on_trap, SIGILL);
    install(on_trap, SIGSEGV);
    install(on_trap, SIGBUS);
    install(on_trap, SIGFPE);
    install(on_trap, SIGTRAP);

    proto_in = dup(0);
    proto_out = dup(1);
    int devnull = open("/dev/null", O_RDONLY);
    if (proto_in < 0 || proto_out < 0 || devnull < 0 || dup2(devnull, 0) < 0 || dup2(2, 1) < 0) {
        fprintf(stderr, "leafspec-harness: cannot set up its protocol descriptors: %s\n", strerror(errno));
        return 2;
    }
    close(devnull);
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        error_line(e ? e : "dlopen failed");
        return 2;
    }
    out_str(lsh_has_ymm ? "{\"hello\":\"leafspec-harness\",\"protocol\":2,\"ymm\":true,\"lib\":"
                        : "{\"hello\":\"leafspec-harness\",\"protocol\":2,\"ymm\":false,\"lib\":");
    out_json_str(argv[1]);
    out_str("}");
    out_flush();
    for (;;) {
        struct qcmd *q = q_head;
        char *line;
        if (q) {
            q_head = q->next;
            if (!q_head) q_tail = NULL;
            line = q->line;
        } else {
            if (!line_ready()) out_write(); /* about to wait: hand over what is pending first */
            line = read_line();
            if (!line) break;
        }
        char *rest = line;
        char *op = next_tok(&rest);
        int quit = 0;
        if (!op) { /* an empty line */ }
        else if (!strcmp(op, "C")) cmd_call(rest);
        else if (!strcmp(op, "T")) cmd_trap_only(rest);
        else if (!strcmp(op, "Q")) quit = 1;
        else error_line("unknown command (expected C, T or Q)");
        free(q);
        if (quit) break;
    }
    out_write();
    return 0;
}
