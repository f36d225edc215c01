/* replay.c - runs a fuzz target without libFuzzer: every file named on
 * the command line, and every file in every directory named (sorted by
 * name; names starting with '.' are skipped), goes through
 * LLVMFuzzerTestOneInput() once, in a heap block of exactly its size.
 * A failed check aborts; otherwise the exit status is 0 and the last
 * line says how many inputs ran. Used with gcc, the sanitizers and
 * valgrind to replay the seed corpus and the regression inputs. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long runs;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL, *tmp;
    size_t len = 0, cap = 0, n;
    char chunk[4096];

    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > cap - len) {
            cap = (len + n) * 2;
            data = (char *)realloc(data, cap);
            if (data == NULL) {
                fprintf(stderr, "replay: out of memory\n");
                fclose(f);
                return 1;
            }
        }
        memcpy(data + len, chunk, n);
        len += n;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        fclose(f);
        free(data);
        return 1;
    }
    fclose(f);
    /* Exactly len bytes, so that a read past the end is caught. */
    tmp = fz_copy(data, len, 0);
    free(data);
    fprintf(stderr, "replay: %s (%lu bytes)\n", path, (unsigned long)len);
    LLVMFuzzerTestOneInput((const uint8_t *)tmp, len);
    free(tmp);
    runs++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int bad = 0;

    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t k = strlen(dir) + strlen(e->d_name) + 2;
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = (char **)realloc(names, cap * sizeof *names);
            if (names == NULL) {
                fprintf(stderr, "replay: out of memory\n");
                closedir(d);
                return 1;
            }
        }
        names[n] = (char *)malloc(k);
        if (names[n] == NULL) {
            fprintf(stderr, "replay: out of memory\n");
            closedir(d);
            return 1;
        }
        snprintf(names[n], k, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            bad |= run_file(names[i]);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    int i, bad = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            bad = 1;
        } else if (S_ISDIR(st.st_mode)) {
            bad |= run_dir(argv[i]);
        } else {
            bad |= run_file(argv[i]);
        }
    }
    printf("replay: %lu inputs, %s\n", runs, bad ? "some could not be read" : "all passed");
    return bad;
}
