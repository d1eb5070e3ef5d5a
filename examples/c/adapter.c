/*
 * A minimal TDX guest-side implementation for LeafSpec, in C (C99 + POSIX getline, no libraries).
 *
 * It speaks the LeafSpec adapter protocol (docs/adapter-protocol.md): one JSON object per line on stdin, one
 * reply per line on stdout, diagnostics on stderr. It models, from the public specifications:
 *   - the TDCALL RAX decode (leaf 15:0, version 23:16, 63:24 reserved) for the leaves it knows;
 *   - TDG.VP.INFO (leaf 1);
 *   - TDG.VP.VMCALL (leaf 0): the RCX bitmap checks, the host's view of the selected registers, the restore of
 *     every unselected register, and a small host VMM answering Instruction.CPUID from a table (fixture
 *     host.cpuid) and every other sub-function with TDG.VP.VMCALL_SUBFUNC_UNSUPPORTED.
 * Everything else is answered with "not-supported", so those scenarios end NOT_SUPPORTED.
 *
 * Build: gcc -O2 -Wall -o examples/c/adapter examples/c/adapter.c    (or: make -C examples/c)
 * Run:   bin/leafspec run --impl 'cmd:examples/c/adapter' --tags '@leaf:TDG.VP.INFO'
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PROTOCOL 1
#define TDX_SUCCESS 0ULL
#define TDX_OPERAND_INVALID 0xC000010000000000ULL
#define OPERAND_RAX 0ULL
#define OPERAND_RCX 1ULL
#define VMCALL_SUCCESS 0ULL
#define VMCALL_SUBFUNC_UNSUPPORTED 0x8000000000000003ULL
#define SUBFUNC_CPUID 10ULL
#define EXIT_REASON_TDCALL 77ULL

typedef struct {
    uint64_t gpr[16];
    uint64_t rflags;
    uint64_t xmm_lo[16], xmm_hi[16];
} regs_t;

/* ------------------------------------------------------------------------------------------------ the model */

#define MAX_CPUID 64
static struct {
    uint64_t gpaw, attributes, max_vcpus, num_vcpus, vcpu_index;
    int no_rbp_mod, v15; /* v15: module version 1.5 (else 1.0) */
    int ncpuid;
    uint32_t cpuid_key[MAX_CPUID][2], cpuid_val[MAX_CPUID][4];
    int has_exit;
    regs_t last_exit;
} td;

static void td_reset(void) {
    memset(&td, 0, sizeof td);
    td.gpaw = 48;
    td.max_vcpus = 8;
    td.num_vcpus = 4;
    td.v15 = 1;
}

/* TDCALL leaf numbers of a 1.5 module (1.0: 0..10); this model answers 0 and 1 only. */
static int leaf_exists(unsigned leaf) {
    if (!td.v15) return leaf <= 10;
    return leaf <= 12 || leaf == 18 || leaf == 20 || (leaf >= 22 && leaf <= 27) || leaf == 29;
}

static void vp_info(regs_t *r) {
    r->gpr[0] = TDX_SUCCESS;
    r->gpr[1] = td.gpaw;
    r->gpr[2] = td.attributes;
    r->gpr[8] = ((td.max_vcpus & 0xFFFFFFFFULL) << 32) | (td.num_vcpus & 0xFFFFFFFFULL);
    r->gpr[9] = td.vcpu_index & 0xFFFFFFFFULL;
    r->gpr[10] = td.v15 ? 1 : 0;
    r->gpr[11] = 0;
}

static void host_answer(regs_t *h) {
    if (h->gpr[10] == 0 && h->gpr[11] == SUBFUNC_CPUID) {
        uint32_t leaf = (uint32_t) h->gpr[12], sub = (uint32_t) h->gpr[13];
        uint32_t v[4] = {0, 0, 0, 0};
        for (int i = 0; i < td.ncpuid; i++) {
            if (td.cpuid_key[i][0] == leaf && td.cpuid_key[i][1] == sub) memcpy(v, td.cpuid_val[i], sizeof v);
        }
        for (int i = 0; i < 4; i++) h->gpr[12 + i] = v[i];
        h->gpr[10] = VMCALL_SUCCESS;
    } else {
        h->gpr[10] = VMCALL_SUBFUNC_UNSUPPORTED;
    }
}

