/* test_hosted.c - placeholder until the suite is written. */
#include "util.h"

Suite *hosted_suite(void)
{
    return suite_create("hosted");
}
