/* board.h - what the firmware needs from its board. */
#ifndef FIRMWARE_BOARD_H
#define FIRMWARE_BOARD_H

#include <stddef.h>

/* Show one line of debug text (no line feed). With FIRMWARE_SEMIHOSTING
 * it goes to the debugger or emulator console; otherwise nowhere. */
void board_console(const char *s, size_t n);

/* Stop: with FIRMWARE_SEMIHOSTING, end the debug session with status
 * 0 (success) or 1; otherwise sleep for ever. */
void board_exit(int status);

#endif
