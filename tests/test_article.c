/* test_article.c - placeholder until the suite is written. */
#include "util.h"

Suite *article_suite(void)
{
    return suite_create("article");
}