static void vmcall(regs_t *r) {
    uint64_t control = r->gpr[1];
    unsigned gsel = control & 0xFFFF, xsel = (control >> 16) & 0xFFFF;
    unsigned forbidden = 0x1 | 0x2 | 0x10 | (td.no_rbp_mod && td.v15 ? 0x20 : 0); /* RAX RCX RSP (RBP) */
    if ((gsel & forbidden) || (control >> 32)) {
        r->gpr[0] = TDX_OPERAND_INVALID | OPERAND_RCX;
        return;
    }
    regs_t h;
    memset(&h, 0, sizeof h);
    h.rflags = 2;
    h.gpr[0] = EXIT_REASON_TDCALL;
    h.gpr[1] = control & 0xFFFFFFFFULL;
    for (int i = 2; i < 16; i++) if (gsel & (1u << i)) h.gpr[i] = r->gpr[i];
    for (int x = 0; x < 16; x++) if (xsel & (1u << x)) { h.xmm_lo[x] = r->xmm_lo[x]; h.xmm_hi[x] = r->xmm_hi[x]; }
    td.last_exit = h;
    td.has_exit = 1;
    host_answer(&h);
    for (int i = 2; i < 16; i++) if (gsel & (1u << i)) r->gpr[i] = h.gpr[i];
    for (int x = 0; x < 16; x++) if (xsel & (1u << x)) { r->xmm_lo[x] = h.xmm_lo[x]; r->xmm_hi[x] = h.xmm_hi[x]; }
    r->gpr[1] = control;
    r->gpr[0] = TDX_SUCCESS;
}

/* returns NULL, or the capability that is not supported */
static const char *tdcall(regs_t *r) {
    static char cap[64];
    td.has_exit = 0;
    uint64_t rax = r->gpr[0];
    unsigned leaf = rax & 0xFFFF, version = (rax >> 16) & 0xFF;
    uint64_t reserved = td.v15 ? rax >> 24 : rax >> 16; /* 1.0 compares the whole of RAX */
    if (!leaf_exists(leaf) || reserved) { r->gpr[0] = TDX_OPERAND_INVALID | OPERAND_RAX; return NULL; }
    if (leaf > 1) { snprintf(cap, sizeof cap, "leaf number %u", leaf); return cap; }
    if (version != 0) { r->gpr[0] = TDX_OPERAND_INVALID | OPERAND_RAX; return NULL; }
    if (leaf == 1) vp_info(r); else vmcall(r);
    return NULL;
}

/* ------------------------------------------------------------------------------------------------ JSON in */

#define MAX_PARAMS 32
#define STR 256
typedef struct {
    long long id;
    int has_id, has_regs;
    char op[STR], insn[STR], name[STR];
    int nparams;
    char pkey[MAX_PARAMS][STR], pval[MAX_PARAMS][STR];
    long long ms;
    regs_t regs;
    const char *err; /* parse error */
} req_t;

static const char *p; /* cursor */

static void ws(void) { while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++; }
static int expect(char c) { ws(); if (*p != c) return 0; p++; return 1; }

static int str(char *out, size_t cap) {
    ws();
    if (*p != '"') return 0;
    p++;
    size_t n = 0;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            c = *p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': for (int i = 0; i < 4; i++) if (*p) p++; c = '?'; break;
            case '"': case '\\': case '/': break;
            default: return 0;
            }
        }
        if (n + 1 < cap) out[n++] = c;
    }
    if (*p != '"') return 0;
    p++;
    if (out) out[n < cap ? n : cap - 1] = 0;
    return 1;
}

static int integer(long long *v) {
    ws();
    char *end;
    long long x = strtoll(p, &end, 10);
    if (end == p || *end == '.' || *end == 'e' || *end == 'E') return 0;
    p = end;
    *v = x;
    return 1;
}

