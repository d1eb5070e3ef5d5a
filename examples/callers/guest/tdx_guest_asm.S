/*
 * Example guest-side TDX helpers (x86-64 SysV ABI), in the style of Linux arch/x86/virt/vmx/tdx/tdxcall.S.
 * Built by native/build.sh as the correct library and faulty variants, each with one planted fault:
 *   -DFAULT_CLOBBER_RBX       ex_tdcall_ret keeps the argument pointer in RBX without saving it (callee-saved clobbered)
 *   -DFAULT_RBP_IN_BITMAP     ex_tdvmcall also selects RBP (bit 5) in the TDG.VP.VMCALL bitmap
 *   -DFAULT_R10_UNCHECKED     ex_tdvmcall returns R10 without checking RAX first
 *   -DFAULT_R11_NOT_CLEARED   ex_tdvmcall leaves the exposed R11 (not an output) holding what the host wrote
 *   -DFAULT_LEAF_IN_RCX       ex_tdcall puts the leaf number in RCX instead of RAX
 *   -DFAULT_XMM_CLOBBER       ex_inb uses XMM1 as scratch (its convention preserves every XMM register)
 *   -DFAULT_IN_NOT_ZERO_EXT   ex_inb returns all of R11 instead of the byte read, zero-extended
 *   -DFAULT_VZEROUPPER        ex_outb ends with VZEROUPPER (as compiled AVX code does), which zeroes the upper halves
 *                             of YMM0..15 that its all-preserving convention keeps
 *
 * struct ex_module_args { u64 rcx, rdx, r8, r9, r10, r11, r12, r13, r14, r15; }  (offsets 0..72)
 */
#define TDCALL .byte 0x66, 0x0f, 0x01, 0xcc

#define A_RCX 0
#define A_RDX 8
#define A_R8 16
#define A_R9 24
#define A_R10 32
#define A_R11 40
#define A_R12 48
#define A_R13 56
#define A_R14 64
#define A_R15 72

    .text

/* u64 ex_tdcall(u64 fn, struct ex_module_args *args): RCX, RDX, R8..R11 in; returns RAX; no outputs written. */
    .globl ex_tdcall
    .type ex_tdcall, @function
ex_tdcall:
#ifdef FAULT_LEAF_IN_RCX
    mov %rdi, %rcx              /* planted fault: the leaf number goes to RCX, RAX keeps whatever it held */
#else
    mov %rdi, %rax
    mov A_RCX(%rsi), %rcx
#endif
    mov A_RDX(%rsi), %rdx
    mov A_R8(%rsi), %r8
    mov A_R9(%rsi), %r9
    mov A_R10(%rsi), %r10
    mov A_R11(%rsi), %r11
    TDCALL
    ret
    .size ex_tdcall, .-ex_tdcall

/* u64 ex_tdcall_ret(u64 fn, struct ex_module_args *args): RCX..R15 in; RCX..R15 written back to *args; returns RAX. */
    .globl ex_tdcall_ret
    .type ex_tdcall_ret, @function
ex_tdcall_ret:
    push %r12
    push %r13
    push %r14
    push %r15
#ifdef FAULT_CLOBBER_RBX
    mov %rsi, %rbx              /* planted fault: RBX is callee-saved and never restored */
#else
    push %rsi
#endif
    mov %rdi, %rax
    mov A_RCX(%rsi), %rcx
    mov A_RDX(%rsi), %rdx
    mov A_R8(%rsi), %r8
    mov A_R9(%rsi), %r9
    mov A_R10(%rsi), %r10
    mov A_R11(%rsi), %r11
    mov A_R12(%rsi), %r12
    mov A_R13(%rsi), %r13
    mov A_R14(%rsi), %r14
    mov A_R15(%rsi), %r15
    TDCALL
#ifdef FAULT_CLOBBER_RBX
    mov %rbx, %rsi
#else
    pop %rsi
#endif
    mov %rcx, A_RCX(%rsi)
    mov %rdx, A_RDX(%rsi)
    mov %r8, A_R8(%rsi)
    mov %r9, A_R9(%rsi)
    mov %r10, A_R10(%rsi)
    mov %r11, A_R11(%rsi)
    mov %r12, A_R12(%rsi)
    mov %r13, A_R13(%rsi)
    mov %r14, A_R14(%rsi)
    mov %r15, A_R15(%rsi)
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    ret
    .size ex_tdcall_ret, .-ex_tdcall_ret

/*
 * u64 ex_tdvmcall(struct ex_module_args *args): TDG.VP.VMCALL exposing R10..R15 (bitmap 0xFC00), values from *args.
 * On TDX_SUCCESS the host's R10..R15 are written back to *args and the host status (R10) is returned; a module
 * error (RAX != 0) is returned as is. The exposed caller-saved R10/R11 are cleared before returning so no
 * host-controlled value survives; R12..R15 are restored.
 */
    .globl ex_tdvmcall
    .type ex_tdvmcall, @function
