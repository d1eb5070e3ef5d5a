/*
 * The baseline of AdapterBench: a bare echo over the adapter pipe. Every request line is written back as it is,
 * which is a valid protocol-1 reply (it carries the request's "id", and a "call" request carries "regs": the
 * register file comes back unchanged; unknown members are ignored). Only "hello" gets a real answer, so that the
 * handshake passes. stdout is flushed after every reply, as the protocol asks of an adapter.
 * Build: gcc -O2 -std=c99 -o echo_adapter echo_adapter.c   (AdapterBench does this itself)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (strstr(line, "\"op\":\"hello\"")) {
            long id = strtol(line + strlen("{\"id\":"), NULL, 10);
            printf("{\"id\":%ld,\"protocol\":1,\"identity\":{\"name\":\"LeafSpec echo baseline\",\"version\":\"1\","
                   "\"vendor\":\"LeafSpec bench\"},\"capabilities\":{\"roles\":[\"MODULE_TDCALL\"],"
                   "\"specVersions\":[\"1.5\"],\"leaves\":[\"TDG.VP.INFO\"],\"features\":[]}}\n", id);
        } else {
            fwrite(line, 1, (size_t) n, stdout);
        }
        fflush(stdout);
        if (strstr(line, "\"op\":\"bye\"")) break;
    }
    free(line);
    return 0;
}
