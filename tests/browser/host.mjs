// host.mjs - a newsroom's site for the browser test: pages on two origins of their own (two ports on 127.0.0.1), not narrate's.
// usage: node host.mjs ARTICLE.txt   prints "http://127.0.0.1:P1 http://127.0.0.1:P2" and serves until killed (30 min at most).
//   GET /story.html?narrate=URL&id=ID   the article with hostile CSS, inline markup and entities, and the two lines
//   GET /bare.html?narrate=URL&id=ID    the two lines alone
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [articlePath] = process.argv.slice(2);
const text = readFileSync(articlePath, 'utf8');
const [head, ...rest] = text.split(/\n\n/);
const title = (head.match(/^Title: (.*)$/m) || [, 'Story'])[1];
const author = (head.match(/^Author: (.*)$/m) || [, ''])[1];
const paragraphs = rest.join('\n\n').split(/\n\n+/).map((p) => p.trim()).filter(Boolean);

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// What a CMS does to text: entities for quotes and dashes, words in inline markup, lines
// wrapped in the source, a link inside a sentence.
function dress(p, i) {
    let h = esc(p).replace(/\u201c/g, '&ldquo;').replace(/\u201d/g, '&rdquo;').replace(/\u2014/g, '&mdash;')
        .replace(/\u2019/g, '&#8217;');
    if (i === 1) h = h.replace('White House', '<a href="#wh">White <strong>House</strong></a>');
    let n = 0;
    h = h.replace(/\b([A-Z][a-z]{4,})\b/g, (m) => (n++ % 3 === 0 ? `<em>${m}</em>` : m));
    return h.replace(/, /g, ',\n      ');
}

// The host's own styles, written as carelessly as real ones: they must not reach the player.
const hostile = `
  * { box-sizing: content-box; }
  body { font: 19px/1.7 Georgia, serif; margin: 0; color: #222; background: #fff; }
  header { background: #900; color: #fff; padding: 12px 20px; font: 700 22px sans-serif; }
  main { max-width: 720px; margin: 0 auto; padding: 10px 20px 600px; }
  div { font-size: 30px; letter-spacing: 3px; line-height: 3; }
  .story { font-size: 19px; letter-spacing: normal; line-height: 1.7; }
  button { display: none; background: red !important; }
  select { color: lime; font-size: 40px; }
  a { color: #900; }
  svg { width: 300px; height: 300px; }
  .story p { margin: 0 0 1em; }
`;

function page(q, full) {
    const narrate = q.get('narrate') || '', id = q.get('id') || '', key = q.get('key');
    const attr = key ? `data-narrate-key="${esc(key)}"` : `data-narrate-article="${esc(id)}"`;
    const hl = full ? ` data-narrate-highlight=".story"` : '';
    const body = full
        ? `<h1>${esc(title)}</h1><p class="byline">By ${esc(author)}</p>
    <div ${attr}${hl}></div>
    <div class="story">
${paragraphs.map((p, i) => `    <p>${dress(p, i)}</p>`).join('\n')}
    </div>`
        : `<div ${attr}></div>`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="The Example Tribune">
<title>${esc(title)}</title>
<style>${full ? hostile : ''}</style>
<script src="${esc(narrate)}/embed.js" async></script>
</head><body><header>The Example Tribune</header><main>
    ${body}
</main></body></html>
`;
}

function serve() {
    return new Promise((resolve) => {
        const srv = createServer((req, res) => {
            const u = new URL(req.url, 'http://x');
            if (u.pathname === '/story.html' || u.pathname === '/bare.html') {
                res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
                res.end(page(u.searchParams, u.pathname === '/story.html'));
            } else {
                res.writeHead(404, { 'Content-Type': 'text/plain' });
                res.end('not found\n');
            }
        });
        srv.listen(0, '127.0.0.1', () => resolve(srv));
    });
}

const servers = [await serve(), await serve()];
console.log(servers.map((s) => `http://127.0.0.1:${s.address().port}`).join(' '));
// The suite stops it by its PID; this bound only ends one left behind.
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
