/*
 * Example host-side (VMM) TDX helper (x86-64 SysV ABI), in the style of Linux arch/x86/virt/vmx/tdx/seamcall.S
 * __seamcall_ret: the SEAMCALL leaf in RDI, an argument block in RSI whose fields are loaded into RCX, RDX, R8..R15
 * and written back after the call. Built by native/build.sh as the correct library and one faulty variant:
 *   -DFAULT_RDX_NOT_LOADED    ex_seamcall_ret forgets to load RDX from the argument block (TDH.SYS.RD's field ID)
 *
 * struct ex_module_args { u64 rcx, rdx, r8, r9, r10, r11, r12, r13, r14, r15; }  (offsets 0..72)
 * A SEAMCALL that fails VMfailInvalid (no module loaded: RFLAGS.CF = 1, RAX unchanged) is returned as
 * 0xC0000000FFFF0000 (Linux TDX_SEAMCALL_VMFAILINVALID).
 */
#define SEAMCALL .byte 0x66, 0x0f, 0x01, 0xcf

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
#define A_RBX 80
#define A_RDI 88
#define A_RSI 96

    .text

/* u64 ex_seamcall_ret(u64 fn, struct ex_module_args *args): returns the completion status (RAX). */
    .globl ex_seamcall_ret
    .type ex_seamcall_ret, @function
ex_seamcall_ret:
    push %r12
    push %r13
    push %r14
    push %r15
    push %rsi
    mov %rdi, %rax
    mov A_RCX(%rsi), %rcx
#ifndef FAULT_RDX_NOT_LOADED
    mov A_RDX(%rsi), %rdx
#endif
    mov A_R8(%rsi), %r8
    mov A_R9(%rsi), %r9
    mov A_R10(%rsi), %r10
    mov A_R11(%rsi), %r11
    mov A_R12(%rsi), %r12
    mov A_R13(%rsi), %r13
    mov A_R14(%rsi), %r14
    mov A_R15(%rsi), %r15
    SEAMCALL
    jnc 1f
    movabs $0xc0000000ffff0000, %rax    /* VMfailInvalid: no SEAM module */
1:
    pop %rsi
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
    .size ex_seamcall_ret, .-ex_seamcall_ret

/*
 * u64 ex_seamcall_saved_ret(u64 fn, struct ex_saved_args *args), in the style of Linux __seamcall_saved_ret
 * (arch/x86/virt/vmx/tdx/tdxcall.S with saved=1), for SEAMCALLs that may change every GPR, such as TDH.VP.ENTER:
 * a TD exit hands the host the registers the guest's TDG.VP.VMCALL bitmap selects (RBX, RBP, RSI, RDI, R8..R15) and
 * zeroes the others. struct ex_saved_args { u64 rcx, rdx, r8, ..., r15, rbx, rdi, rsi; } (offsets 0..96): every field
 * is loaded before the SEAMCALL (RSI last, since it holds the block's address) and written back after it; RBX, RBP
 * and R12..R15 are the caller's and are saved and restored around the call. Returns the completion status (RAX).
 */
    .globl ex_seamcall_saved_ret
    .type ex_seamcall_saved_ret, @function
ex_seamcall_saved_ret:
    push %rbp
    mov %rsp, %rbp
#ifndef FAULT_RBX_NOT_SAVED
    push %rbx
#endif
    push %r12
    push %r13
    push %r14
    push %r15
    push %rsi                           /* the block's address: RSI is about to be loaded from it */
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
    mov A_RBX(%rsi), %rbx
    mov A_RDI(%rsi), %rdi
    mov A_RSI(%rsi), %rsi
    SEAMCALL
    jnc 1f
    movabs $0xc0000000ffff0000, %rax    /* VMfailInvalid: no SEAM module */
1:
    push %rsi                           /* the SEAMCALL's RSI */
    mov 8(%rsp), %rsi                   /* the block's address */
    popq A_RSI(%rsi)
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
    mov %rbx, A_RBX(%rsi)
    mov %rdi, A_RDI(%rsi)
    add $8, %rsp                        /* drop the saved block address */
    pop %r15
    pop %r14
    pop %r13
    pop %r12
#ifndef FAULT_RBX_NOT_SAVED
    pop %rbx
#endif
#ifdef FAULT_RBP_NOT_RESTORED
    add $8, %rsp                        /* planted fault: RBP keeps what the TD exit left in it */
#else
    pop %rbp
#endif
    ret
    .size ex_seamcall_saved_ret, .-ex_seamcall_saved_ret

    .section .note.GNU-stack, "", @progbits
