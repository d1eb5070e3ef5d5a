/*
 * Wrappers that misbehave in ways a native harness must survive (built as native/target/callers/libguest-misbehaving.so,
 * used by the caller module's tests): one never returns, one ends the process, one aborts, and one prints to stdout
 * before issuing a correct TDG.VP.INFO. Each must be reported against its own function while the others still run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

unsigned long ex_hang(void) {
    for (;;) __asm__ volatile("pause");
}

unsigned long ex_exit(void) {
    _exit(3);
}

unsigned long ex_abort(void) {
    abort();
}

/* A debug printf in a wrapper: the harness gives the library stderr as stdout, so this cannot break the protocol. */
unsigned long ex_chatty(void) {
    printf("debug output from a wrapper\n");
    fflush(stdout);
    unsigned long rax = 1; /* TDG.VP.INFO */
    __asm__ volatile(".byte 0x66, 0x0f, 0x01, 0xcc" : "+a"(rax) : : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory");
    return rax;
}
