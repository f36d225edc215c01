/* Arduino.h - just enough of the Arduino core's interface to compile the
 * example sketch (make check-arduino), which the IDE would build with
 * this header included first and the library's src/ on the path. */
#ifndef LIBNEWS_TEST_ARDUINO_H
#define LIBNEWS_TEST_ARDUINO_H

#include <stddef.h>
#include <stdint.h>

class __FlashStringHelper;
#define F(s) (reinterpret_cast<const __FlashStringHelper *>(s))

class SerialStub {
public:
    void begin(unsigned long baud);
    size_t write(const uint8_t *data, size_t len);
    size_t print(const __FlashStringHelper *s);
    size_t print(int v);
    size_t println();
    size_t println(unsigned long v);
};
extern SerialStub Serial;

#endif
