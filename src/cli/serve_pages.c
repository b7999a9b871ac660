/* serve_pages.c - `narrate serve` HTML: the article index and the article page with its "Listen to Article" player. */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

/*
** Self-contained pages: styles and script are inline, fonts are the
** system's, so a page works with no network beyond this server.  Text is
** escaped as it is written; the script reads the timings (/audio/ID.json:
** at load only if cached, as nothing renders before play is pressed; else
** once the audio plays, when that request waits for the render's end),
** wraps each sentence of the paragraphs in a span by its character offsets
** (the paragraph text on the page is exactly the article's), highlights the
** sentence being read and seeks on a paragraph click.
*/

static const char style[] =
    "body{margin:0;background:#fafaf7;color:#1a1a1a;font:18px/1.6 Georgia,'Times New Roman',serif}"
    "header.site{border-bottom:1px solid #ddd;padding:.6em 1em;font:600 15px/1 system-ui,sans-serif;"
    "letter-spacing:.08em;text-transform:uppercase}header.site a{color:inherit;text-decoration:none}"
    "main{max-width:680px;margin:0 auto;padding:1em 1.2em 4em}"
    "h1{font-size:2em;line-height:1.2;margin:.6em 0 .3em}"
    ".byline{font:15px/1.4 system-ui,sans-serif;color:#555;margin:0 0 1.2em}"
    ".listen{display:flex;align-items:center;gap:.8em;flex-wrap:wrap;border:1px solid #d8d8d0;"
    "border-radius:10px;padding:.7em 1em;margin:0 0 1.6em;background:#fff;font:15px/1.3 system-ui,sans-serif;"
    "position:sticky;top:0;z-index:1}"
    ".listen button{width:2.6em;height:2.6em;border-radius:50%;border:0;background:#1a1a1a;color:#fff;"
    "font-size:1em;cursor:pointer}.listen .what{flex:1;min-width:12em}.listen .what b{display:block}"
    ".listen .status{color:#666;font-size:13px}.listen select{font:inherit}"
    ".listen progress{width:100%;height:4px}"
    "article p,article h2,article h3{cursor:pointer}"
    ".nr-s{transition:background .2s}.nr-s.nr-on{background:#ffe58a;border-radius:3px}"
    "ul.articles{list-style:none;padding:0}ul.articles li{margin:.8em 0}ul.articles a{color:#1a1a1a}"
    "ul.articles small{display:block;color:#777;font:13px system-ui,sans-serif}";

