/* avr_smoke.c - the smoke test on an ATmega2560 (16-bit int, 8 KB of
 * RAM) under simavr. The transcript goes out on USART0, which simavr
 * prints line by line; the program then sleeps with interrupts off,
 * which ends the simulation. */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>

#include "smoke.h"

static void tx(char c)
{
    while (!(UCSR0A & (1 << UDRE0)))
        ;
    UDR0 = (uint8_t)c;
}

static void out(const char *line, size_t len)
{
    while (len-- > 0)
        tx(*line++);
    tx('\n');
}

int main(void)
{
    UCSR0B = 1 << TXEN0;
    smoke_run(out);
    cli();
    sleep_enable();
    sleep_cpu();
    for (;;)
        ;
}
