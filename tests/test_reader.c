/* test_reader.c - placeholder until the suite is written. */
#include "util.h"

Suite *reader_suite(void)
{
    return suite_create("reader");
}