static int skip(void);
static int skip_container(char open, char close) {
    p++;
    ws();
    if (*p == close) { p++; return 1; }
    for (;;) {
        if (open == '{') { char k[8]; if (!str(k, sizeof k) || !expect(':')) return 0; }
        if (!skip()) return 0;
        ws();
        if (*p == ',') { p++; continue; }
        if (*p == close) { p++; return 1; }
        return 0;
    }
}
static int skip(void) {
    ws();
    char tmp[8];
    if (*p == '"') return str(tmp, sizeof tmp);
    if (*p == '{') return skip_container('{', '}');
    if (*p == '[') return skip_container('[', ']');
    if (!strncmp(p, "true", 4)) { p += 4; return 1; }
    if (!strncmp(p, "false", 5)) { p += 5; return 1; }
    if (!strncmp(p, "null", 4)) { p += 4; return 1; }
    char *end;
    strtod(p, &end);
    if (end == p) return 0;
    p = end;
    return 1;
}

static int hexval(const char *s, uint64_t *hi, uint64_t *lo, int maxdigits) {
    if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return 0;
    s += 2;
    int n = 0;
    uint64_t h = 0, l = 0;
    for (; *s; s++, n++) {
        int d;
        if (*s >= '0' && *s <= '9') d = *s - '0';
        else if (*s >= 'a' && *s <= 'f') d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F') d = *s - 'A' + 10;
        else return 0;
        h = (h << 4) | (l >> 60);
        l = (l << 4) | (uint64_t) d;
    }
    if (n == 0 || n > maxdigits) return 0;
    if (hi) *hi = h;
    *lo = l;
    return 1;
}

static int hexarray(uint64_t *lo, uint64_t *hi, int maxdigits) {
    char s[64];
    if (!expect('[')) return 0;
    for (int i = 0; i < 16; i++) {
        if (i && !expect(',')) return 0;
        if (!str(s, sizeof s) || !hexval(s, hi ? &hi[i] : NULL, &lo[i], maxdigits)) return 0;
    }
    return expect(']');
}

static int regs_in(regs_t *r) {
    int seen = 0;
    if (!expect('{')) return 0;
    ws();
    if (*p == '}') return 0;
    for (;;) {
        char key[32], s[64];
        if (!str(key, sizeof key) || !expect(':')) return 0;
        if (!strcmp(key, "gpr")) { if (!hexarray(r->gpr, NULL, 16)) return 0; seen |= 1; }
        else if (!strcmp(key, "xmm")) { if (!hexarray(r->xmm_lo, r->xmm_hi, 32)) return 0; seen |= 2; }
        else if (!strcmp(key, "rflags")) { if (!str(s, sizeof s) || !hexval(s, NULL, &r->rflags, 16)) return 0; seen |= 4; }
        else if (!skip()) return 0;
        ws();
        if (*p == ',') { p++; continue; }
        if (*p == '}') { p++; break; }
        return 0;
    }
    return seen == 7;
}

static int params_in(req_t *q) {
    if (!expect('{')) return 0;
    ws();
    if (*p == '}') { p++; return 1; }
    for (;;) {
        if (q->nparams >= MAX_PARAMS) return 0;
        if (!str(q->pkey[q->nparams], STR) || !expect(':') || !str(q->pval[q->nparams], STR)) return 0;
        q->nparams++;
        ws();
        if (*p == ',') { p++; continue; }
        if (*p == '}') { p++; return 1; }
        return 0;
    }
}

static int parse(const char *line, req_t *q) {
    memset(q, 0, sizeof *q);
    p = line;
    if (!expect('{')) { q->err = "a request is a JSON object"; return 0; }
    ws();
    if (*p == '}') { q->err = "a request needs an id and an op"; return 0; }
    for (;;) {
        char key[32];
        if (!str(key, sizeof key) || !expect(':')) { q->err = "malformed member"; return 0; }
        int ok;
        if (!strcmp(key, "id")) ok = q->has_id = integer(&q->id);
        else if (!strcmp(key, "op")) ok = str(q->op, STR);
        else if (!strcmp(key, "insn")) ok = str(q->insn, STR);
        else if (!strcmp(key, "name")) ok = str(q->name, STR);
        else if (!strcmp(key, "params")) ok = params_in(q);
        else if (!strcmp(key, "ms")) ok = integer(&q->ms);
        else if (!strcmp(key, "regs")) ok = q->has_regs = regs_in(&q->regs);
        else ok = skip();
        if (!ok) { q->err = "malformed value"; return 0; }
        ws();
        if (*p == ',') { p++; continue; }
        if (*p == '}') { p++; break; }
        q->err = "expected , or }";
        return 0;
    }
    ws();
    if (*p) { q->err = "text after the request object"; return 0; }
    if (!q->has_id) { q->err = "a request needs an integer id"; return 0; }
    return 1;
}

