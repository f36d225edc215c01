/* test_writer.c - placeholder until the suite is written. */
#include "util.h"

Suite *writer_suite(void)
{
    return suite_create("writer");
}
