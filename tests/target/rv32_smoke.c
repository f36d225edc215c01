/* rv32_smoke.c - the smoke test on RV32IMAC with no C library at all:
 * the library is built with NEWS_FREESTANDING and linked with -nostdlib.
 * It runs under qemu-riscv32 (user mode), so two Linux system calls,
 * write and exit, stand in for a board's console. */
#include "smoke.h"

void _start(void) __attribute__((noreturn));

static long sys3(long n, long a, long b, long c)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

static void out(const char *line, size_t len)
{
    sys3(64, 1, (long)line, (long)len); /* write(1, line, len) */
    sys3(64, 1, (long)"\n", 1);
}

void _start(void)
{
    int rc = smoke_run(out);
    for (;;)
        sys3(93, rc, 0, 0); /* exit(rc) */
}
