/* news_config.h - options for the CMake test (NEWS_CONFIG_HEADER). */
#define NEWS_NO_ERROR_STRINGS
