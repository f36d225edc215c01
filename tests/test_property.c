/* test_property.c - placeholder until the suite is written. */
#include "util.h"

Suite *property_suite(void)
{
    return suite_create("property");
}
