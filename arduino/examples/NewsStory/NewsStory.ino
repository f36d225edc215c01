// NewsStory - parse a story, word-wrap it for a 21-column display and
// write it back as .news text, all on the serial port at 115200 baud.
// The article's lists go to a static arena; its text is not copied.

#include <news.h>

static const char story[] =
    "%news 1\n"
    "title: Night ferry returns to the island after a winter away\n"
    "kicker: Harbour\n"
    "\n"
    "The night ferry sails again from Monday, three months after storm damage to the pier.\n";

// The union keeps the arena aligned for the article's nodes.
static union {
    char bytes[192];
    void *align_p;
    size_t align_n;
} arena;

static int toSerial(void *user, const char *data, size_t len)
{
    (void)user;
    Serial.write((const uint8_t *)data, len);
    return 0;
}

static void printWrapped(news_str text)
{
    news_wrap w;
    news_str line;

    news_wrap_init(&w, text, 21, NULL, NULL);
    while (news_wrap_next(&w, &line, NULL) == NEWS_OK) {
        Serial.write((const uint8_t *)line.ptr, line.len);
        Serial.println();
    }
}

void setup()
{
    news_article a;
    news_arena ar;
    news_error err;
    const news_block *b;

    Serial.begin(115200);
    news_arena_init(&ar, arena.bytes, sizeof arena.bytes);
    if (news_parse(story, sizeof story - 1, &a, &ar, 0, &err) != NEWS_OK) {
        Serial.print(F("error "));
        Serial.print(err.code);
        Serial.print(F(" on line "));
        Serial.println(err.line);
        return;
    }
    printWrapped(a.title);
    for (b = a.body; b != NULL; b = b->next) {
        Serial.println();
        printWrapped(b->text);
    }
    Serial.println();
    Serial.print(F("Arena used: "));
    Serial.println((unsigned long)ar.used);
    news_write(&a, toSerial, NULL, NULL);
}

void loop()
{
}
