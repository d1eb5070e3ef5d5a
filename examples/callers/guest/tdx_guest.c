/* Example guest-side helper in C with inline assembly: TDG.VP.INFO into a struct (x86-64 SysV ABI). */
#include <stdint.h>

struct ex_module_args {
    uint64_t rcx, rdx, r8, r9, r10, r11, r12, r13, r14, r15;
};

/* Returns the TDCALL status (RAX); on any status, out->rcx..r11 receive RCX, RDX, R8..R11 as the module left them. */
uint64_t ex_tdg_vp_info(struct ex_module_args *out) {
    register uint64_t rax __asm__("rax") = 1; /* TDG.VP.INFO, version 0 */
    register uint64_t rcx __asm__("rcx");
    register uint64_t rdx __asm__("rdx");
    register uint64_t r8 __asm__("r8");
    register uint64_t r9 __asm__("r9");
    register uint64_t r10 __asm__("r10");
    register uint64_t r11 __asm__("r11");
    __asm__ volatile(".byte 0x66, 0x0f, 0x01, 0xcc"
                     : "+r"(rax), "=r"(rcx), "=r"(rdx), "=r"(r8), "=r"(r9), "=r"(r10), "=r"(r11)
                     :
                     : "memory");
    out->rcx = rcx;
    out->rdx = rdx;
    out->r8 = r8;
    out->r9 = r9;
    out->r10 = r10;
    out->r11 = r11;
    return rax;
}

/*
 * u64 ex_map_gpa(u64 start, u64 size): GHCI TDG.VP.VMCALL<MapGPA> (R11 = 0x10001) of [start, start + size), in the
 * style of Linux arch/x86/coco/tdx/tdx.c tdx_map_gpa(): the bitmap exposes R10..R13 only; on TDG.VP.VMCALL_RETRY
 * (R10 = 1) it checks that the resume GPA in R11 lies in the range and reissues from it with the rest of the range;
 * three retries without progress give up. Returns the module status (RAX) when the TDCALL failed, else the host's
 * status (R10): 0 once the whole range is mapped.
 * Planted faults (native/build.sh):
 *   -DFAULT_RETRY_IGNORED     returns the host's RETRY status to the caller: the rest of the range is never mapped
 *   -DFAULT_RETRY_FROM_START  reissues the whole range from the original start for as long as the host says RETRY
 */
#define EX_TDVMCALL_MAP_GPA 0x10001
#define EX_TDVMCALL_STATUS_RETRY 1

uint64_t ex_map_gpa(uint64_t start, uint64_t size) {
    const uint64_t end = start + size;
#if !defined(FAULT_RETRY_IGNORED) && !defined(FAULT_RETRY_FROM_START)
    int no_progress = 0;
#endif
    for (;;) {
        register uint64_t rax __asm__("rax") = 0;      /* TDG.VP.VMCALL */
        register uint64_t rcx __asm__("rcx") = 0x3C00; /* bitmap: R10 R11 R12 R13 */
        register uint64_t r10 __asm__("r10") = 0;      /* GHCI-standard call */
        register uint64_t r11 __asm__("r11") = EX_TDVMCALL_MAP_GPA;
        register uint64_t r12 __asm__("r12") = start;
        register uint64_t r13 __asm__("r13") = end - start;
        __asm__ volatile(".byte 0x66, 0x0f, 0x01, 0xcc"
                         : "+r"(rax), "+r"(rcx), "+r"(r10), "+r"(r11), "+r"(r12), "+r"(r13)
                         :
                         : "memory");
        if (rax)
            return rax; /* module error: R10 and R11 are not the host's */
#if defined(FAULT_RETRY_IGNORED)
        return r10;     /* planted fault: RETRY goes back to the caller as if it were a final status */
#elif defined(FAULT_RETRY_FROM_START)
        if (r10 != EX_TDVMCALL_STATUS_RETRY)
            return r10;
        /* planted fault: R11 is ignored and the whole range is asked for again */
#else
        if (r10 != EX_TDVMCALL_STATUS_RETRY)
            return r10;
        uint64_t resume = r11;  /* untrusted: comes from the host */
        if (resume < start || resume >= end)
            return r10;
        if (resume == start) {
            if (++no_progress == 3)
                return r10;
        } else {
            no_progress = 0;
        }
        start = resume;
#endif
    }
}
