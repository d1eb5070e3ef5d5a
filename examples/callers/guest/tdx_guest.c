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
