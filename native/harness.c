/*
 * leafspec-harness: runs caller-side TDX wrappers (compiled code in a shared object) natively and hands every
 * TDCALL / SEAMCALL they execute to the LeafSpec reference engine (the Java side, over stdin/stdout).
 *
 * Outside a TD, TDCALL (66 0F 01 CC) and SEAMCALL (66 0F 01 CF) raise #UD, which Linux delivers as SIGILL. The SIGILL
 * handler checks the opcode at RIP, writes the complete register file as one JSON line to stdout (the register-file
 * encoding of docs/adapter-protocol.md), reads the engine's answer from stdin, writes it into the signal context and
 * resumes at RIP+4. Any other fault (another SIGILL opcode, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP) is reported as a real
 * fault. Protocol and the Java side: docs/caller-spec-format.md, module caller/.
 *
 * x86-64 Linux only. Build: gcc -O2 -Wall -o leafspec-harness harness.c -ldl
 *
 * Commands (one per line on stdin; hex numbers without 0x):
 *   C <symbol> <16 GPRs RAX..R15> <32 XMM halves: XMM0 low, XMM0 high, ... XMM15 high> <nbuf> {<reg> <hex bytes>}...
 *       call <symbol> with every GPR (except RSP) and XMM register loaded from the command; each buffer is copied to
 *       fresh 64-byte-aligned memory and its address replaces GPR <reg> (a pointer argument).
 *   T <n>   baseline: execute TDCALL n times with a handler that only skips it (no engine); reports the time
 *   Q       exit
 * Output lines (JSON):
 *   {"hello":"leafspec-harness","protocol":1,"lib":"..."}                  after dlopen
 *   {"trap":"TDCALL","rip":"0x..","at":"sym+0x12","regs":{register file}}  then the engine answers one line:
 *       {"regs":{register file}}  or  {"abort":"reason"} (the call is abandoned)
 *   {"done":true,"entry_rsp":"0x..","regs":{register file after return},"bufs":[{"reg":7,"addr":"0x..","data":"hex"}]}
 *   {"fault":"SIGSEGV","rip":"0x..","at":"sym+0x12","addr":"0x..","bytes":"0f0b..."}   the call is abandoned
 *   {"aborted":"reason"}   {"error":"message"}   {"trap-only":n,"ns":t}
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

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
};

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
static void out_flush(void) {
    out_str("\n");
    size_t off = 0;
    while (off < olen) {
        ssize_t w = write(1, obuf + off, olen - off);
        if (w < 0) { if (errno == EINTR) continue; _exit(4); }
        off += (size_t)w;
    }
    olen = 0;
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

/* Reads one line (without the newline) into a buffer valid until the next call; NULL at end of file. */
static char *read_line(void) {
    /* drop the consumed line */
    if (ipos > 0) { memmove(ibuf, ibuf + ipos, ilen - ipos); ilen -= ipos; ipos = 0; }
    for (;;) {
        char *nl = ilen ? memchr(ibuf, '\n', ilen) : NULL;
        if (nl) { *nl = 0; ipos = (size_t)(nl - ibuf) + 1; return ibuf; }
        if (ilen + 4096 > icap) { icap = icap ? icap * 2 : 1 << 16; ibuf = realloc(ibuf, icap); if (!ibuf) _exit(3); }
        ssize_t r = read(0, ibuf + ilen, icap - ilen - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return NULL;
        ilen += (size_t)r;
    }
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

/* Finds the next "0x... string in a JSON line and parses it. */
static int next_json_hex(const char **p, uint64_t *lo, uint64_t *hi) {
    const char *s = strstr(*p, "\"0x");
    if (!s) return 0;
    s++;
    int n = parse_hex128(&s, lo, hi);
    *p = s;
    return n > 0;
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
    uint64_t g[16], x[32];
    for (int i = 0; i < 16; i++) g[i] = (uint64_t)uc->uc_mcontext.gregs[GREG_OF[i]];
    fpregset_t fp = uc->uc_mcontext.fpregs;
    for (int i = 0; i < 16; i++) {
        uint32_t *e = fp->_xmm[i].element;
        x[2 * i] = e[0] | ((uint64_t)e[1] << 32);
        x[2 * i + 1] = e[2] | ((uint64_t)e[3] << 32);
    }
    uint64_t rflags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
    out_str("{\"trap\":\"");
    out_str(insn);
    out_str("\",\"rip\":");
    out_hex64((uint64_t)ip);
    out_str(",\"at\":");
    out_at((uint64_t)ip);
    out_str(",\"regs\":");
    out_regs(g, rflags, x);
    out_str("}");
    out_flush();

    const char *line = read_line();
    if (!line) _exit(0); /* the engine went away */
    const char *ab = strstr(line, "\"abort\"");
    if (ab) {
        snprintf(abort_buf, sizeof abort_buf, "%s", line);
        abort_reason = abort_buf;
        siglongjmp(call_jmp, 3);
    }
    const char *p = strstr(line, "\"gpr\"");
    uint64_t hi;
    int ok = p != NULL;
    for (int i = 0; ok && i < 16; i++) ok = next_json_hex(&p, &g[i], NULL);
    if (ok) { p = strstr(p, "\"rflags\""); ok = p && next_json_hex(&p, &rflags, NULL); }
    if (ok) { p = strstr(p, "\"xmm\""); ok = p != NULL; }
    for (int i = 0; ok && i < 16; i++) { ok = next_json_hex(&p, &x[2 * i], &hi); x[2 * i + 1] = hi; }
    if (!ok) {
        snprintf(abort_buf, sizeof abort_buf, "bad answer from the engine (expected {\"regs\":{\"gpr\":[16],\"rflags\":..,\"xmm\":[16]}})");
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
        out_str("{\"done\":true,\"entry_rsp\":");
        out_hex64(st.rsp_entry);
        out_str(",\"regs\":");
        out_regs(st.out, st.rflags_out, st.xout);
        out_str(",\"bufs\":[");
        for (int b = 0; b < nb; b++) {
            char s[32];
            snprintf(s, sizeof s, "%s{\"reg\":%d,\"addr\":", b ? "," : "", breg[b]);
            out_str(s);
            out_hex64((uint64_t)bmem[b]);
            out_str(",\"data\":");
            out_bytes(bmem[b], blen[b]);
            out_str("}");
        }
        out_str("]}");
        out_flush();
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
    static char altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    install(on_trap, SIGILL);
    install(on_trap, SIGSEGV);
    install(on_trap, SIGBUS);
    install(on_trap, SIGFPE);
    install(on_trap, SIGTRAP);

    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        error_line(e ? e : "dlopen failed");
        return 2;
    }
    out_str("{\"hello\":\"leafspec-harness\",\"protocol\":1,\"lib\":");
    out_json_str(argv[1]);
    out_str("}");
    out_flush();
    for (char *line; (line = read_line()) != NULL;) {
        char *rest = line;
        char *op = next_tok(&rest);
        if (!op) continue;
        if (!strcmp(op, "C")) cmd_call(rest);
        else if (!strcmp(op, "T")) cmd_trap_only(rest);
        else if (!strcmp(op, "Q")) break;
        else error_line("unknown command (expected C, T or Q)");
    }
    return 0;
}