/* ------------------------------------------------------------------------------------------------ JSON out */

static char out[8192];
static size_t olen;
static void put(const char *s) { size_t n = strlen(s); memcpy(out + olen, s, n); olen += n; }
static void put_hex(uint64_t v) {
    static const char hx[] = "0123456789abcdef";
    for (int s = 60; s >= 0; s -= 4) out[olen++] = hx[(v >> s) & 0xF];
}
static void put_str(const char *s) { /* JSON string of printable text */
    out[olen++] = '"';
    for (; *s && olen < sizeof out - 16; s++) {
        if (*s == '"' || *s == '\\') out[olen++] = '\\';
        out[olen++] = (unsigned char) *s < 0x20 ? ' ' : *s;
    }
    out[olen++] = '"';
}
static void begin(const req_t *q) {
    olen = 0;
    if (q && q->has_id) { char b[40]; snprintf(b, sizeof b, "{\"id\":%lld", q->id); put(b); }
    else put("{\"id\":null");
}
static void end(void) { out[olen++] = '}'; out[olen++] = '\n'; fwrite(out, 1, olen, stdout); fflush(stdout); }
static void regs_out(const regs_t *r) {
    put("{\"gpr\":[");
    for (int i = 0; i < 16; i++) { put(i ? ",\"0x" : "\"0x"); put_hex(r->gpr[i]); put("\""); }
    put("],\"rflags\":\"0x"); put_hex(r->rflags);
    put("\",\"xmm\":[");
    for (int i = 0; i < 16; i++) { put(i ? ",\"0x" : "\"0x"); put_hex(r->xmm_hi[i]); put_hex(r->xmm_lo[i]); put("\""); }
    put("]}");
}
static void reply_error(const req_t *q, const char *error, const char *field, const char *text) {
    begin(q);
    put(",\"error\":"); put_str(error);
    put(",\""); put(field); put("\":"); put_str(text);
    end();
}
static void reply_ok(const req_t *q) { begin(q); put(",\"ok\":true"); end(); }

/* ------------------------------------------------------------------------------------------------ requests */

static int num(const char *s, uint64_t *v) {
    char *e;
    *v = strtoull(s, &e, 0);
    return e != s && *e == 0;
}

/* returns NULL, or "!message" for a bad argument, or the unsupported capability */
static const char *fixture(req_t *q) {
    static char cap[STR + 32];
    if (!strcmp(q->name, "td.config")) {
        for (int i = 0; i < q->nparams; i++) {
            const char *k = q->pkey[i], *v = q->pval[i];
            uint64_t x = 0;
            if (!strcasecmp(k, "NO_RBP_MOD")) td.no_rbp_mod = !strcasecmp(v, "true");
            else if (!strcasecmp(k, "VERSION")) {
                if (!strcmp(v, "1.5")) td.v15 = 1;
                else if (!strcmp(v, "1.0")) td.v15 = 0;
                else { snprintf(cap, sizeof cap, "TDX module version %s", v); return cap; }
            } else if (strcasecmp(k, "GPAW") && strcasecmp(k, "ATTRIBUTES") && strcasecmp(k, "MAX_VCPUS")
                       && strcasecmp(k, "NUM_VCPUS") && strcasecmp(k, "VCPU_INDEX")) {
                snprintf(cap, sizeof cap, "td.config %s", k);
                return cap;
            } else if (!num(v, &x)) return "!td.config values are numbers";
            else if (!strcasecmp(k, "GPAW")) { if (x != 48 && x != 52) return "!GPAW must be 48 or 52"; td.gpaw = x; }
            else if (!strcasecmp(k, "ATTRIBUTES")) td.attributes = x;
            else if (!strcasecmp(k, "MAX_VCPUS")) td.max_vcpus = x;
            else if (!strcasecmp(k, "NUM_VCPUS")) td.num_vcpus = x;
            else td.vcpu_index = x;
        }
        return NULL;
    }
    if (!strcmp(q->name, "host.cpuid")) {
        uint64_t v[6] = {0, 0, 0, 0, 0, 0};
        static const char *names[6] = {"leaf", "subleaf", "eax", "ebx", "ecx", "edx"};
        for (int i = 0; i < q->nparams; i++)
            for (int n = 0; n < 6; n++)
                if (!strcasecmp(q->pkey[i], names[n]) && !num(q->pval[i], &v[n])) return "!host.cpuid values are numbers";
        if (td.ncpuid >= MAX_CPUID) return "!too many CPUID entries";
        int e = td.ncpuid++;
        td.cpuid_key[e][0] = (uint32_t) v[0];
        td.cpuid_key[e][1] = (uint32_t) v[1];
        for (int n = 0; n < 4; n++) td.cpuid_val[e][n] = (uint32_t) v[2 + n];
        return NULL;
    }
    snprintf(cap, sizeof cap, "fixture %s", q->name);
    return cap;
}

