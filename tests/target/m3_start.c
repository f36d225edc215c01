/* m3_start.c - start-up for the unit tests on a Cortex-M3 under
 * qemu-system-arm -M mps2-an385 -semihosting: the vector table, .data
 * and .bss, newlib's semihosting console and files (librdimon), then
 * main() and exit(), and a heap for malloc. A fault ends the run with
 * a failure at once. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int main(void);
void initialise_monitor_handles(void);
void reset_handler(void);
void fault_handler(void);

/* From mps2-an385.ld. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];

void reset_handler(void)
{
    uint32_t *src = _sidata, *dst = _sdata;

    while (dst < _edata)
        *dst++ = *src++;
    for (dst = _sbss; dst < _ebss; dst++)
        *dst = 0;
    initialise_monitor_handles();
    exit(main());
}

/* The heap: the board's 16 MB of RAM at 0x21000000 (mps2-an385.ld),
 * apart from the 4 MB that hold data and stack, so that the tests that
 * build large inputs have room. Replaces librdimon's weak _sbrk. */
extern char __heap_start[], __heap_end[];
void *_sbrk(ptrdiff_t incr);
void *_sbrk(ptrdiff_t incr)
{
    static char *brk = __heap_start;
    char *old = brk;

    if (incr > __heap_end - brk || incr < __heap_start - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    brk += incr;
    return old;
}

/* newlib's exit() runs the .fini_array through _fini, which the C
 * run-time start files would supply; nothing needs it here. */
void _init(void);
void _fini(void);
void _init(void)
{
}
void _fini(void)
{
}

void fault_handler(void)
{
    /* SYS_WRITE0, then SYS_EXIT with ADP_Stopped_RunTimeErrorUnknown */
    register uint32_t r0 __asm__("r0") = 0x04;
    register const void *r1 __asm__("r1") = "m3_start: processor fault\n";
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    r0 = 0x18;
    r1 = (const void *)0x20023u;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    for (;;)
        ;
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)_estack,
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
};
