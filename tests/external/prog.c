/* prog.c - an outside program built against the installed narrate.pc: text in, MP3 out. */
#include <narrate.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: prog ARTICLE OUT.mp3\n");
        return 2;
    }
    narrate_error err;
    narrate_engine *engine = narrate_engine_create(NULL, &err);
    narrate_article *article = engine ? narrate_article_read(argv[1], &err) : NULL;
    narrate_render_info info;
    int rc = article ? narrate_render_file(engine, article, NULL, argv[2], &info, &err) : -1;
    if (rc < 0)
        fprintf(stderr, "prog: %s\n", err.message);
    else
        printf("%s: %.1f s, %llu bytes\n", argv[2], info.duration_s, (unsigned long long)info.bytes);
    narrate_article_free(article);
    narrate_engine_destroy(engine);
    return rc < 0;
}