static int handle(req_t *q) {
    char cap[2 * STR];
    if (!strcmp(q->op, "hello")) {
        begin(q);
        put(",\"protocol\":1,\"identity\":{\"name\":\"LeafSpec C example\",\"version\":\"0.1\",\"vendor\":\"LeafSpec examples\"},"
            "\"capabilities\":{\"roles\":[\"MODULE_TDCALL\",\"VMM_TDVMCALL\"],\"specVersions\":[\"1.0\",\"1.5\"],"
            "\"leaves\":[\"TDG.VP.INFO\",\"TDG.VP.VMCALL\",\"TDG.VP.VMCALL<Instruction.CPUID>\"],"
            "\"features\":[\"host-view\",\"vector-state\"]}");
        end();
    } else if (!strcmp(q->op, "reset")) {
        td_reset();
        reply_ok(q);
    } else if (!strcmp(q->op, "call")) {
        if (!q->has_regs) { reply_error(q, "bad-request", "message", "call needs insn and regs"); return 1; }
        if (strcmp(q->insn, "TDCALL")) {
            snprintf(cap, sizeof cap, "%s (this example models the TD guest side only)", q->insn);
            reply_error(q, "not-supported", "capability", cap);
            return 1;
        }
        const char *ns = tdcall(&q->regs);
        if (ns) { reply_error(q, "not-supported", "capability", ns); return 1; }
        begin(q); put(",\"regs\":"); regs_out(&q->regs); end();
    } else if (!strcmp(q->op, "fixture")) {
        const char *r = fixture(q);
        if (!r) reply_ok(q);
        else if (r[0] == '!') reply_error(q, "invalid-argument", "message", r + 1);
        else reply_error(q, "not-supported", "capability", r);
    } else if (!strcmp(q->op, "observe")) {
        if (strcmp(q->name, "host.last-exit")) {
            snprintf(cap, sizeof cap, "observation %s", q->name);
            reply_error(q, "not-supported", "capability", cap);
        } else if (!td.has_exit) {
            begin(q); put(",\"regs\":null"); end();
        } else {
            begin(q); put(",\"regs\":"); regs_out(&td.last_exit); end();
        }
    } else if (!strcmp(q->op, "read-memory") || !strcmp(q->op, "write-memory")) {
        reply_error(q, "not-supported", "capability", "guest memory access");
    } else if (!strcmp(q->op, "sleep")) {
        struct timespec ts = {(time_t) (q->ms / 1000), (long) (q->ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        reply_ok(q);
    } else if (!strcmp(q->op, "bye")) {
        reply_ok(q);
        return 0;
    } else {
        snprintf(cap, sizeof cap, "op %s", q->op);
        reply_error(q, "not-supported", "capability", cap);
    }
    return 1;
}

int main(void) {
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    td_reset();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    static req_t q;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        int blank = 1;
        for (ssize_t i = 0; i < n; i++) if (line[i] != ' ' && line[i] != '\n' && line[i] != '\r' && line[i] != '\t') blank = 0;
        if (blank) continue;
        if (!parse(line, &q)) {
            req_t *known = q.has_id ? &q : NULL;
            reply_error(known, "bad-request", "message", q.err);
            continue;
        }
        if (!handle(&q)) break;
    }
    free(line);
    return 0;
}
