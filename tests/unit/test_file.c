/* test_file.c - narrate_file_*: a caller's file appears whole on commit, never before, never after an abort. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static size_t entries(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    cr_assert(d);
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

Test(file, appears_whole_on_commit_and_keeps_the_old_until_then)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "report.json");
    FILE *old = fopen(path, "w");
    cr_assert(old && fputs("old", old) >= 0 && fclose(old) == 0);

    narrate_error err;
    narrate_file *f = narrate_file_create(path, &err);
    cr_assert(f, "%s", err.message);
    cr_assert_eq(write(narrate_file_fd(f), "new!", 4), 4);
    struct stat st;
    cr_assert(stat(path, &st) == 0 && st.st_size == 3, "the target changed before the commit");
    cr_assert_eq(entries(dir), 2); /* the target and the temporary file beside it */
    cr_assert_eq(narrate_file_commit(f, &err), NARRATE_OK, "%s", err.message);
    cr_assert(stat(path, &st) == 0 && st.st_size == 4);
    cr_assert_eq(entries(dir), 1);

    /* An abort leaves the target as it was and nothing beside it. */
    f = narrate_file_create(path, &err);
    cr_assert(f);
    cr_assert_eq(write(narrate_file_fd(f), "longer text", 11), 11);
    narrate_file_abort(f);
    narrate_file_abort(NULL);
    cr_assert(stat(path, &st) == 0 && st.st_size == 4);
    cr_assert_eq(entries(dir), 1);
    free(path);
    test_rmdir(dir);
}

Test(file, a_missing_directory_is_an_error_with_errno)
{
    narrate_error err;
    errno = 0;
    narrate_file *f = narrate_file_create("/nonexistent-narrate-dir/x.json", &err);
    cr_assert_null(f);
    cr_assert_eq(errno, ENOENT);
    cr_assert_lt(err.code, 0);
    cr_assert(strstr(err.message, "/nonexistent-narrate-dir/x.json"), "%s", err.message);
}
