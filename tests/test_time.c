/* test_time.c - placeholder until the suite is written. */
#include "util.h"

Suite *time_suite(void)
{
    return suite_create("time");
}