ex_tdvmcall:
    push %r12
    push %r13
    push %r14
    push %r15
    mov A_R10(%rdi), %r10
    mov A_R11(%rdi), %r11
    mov A_R12(%rdi), %r12
    mov A_R13(%rdi), %r13
    mov A_R14(%rdi), %r14
    mov A_R15(%rdi), %r15
#ifdef FAULT_RBP_IN_BITMAP
    mov $0xfc20, %ecx           /* planted fault: RBP (bit 5) exposed to the host */
#else
    mov $0xfc00, %ecx
#endif
    xor %eax, %eax              /* TDG.VP.VMCALL, leaf 0 */
    TDCALL
#ifndef FAULT_R10_UNCHECKED
    test %rax, %rax
    jnz 1f                      /* module error: R10..R15 hold no host answer */
#endif
    mov %r10, A_R10(%rdi)
    mov %r11, A_R11(%rdi)
    mov %r12, A_R12(%rdi)
    mov %r13, A_R13(%rdi)
    mov %r14, A_R14(%rdi)
    mov %r15, A_R15(%rdi)
    mov %r10, %rax              /* the host's TDG.VP.VMCALL status */
1:
    xor %r10d, %r10d
#ifndef FAULT_R11_NOT_CLEARED
    xor %r11d, %r11d            /* (the planted fault leaves the host's R11 in place) */
#endif
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    ret
    .size ex_tdvmcall, .-ex_tdvmcall

/*
 * u8 ex_inb(u16 port): port-I/O read of one byte through TDG.VP.VMCALL<Instruction.IO>, like the x86 IN AL, DX it
 * replaces (Linux tdx.c handle_in()). Custom all-preserving convention: the port is passed in DX; every register except
 * RAX (the result) is preserved, XMM included. Exposes R10..R15 (bitmap 0xFC00, R15 = 0 for a read). On TDX_SUCCESS
 * and host status 0 it returns the byte read (R11[7:0]) zero-extended; otherwise 0xFF (a floating bus).
 */
    .globl ex_inb
    .type ex_inb, @function
ex_inb:
    push %rcx
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
#ifdef FAULT_XMM_CLOBBER
    movq %rdx, %xmm1            /* planted fault: XMM1 used as scratch, never restored */
#endif
    xor %r10d, %r10d            /* GHCI-standard TDG.VP.VMCALL */
    mov $30, %r11d              /* Instruction.IO */
    mov $1, %r12d               /* size 1 */
    xor %r13d, %r13d            /* direction: read */
    movzwl %dx, %r14d           /* port */
    xor %r15d, %r15d            /* no write value */
    mov $0xfc00, %ecx
    xor %eax, %eax              /* TDG.VP.VMCALL, leaf 0 */
    TDCALL
    test %rax, %rax
    jnz 1f                      /* module error */
    test %r10, %r10
    jnz 1f                      /* host error */
#ifdef FAULT_IN_NOT_ZERO_EXT
    mov %r11, %rax              /* planted fault: all 64 bits of the host's R11 returned */
#else
    movzbl %r11b, %eax
#endif
    jmp 2f
1:
    mov $0xff, %eax
2:
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %rcx
    ret
    .size ex_inb, .-ex_inb

/*
 * u64 ex_outb(u8 value, u16 port): port-I/O write of one byte through TDG.VP.VMCALL<Instruction.IO>, like OUT DX, AL.
 * Same custom all-preserving convention as ex_inb: the value in AL, the port in DX, every register except RAX preserved.
 * Returns the host's TDG.VP.VMCALL status (R10) on TDX_SUCCESS, else the module's status (RAX).
 */
    .globl ex_outb
    .type ex_outb, @function
ex_outb:
    push %rcx
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
    movzbl %al, %r15d           /* the value */
    xor %r10d, %r10d
    mov $30, %r11d              /* Instruction.IO */
    mov $1, %r12d               /* size 1 */
    mov $1, %r13d               /* direction: write */
    movzwl %dx, %r14d           /* port */
    mov $0xfc00, %ecx
    xor %eax, %eax
    TDCALL
    test %rax, %rax
    jnz 1f                      /* module error: returned as is */
    mov %r10, %rax              /* the host's status */
1:
#ifdef FAULT_VZEROUPPER
    vzeroupper                  /* planted fault: YMM0..15 bits 255:128 zeroed, the convention preserves them */
#endif
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %rcx
    ret
    .size ex_outb, .-ex_outb

    .section .note.GNU-stack, "", @progbits
