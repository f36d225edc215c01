/* startup.c - reset handler, vector table and debug console for a
 * Cortex-M0 with 256 KB of flash and 16 KB of RAM (cortex-m0.ld; the
 * nRF51 of a BBC micro:bit, which qemu-system-arm -M microbit emulates).
 * Build it with -ffreestanding -fno-tree-loop-distribute-patterns so
 * that the copy loops below stay loops and need no C library. */
#include <stdint.h>

#include "board.h"

int main(void);
void reset_handler(void);
void fault_handler(void);

/* From cortex-m0.ld. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];

void reset_handler(void)
{
    uint32_t *src = _sidata, *dst = _sdata;

    while (dst < _edata) /* initialised data: flash to RAM */
        *dst++ = *src++;
    for (dst = _sbss; dst < _ebss; dst++)
        *dst = 0;
    board_exit(main());
}

void fault_handler(void)
{
    board_exit(1);
}

/* The core reads the initial stack pointer and the reset address from
 * the start of flash; the rest are the Cortex-M0 exceptions. */
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)_estack,
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
};

#ifdef FIRMWARE_SEMIHOSTING
/* ARM semihosting: BKPT 0xAB with the operation in r0 and its argument
 * in r1. Without a debugger attached this would fault. */
static void semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

void board_console(const char *s, size_t n)
{
    static char line[128];
    size_t i;

    for (i = 0; i < n && i < sizeof line - 2; i++)
        line[i] = s[i];
    line[i++] = '\n';
    line[i] = '\0';
    semihost(0x04, line); /* SYS_WRITE0 */
}

void board_exit(int status)
{
    /* SYS_EXIT with ADP_Stopped_ApplicationExit, or RunTimeErrorUnknown. */
    semihost(0x18, (const void *)(uintptr_t)(status == 0 ? 0x20026u : 0x20023u));
    for (;;)
        ;
}
#else
void board_console(const char *s, size_t n)
{
    (void)s;
    (void)n;
}

void board_exit(int status)
{
    (void)status;
    for (;;)
        __asm__ volatile("wfi");
}
#endif