static const char script[] =
    "(function(){'use strict';\n"
    "var audio=document.getElementById('nr-audio'),btn=document.getElementById('nr-play'),\n"
    "speed=document.getElementById('nr-speed'),status=document.getElementById('nr-status'),\n"
    "bar=document.getElementById('nr-progress'),cues=[],current=null,loading=false;\n"
    "function say(t){status.textContent=t;}\n"
    "function target(s){if(s.part==='body')return document.querySelector('[data-p=\"'+s.paragraph+'\"]');\n"
    " return document.querySelector('[data-part=\"'+s.part+'\"]');}\n"
    "function wrap(el,list){var chars=Array.from(el.textContent),frag=document.createDocumentFragment(),at=0;\n"
    " list.sort(function(a,b){return a.char_begin-b.char_begin;}).forEach(function(s){\n"
    "  if(s.char_begin<at||s.char_end>chars.length)return;\n"
    "  if(s.char_begin>at)frag.appendChild(document.createTextNode(chars.slice(at,s.char_begin).join('')));\n"
    "  var span=document.createElement('span');span.className='nr-s';span.dataset.start=s.start_ms;\n"
    "  span.textContent=chars.slice(s.char_begin,s.char_end).join('');frag.appendChild(span);\n"
    "  cues.push({start:s.start_ms/1000,end:s.end_ms/1000,el:span,block:el});at=s.char_end;});\n"
    " if(at<chars.length)frag.appendChild(document.createTextNode(chars.slice(at).join('')));\n"
    " el.textContent='';el.appendChild(frag);}\n"
    "function load(quiet){if(loading||cues.length)return;loading=true;\n"
    " fetch(audio.dataset.timings).then(function(r){if(!r.ok)throw new Error(r.status);return r.json();})\n"
    " .then(function(t){var by=new Map();t.sentences.forEach(function(s){var el=target(s);if(!el)return;\n"
    "  if(!by.has(el))by.set(el,[]);by.get(el).push(s);});by.forEach(function(l,el){wrap(el,l);});\n"
    "  cues.sort(function(a,b){return a.start-b.start;});document.body.dataset.timings=cues.length;\n"
    "  if(audio.paused)say('Ready: '+fmt(t.duration_ms/1000));})\n"
    " .catch(function(e){loading=false;if(!quiet)say('Read-along unavailable ('+e.message+')');});}\n"
    "function fmt(s){s=Math.round(s);return Math.floor(s/60)+':'+('0'+s%60).slice(-2);}\n"
    "function cueAt(t){var found=null;for(var i=0;i<cues.length&&cues[i].start<=t;i++){\n"
    " if(t<cues[i].end)return cues[i];found=cues[i];}return found;}\n"
    "function highlight(){var c=cueAt(audio.currentTime);if(c===current)return;\n"
    " if(current)current.el.classList.remove('nr-on');current=c;\n"
    " if(c){c.el.classList.add('nr-on');c.el.scrollIntoView({block:'center',behavior:'smooth'});\n"
    "  document.body.dataset.sentence=c.el.dataset.start;}}\n"
    "function tick(){highlight();if(audio.duration)bar.value=audio.currentTime/audio.duration;\n"
    " if(!audio.paused)requestAnimationFrame(tick);}\n"
    "btn.addEventListener('click',function(){if(audio.paused){say('Generating audio\\u2026');\n"
    " audio.play().catch(function(e){say('Cannot play: '+e.message);});}else audio.pause();});\n"
    "audio.addEventListener('playing',function(){btn.textContent='\\u275a\\u275a';btn.setAttribute('aria-label','Pause');\n"
    " say('Playing');requestAnimationFrame(tick);load(false);});\n"
    "audio.addEventListener('pause',function(){btn.textContent='\\u25b6';btn.setAttribute('aria-label','Play');say('Paused');});\n"
    "audio.addEventListener('ended',function(){say('Finished');});\n"
    "audio.addEventListener('error',function(){say('Audio failed to load');});\n"
    "audio.addEventListener('timeupdate',highlight);\n"
    "speed.addEventListener('change',function(){audio.playbackRate=parseFloat(speed.value);});\n"
    "document.querySelectorAll('article [data-p]').forEach(function(p){p.addEventListener('click',function(){\n"
    " var first=cues.find(function(c){return c.block===p;});if(!first)return;\n"
    " audio.currentTime=first.start;highlight();if(audio.paused)audio.play();});});\n"
    "load(true);})();\n";

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

static void player(serve_buf *b, const char *id)
{
    serve_buf_printf(b,
        "<div class=\"listen\" role=\"region\" aria-label=\"Listen to Article\">"
        "<button id=\"nr-play\" type=\"button\" aria-label=\"Play\">&#9654;</button>"
        "<div class=\"what\"><b>Listen to Article</b><span class=\"status\" id=\"nr-status\">"
        "Click play to generate audio</span><progress id=\"nr-progress\" max=\"1\" value=\"0\"></progress></div>"
        "<label>Speed <select id=\"nr-speed\">"
        "<option value=\"0.75\">0.75&times;</option><option value=\"1\" selected>1&times;</option>"
        "<option value=\"1.25\">1.25&times;</option><option value=\"1.5\">1.5&times;</option>"
        "<option value=\"1.75\">1.75&times;</option><option value=\"2\">2&times;</option>"
        "</select></label>"
        "<audio id=\"nr-audio\" preload=\"none\" src=\"/audio/%s.mp3\" data-timings=\"/audio/%s.json\">"
        "</audio></div>",
        id, id);
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
    serve_buf_printf(&b, "<script>%s</script>", script);
    narrate_article_free(a);
    return send_page(c, r, &b);
}
