/* serve_pages.c - `narrate serve` HTML: the article index and the article page with its "Listen to Article" player. */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

/*
** Self-contained pages: styles are inline, fonts are the system's, the one
** script is this server's /embed.js, so a page works with no network beyond
** this server.  Text is escaped as it is written.  The article page is a
** newsroom's page as the README tells newsrooms to write one: the player is
** the embed, its read-along runs on the page's text, and nothing is asked of
** the server (no render, no timings) until play is pressed.
*/

static const char style[] =
    "body{margin:0;background:#fafaf7;color:#1a1a1a;font:18px/1.6 Georgia,'Times New Roman',serif}"
    "header.site{border-bottom:1px solid #ddd;padding:.6em 1em;font:600 15px/1 system-ui,sans-serif;"
    "letter-spacing:.08em;text-transform:uppercase}header.site a{color:inherit;text-decoration:none}"
    "main{max-width:680px;margin:0 auto;padding:1em 1.2em 4em}"
    "h1{font-size:2em;line-height:1.2;margin:.6em 0 .3em}"
    ".byline{font:15px/1.4 system-ui,sans-serif;color:#555;margin:0 0 1.2em}"
    "ul.articles{list-style:none;padding:0}ul.articles li{margin:.8em 0}ul.articles a{color:#1a1a1a}"
    "ul.articles small{display:block;color:#777;font:13px system-ui,sans-serif}";

static void page_start(serve_buf *b, const char *title)
{
    serve_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        "<title>");
    serve_buf_html(b, title, strlen(title));
    serve_buf_printf(b, "</title><style>%s</style></head><body>"
                        "<header class=\"site\"><a href=\"/\">The Daily Narrate</a></header><main>",
                     style);
}

static enum MHD_Result send_page(struct MHD_Connection *c, serve_request *r, serve_buf *b)
{
    serve_buf_add(b, "</main></body></html>\n", 22);
    enum MHD_Result ok = b->failed ? MHD_NO
                                   : serve_reply(c, r, MHD_HTTP_OK, "text/html; charset=utf-8",
                                                 b->data, b->len);
    free(b->data);
    return ok;
}

enum MHD_Result serve_index(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    size_t n;
    serve_listing *l = serve_catalog_list(s, &n);
    serve_buf b = { 0 };
    page_start(&b, "Articles");
    serve_buf_printf(&b, "<h1>Articles</h1><ul class=\"articles\">");
    for (size_t i = 0; i < n; i++) {
        serve_buf_printf(&b, "<li><a href=\"/articles/%s\">", l[i].id); /* ids are safe */
        const char *t = l[i].title[0] ? l[i].title : l[i].id;
        serve_buf_html(&b, t, strlen(t));
        serve_buf_printf(&b, "</a><small>%s</small></li>", l[i].id);
    }
    serve_buf_printf(&b, "</ul>");
    free(l);
    return send_page(c, r, &b);
}

static void article_body(serve_buf *b, const narrate_article *a)
{
    serve_buf_printf(b, "<article>");
    for (size_t i = 0; i < narrate_article_paragraph_count(a); i++) {
        const char *p = narrate_article_paragraph(a, i);
        int h = narrate_article_heading_level(a, i);
        int tag = h ? (h < 2 ? 2 : h) : 0;
        if (tag)
            serve_buf_printf(b, "<h%d data-p=\"%zu\">", tag, i);
        else
            serve_buf_printf(b, "<p data-p=\"%zu\">", i);
        serve_buf_html(b, p, strlen(p));
        if (tag)
            serve_buf_printf(b, "</h%d>", tag);
        else
            serve_buf_printf(b, "</p>");
    }
    serve_buf_printf(b, "</article>");
}

/* The two lines a newsroom adds (README: "Put the button on your site"). */
static void player(serve_buf *b, const char *id)
{
    serve_buf_printf(b, "<div data-narrate-article=\"%s\" data-narrate-highlight=\"main\"></div>"
                        "<script src=\"/embed.js\" async></script>", id); /* ids are safe */
}

enum MHD_Result serve_article_page(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                   const char *id)
{
    if (!serve_id_ok(id, strlen(id)))
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such article '%s'", "id");
    narrate_error err;
    narrate_voice v;
    char key[NARRATE_KEY_LEN + 1];
    narrate_article *a = serve_article_load(s, id, &v, key, &err);
    if (!a)
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    const char *title = narrate_article_title(a), *author = narrate_article_author(a);
    serve_buf b = { 0 };
    page_start(&b, title ? title : id);
    if (title) {
        serve_buf_printf(&b, "<h1 data-part=\"title\">");
        serve_buf_html(&b, title, strlen(title));
        serve_buf_printf(&b, "</h1>");
    }
    if (author) {
        /* "By <author>" is what the byline cue's offsets count in. */
        serve_buf_printf(&b, "<p class=\"byline\" data-part=\"byline\">By ");
        serve_buf_html(&b, author, strlen(author));
        serve_buf_printf(&b, "</p>");
    }
    player(&b, id);
    article_body(&b, a);
    narrate_article_free(a);
    return send_page(c, r, &b);
}
