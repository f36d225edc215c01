/* m0_smoke.c - the smoke test on a Cortex-M0 (the BBC micro:bit's
 * nRF51 as qemu-system-arm emulates it), with the library built with
 * NEWS_FREESTANDING and no C library. It uses the startup code and
 * linker script of examples/firmware, and semihosting for output. */
#include "smoke.h"

#include "board.h"

static void out(const char *line, size_t len)
{
    board_console(line, len);
}

int main(void)
{
    board_exit(smoke_run(out));
    return 0;
}
