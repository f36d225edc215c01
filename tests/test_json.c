/* test_json.c - placeholder until the suite is written. */
#include "util.h"

Suite *json_suite(void)
{
    return suite_create("json");
}
