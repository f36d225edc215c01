/* main.c - runs every suite; the closing line says how many passed. */
#include "util.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(reader_suite());
    int failed;

    srunner_add_suite(sr, article_suite());
    srunner_add_suite(sr, writer_suite());
    srunner_add_suite(sr, json_suite());
    srunner_add_suite(sr, time_suite());
    srunner_add_suite(sr, vectors_suite());
    srunner_add_suite(sr, hosted_suite());
    srunner_add_suite(sr, property_suite());
    srunner_add_suite(sr, import_suite());
    srunner_add_suite(sr, layout_suite());
    srunner_add_suite(sr, bad_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
