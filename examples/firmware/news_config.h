/* news_config.h - libnews options for this firmware, picked up by every
 * libnews source through -DNEWS_CONFIG_HEADER='"news_config.h"', so the
 * library's own files stay untouched. */
#ifndef FIRMWARE_NEWS_CONFIG_H
#define FIRMWARE_NEWS_CONFIG_H

#define NEWS_NO_STDIO         /* no FILE *, no printf */
#define NEWS_NO_MALLOC        /* memory comes from static arenas */
#define NEWS_NO_ERROR_STRINGS /* error codes only: saves about 0.8 KB of flash */

/* Stories are short: refuse anything bigger than the buffers below
 * could ever hold, early and with a clear error. */
#define NEWS_DEFAULT_MAX_LINE 1024u
#define NEWS_DEFAULT_MAX_BLOCKS 64u

#endif
