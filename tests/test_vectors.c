/* test_vectors.c - placeholder until the suite is written. */
#include "util.h"

Suite *vectors_suite(void)
{
    return suite_create("vectors");
}
