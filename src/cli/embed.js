// embed.js - narrate's "Listen to Article" player for a newsroom's own pages (GET /embed.js): click to render, read-along.
//
// A page adds <script src="https://AUDIO-SERVER/embed.js" async></script> and
// <div data-narrate-article="ID"></div> (or data-narrate-key="KEY").  Options on the div:
//   data-narrate-highlight="SELECTOR"  the article body on this page: read-along there
//   data-narrate-title="..."           the title for lock screens (else the page's h1)
// Nothing is fetched from the server before play is pressed: a crawler or a reader who
// only scrolls costs no render.  The server is the one this script came from.
// Served with indentation and whole-line comments stripped (Makefile: embed_js.h).
(function () {
'use strict';
if (window.NarrateEmbed) { window.NarrateEmbed.scan(); return; }
var me = document.currentScript;
if (!me) {
    var all = document.querySelectorAll('script[src]');
    for (var i = all.length - 1; i >= 0 && !me; i--)
        if (/\/embed\.js(?:[?#]|$)/.test(all[i].src)) me = all[i];
}
if (!me) return;
var BASE = new URL('.', me.src).href;
var STEP = 15, WPM = 160, SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
var HL = 'narrate';
var players = [];

function store(k, v) {
    try {
        if (v === undefined) return localStorage.getItem('narrate:' + k);
        if (v === null) localStorage.removeItem('narrate:' + k);
        else localStorage.setItem('narrate:' + k, String(v));
    } catch (e) { /* storage off (private mode, sandbox): nothing is remembered */ }
    return null;
}

function fmt(s) {
    s = isFinite(s) && s > 0 ? Math.floor(s) : 0;
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, x = s % 60;
    return (h ? h + ':' + (m < 10 ? '0' : '') : '') + m + ':' + (x < 10 ? '0' : '') + x;
}

function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
}

// ---------------------------------------------------------------- read-along matching
// The page's text and the timings' sentences compared on letters and digits alone,
// case- and accent-folded: whitespace, entities, punctuation, quotes and inline markup
// do not matter.  Each kept character remembers its text node and offset.
var WORD = /[\p{L}\p{N}]/u;
function fold(ch) {
    return ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
function keyOf(s) {
    var out = '';
    for (var ch of s) { var f = fold(ch); for (var c of f) if (WORD.test(c)) out += c; }
    return out;
}
var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|SELECT|BUTTON|svg)$/;
function indexText(root) {
    var nodes = [], key = '', node = [], off = [], end = [];
    var walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
            for (var p = n.parentNode; p && p !== root; p = p.parentNode)
                if (SKIP.test(p.nodeName) || (p.hasAttribute && (p.hasAttribute('data-narrate-article') ||
                    p.hasAttribute('data-narrate-key') || p.hidden))) return NodeFilter.FILTER_REJECT;
            return NodeFilter.FILTER_ACCEPT;
        }
    });
    for (var n; (n = walk.nextNode());) {
        var d = n.data, ni = nodes.push(n) - 1;
        for (var i = 0; i < d.length;) {
            var cp = d.codePointAt(i), len = cp > 0xffff ? 2 : 1;
            var f = fold(String.fromCodePoint(cp));
            for (var c of f) if (WORD.test(c)) { key += c; node.push(ni); off.push(i); end.push(i + len); }
            i += len;
        }
    }
    return { nodes: nodes, key: key, node: node, off: off, end: end };
}
// Sentences in order, each found after the one before; one that is not on the page
// (edited there, or never shown) is left without a range.
function matchSentences(ix, sentences) {
    var cues = [], at = 0;
    sentences.forEach(function (s) {
        var k = keyOf(s.text || ''), a = -1, b = -1;
        if (k.length) {
            a = ix.key.indexOf(k, at);
            if (a < 0) a = ix.key.indexOf(k);
            if (a >= 0) b = a + k.length;
            else if (k.length > 40) {
                // The page's sentence differs in the middle (an edit, a link's text):
                // its first and last 20 letters, near each other.
                a = ix.key.indexOf(k.slice(0, 20), at);
                var z = a < 0 ? -1 : ix.key.indexOf(k.slice(-20), a + 20);
                if (z >= 0 && z - a < k.length * 1.5) b = z + 20; else a = -1;
            }
        }
        var cue = { start: s.start_ms / 1000, end: s.end_ms / 1000, range: null };
        if (a >= 0) {
            var r = document.createRange(), en = ix.nodes[ix.node[b - 1]], e = ix.end[b - 1];
            // The closing punctuation belongs to the sentence too.
            while (e < en.data.length && /[.!?\u2026"'\u201d\u2019)\]]/.test(en.data[e])) e++;
            r.setStart(ix.nodes[ix.node[a]], ix.off[a]);
            r.setEnd(en, e);
            cue.range = r;
            at = b;
        }
        cues.push(cue);
    });
    return cues.sort(function (x, y) { return x.start - y.start; });
}

var hlStyled = false;
function styleHost() {
    if (hlStyled) return;
    hlStyled = true;
    // Low specificity and overridable: the host page's own ::highlight(narrate) rule wins.
    var st = el('style', { 'data-narrate': '' });
    st.textContent = ':where(html) ::highlight(' + HL + '){background-color:#ffe58a;color:inherit}' +
        ':where([data-narrate-readalong]) :where(p,li,h1,h2,h3,h4,h5,h6,blockquote){cursor:pointer}' +
        ':where([data-narrate-reading]){background-color:#fff4c2}';
    (document.head || document.documentElement).appendChild(st);
}

// ---------------------------------------------------------------- the player
var CSS_TEXT =
    ':host{display:block;margin:1em 0}' +
    '*{box-sizing:border-box}[hidden]{display:none!important}' +
    // all:initial: nothing the host page's styles give the host element is inherited here.
    '.p{all:initial;display:flex;font:15px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;flex-wrap:wrap;align-items:center;gap:8px 12px;max-width:100%;padding:10px 12px;' +
    'border:1px solid #cfcfc6;border-radius:12px;background:#fff}' +
    '.play{flex:none;width:48px;height:48px;border-radius:50%;border:0;padding:0;background:#1a1a1a;color:#fff;cursor:pointer;display:grid;place-items:center}' +
    '.play svg{width:20px;height:20px;fill:currentColor}.play:hover{background:#333}' +
    '.mid{flex:1 1 200px;min-width:0}' +
    '.t{font-weight:700;margin:0}.st{font-size:13px;color:#4a4a4a;min-height:1.35em}' +
    '.bar{position:relative;height:22px;cursor:pointer;touch-action:none;border-radius:4px}' +
    '.bar::before{content:"";position:absolute;left:0;right:0;top:9px;height:4px;border-radius:2px;background:#dcdcd4}' +
    '.fill{position:absolute;left:0;top:9px;height:4px;border-radius:2px;background:#1a1a1a;width:0}' +
    '.knob{position:absolute;top:5px;left:0;width:12px;height:12px;margin-left:-6px;border-radius:50%;background:#1a1a1a}' +
    '.tm{display:flex;justify-content:space-between;font-size:12px;color:#4a4a4a;font-variant-numeric:tabular-nums}' +
    '.ctl{display:flex;flex-wrap:wrap;align-items:center;gap:6px}' +
    '.ctl>*{font:inherit;font-size:13px;min-height:34px;min-width:34px;padding:0 9px;border:1px solid #bdbdb4;border-radius:8px;' +
    'background:#fff;color:#1a1a1a;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center;justify-content:center}' +
    '.ctl [aria-pressed="true"]{background:#1a1a1a;color:#fff;border-color:#1a1a1a}' +
    ':focus-visible{outline:3px solid #1558d6;outline-offset:2px}' +
    '@media (max-width:480px){.ctl{width:100%}.ctl>*{flex:1 1 auto}}' +
    '@media (prefers-reduced-motion:no-preference){.fill,.knob{transition:width .2s linear,left .2s linear}.drag .fill,.drag .knob{transition:none}}';
var ICON_PLAY = '<svg viewBox="0 0 20 20" aria-hidden="true"><path d="M5 3l12 7-12 7z"/></svg>';
var ICON_PAUSE = '<svg viewBox="0 0 20 20" aria-hidden="true"><path d="M4 3h4v14H4zM12 3h4v14h-4z"/></svg>';

function Player(host) {
    var id = host.getAttribute('data-narrate-article'), key = host.getAttribute('data-narrate-key');
    if (key && /^[0-9a-f]{64}$/.test(key)) {
        this.src = BASE + 'cache/' + key + '.mp3';
        this.timingsURL = BASE + 'cache/' + key + '.json';
        this.name = 'k:' + key;
    } else if (id && /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(id)) {
        this.src = BASE + 'audio/' + encodeURIComponent(id) + '.mp3';
        this.timingsURL = BASE + 'audio/' + encodeURIComponent(id) + '.json';
        this.name = 'a:' + id;
    } else {
        if (window.console) console.warn('narrate: data-narrate-article or data-narrate-key is not valid', host);
        return;
    }
    this.host = host;
    this.posKey = 'pos:' + BASE + this.name;
    this.started = false;
    this.cues = null;
    this.cur = -1;
    this.dur = 0;              // exact seconds (timings, X-Narrate-Duration)
    this.est = 0;              // an estimate until then
    this.pending = -1;         // a seek waiting for audio that can seek
    this.cacheURL = key ? this.src : '';
    var sel = host.getAttribute('data-narrate-highlight');
    try { this.body = sel ? document.querySelector(sel) : null; } catch (e) { this.body = null; }
    if (this.body) this.est = keyOf(this.body.textContent).length / 5.5 / WPM * 60;  // ~5.5 letters a word
    this.build();
    players.push(this);
}

Player.prototype.build = function () {
    var self = this, root = this.host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = CSS_TEXT;
    var p = el('div', { class: 'p', role: 'group', 'aria-label': 'Listen to article' });
    this.btn = el('button', { class: 'play', type: 'button', 'aria-label': 'Play: listen to article' });
    this.btn.innerHTML = ICON_PLAY;
    var mid = el('div', { class: 'mid' });
    mid.appendChild(el('p', { class: 't' }, 'Listen to Article'));
    this.st = el('div', { class: 'st', role: 'status', 'aria-live': 'polite' }, 'Click play to generate audio');
    this.bar = el('div', { class: 'bar', role: 'slider', tabindex: '0', 'aria-label': 'Position',
        'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0', 'aria-valuetext': '0:00' });
    this.fill = el('div', { class: 'fill' });
    this.knob = el('div', { class: 'knob' });
    this.bar.appendChild(this.fill);
    this.bar.appendChild(this.knob);
    var tm = el('div', { class: 'tm', 'aria-hidden': 'true' });
    this.elapsed = el('span', {}, '0:00');
    this.total = el('span', {}, this.est ? '~' + fmt(this.est) : '');
    tm.appendChild(this.elapsed);
    tm.appendChild(this.total);
    mid.appendChild(this.st);
    mid.appendChild(this.bar);
    mid.appendChild(tm);
    var ctl = el('div', { class: 'ctl' });
    this.back = el('button', { type: 'button', class: 'back', 'aria-label': 'Back ' + STEP + ' seconds' }, '\u2212' + STEP + 's');
    this.fwd = el('button', { type: 'button', class: 'fwd', 'aria-label': 'Forward ' + STEP + ' seconds' }, '+' + STEP + 's');
    this.speed = el('select', { class: 'speed', 'aria-label': 'Playback speed' });
    var rate = parseFloat(store('rate')) || 1;
    SPEEDS.forEach(function (v) {
        var o = el('option', { value: String(v) }, v + '\u00d7');
        if (v === rate) o.selected = true;
        self.speed.appendChild(o);
    });
    this.follow = el('button', { type: 'button', class: 'follow', 'aria-pressed': store('follow') === '1' ? 'true' : 'false',
        title: 'Scroll the page along with the reading' }, 'Follow text');
    this.follow.hidden = true;
    this.dl = el('a', { class: 'dl', download: '', rel: 'nofollow', 'aria-label': 'Download MP3' }, 'MP3 \u2193');
    this.dl.hidden = true;  // no link to the audio before play: a crawler following it would render
    [this.back, this.fwd, this.speed, this.follow, this.dl].forEach(function (c) { ctl.appendChild(c); });
    this.audio = el('audio', { preload: 'none' });
    p.appendChild(this.btn);
    p.appendChild(mid);
    p.appendChild(ctl);
    p.appendChild(this.audio);
    root.appendChild(style);
    root.appendChild(p);
    this.panel = p;
    var saved = parseFloat(store(this.posKey));
    if (saved > 0) this.say('Resume from ' + fmt(saved));
    this.wire();
    this.paint();
};

Player.prototype.say = function (t) { if (this.st.textContent !== t) this.st.textContent = t; };

// The length to draw against: the audio's own once the browser knows it (a cached
// file), else the timings' or the server's header, else an estimate (a first play
// streams while it renders: audio.duration is Infinity until the end).
Player.prototype.length = function () {
    var d = this.audio.duration;
    if (isFinite(d) && d > 0) return { s: d, exact: true };
    if (this.dur) return { s: this.dur, exact: true };
    var t = this.audio.currentTime || 0;
    if (this.est) return { s: Math.max(this.est, t + 1), exact: false };
    return { s: 0, exact: false };
};

Player.prototype.paint = function (preview) {
    var L = this.length(), t = preview >= 0 ? preview : (this.pending >= 0 ? this.pending : this.audio.currentTime || 0);
    var f = L.s ? Math.min(1, t / L.s) : 0;
    this.fill.style.width = (f * 100) + '%';
    this.knob.style.left = (f * 100) + '%';
    this.elapsed.textContent = fmt(t);
    this.total.textContent = L.s ? (L.exact ? '' : '~') + fmt(L.s) : '';
    this.bar.setAttribute('aria-valuemax', String(Math.round(L.s)));
    this.bar.setAttribute('aria-valuenow', String(Math.round(t)));
    this.bar.setAttribute('aria-valuetext', fmt(t) + (L.s ? ' of ' + (L.exact ? '' : 'about ') + fmt(L.s) : ''));
};

Player.prototype.wire = function () {
    var self = this, a = this.audio;
    this.btn.addEventListener('click', function () { self.toggle(); });
    this.back.addEventListener('click', function () { self.skip(-STEP); });
    this.fwd.addEventListener('click', function () { self.skip(STEP); });
    this.speed.addEventListener('change', function () {
        var v = parseFloat(self.speed.value) || 1;
        a.playbackRate = a.defaultPlaybackRate = v;
        store('rate', v);
    });
    this.follow.addEventListener('click', function () {
        var on = self.follow.getAttribute('aria-pressed') !== 'true';
        self.follow.setAttribute('aria-pressed', on ? 'true' : 'false');
        store('follow', on ? '1' : null);
        if (on && self.cur >= 0) self.reveal(self.cues[self.cur]);
    });
    // Left/Right skip anywhere in the player but the speed list (whose arrows choose).
    this.panel.addEventListener('keydown', function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.target === self.speed) return;
        var k = e.key;
        if (k === 'ArrowLeft' || k === 'ArrowRight') { self.skip(k === 'ArrowLeft' ? -STEP : STEP); e.preventDefault(); }
        else if (e.target === self.bar && (k === ' ' || k === 'Enter')) { self.toggle(); e.preventDefault(); }
        else if (e.target === self.bar && (k === 'Home' || k === 'End')) {
            self.seek(k === 'Home' ? 0 : Math.max(0, self.length().s - 1)); e.preventDefault();
        }
    });
    // The bar: click or drag (mouse, touch, pen); the seek happens on release.
    var dragging = false;
    function at(e) {
        var r = self.bar.getBoundingClientRect();
        return Math.max(0, Math.min(1, (e.clientX - r.left) / (r.width || 1))) * self.length().s;
    }
    this.bar.addEventListener('pointerdown', function (e) {
        if (e.button) return;
        if (!self.started) { self.toggle(); return; }
        dragging = true;
        self.panel.classList.add('drag');
        try { self.bar.setPointerCapture(e.pointerId); } catch (x) { /* synthetic events */ }
        self.paint(at(e));
        e.preventDefault();
    });
    this.bar.addEventListener('pointermove', function (e) { if (dragging) self.paint(at(e)); });
    function release(e) {
        if (!dragging) return;
        dragging = false;
        self.panel.classList.remove('drag');
        self.seek(at(e));
    }
    this.bar.addEventListener('pointerup', release);
    this.bar.addEventListener('pointercancel', function () { dragging = false; self.panel.classList.remove('drag'); self.paint(); });
    a.addEventListener('playing', function () {
        self.btn.innerHTML = ICON_PAUSE;
        self.btn.setAttribute('aria-label', 'Pause');
        self.say('Playing');
        self.session();
        players.forEach(function (o) { if (o !== self && !o.audio.paused) o.audio.pause(); });
    });
    a.addEventListener('pause', function () {
        self.btn.innerHTML = ICON_PLAY;
        self.btn.setAttribute('aria-label', 'Play');
        if (!a.ended) self.say('Paused');
        self.remember(true);
    });
    a.addEventListener('waiting', function () { if (!a.paused) self.say(self.cacheURL ? 'Loading\u2026' : 'Generating audio\u2026'); });
    a.addEventListener('ended', function () { self.say('Finished'); store(self.posKey, null); self.highlight(-1); });
    a.addEventListener('error', function () {
        if (!self.started) return;
        self.say('Audio unavailable. Press play to try again.');
        self.started = false;
        self.swapped = false;
    });
    a.addEventListener('timeupdate', function () { self.paint(); self.track(); self.remember(false); });
    a.addEventListener('durationchange', function () { self.paint(); self.position(); });
    a.addEventListener('loadedmetadata', function () { self.answered(); self.flush(); });
    a.addEventListener('progress', function () { self.flush(); });
    a.addEventListener('suspend', function () { self.flush(); });
    a.addEventListener('seeked', function () { self.track(); self.position(); });
    a.addEventListener('ratechange', function () { self.position(); });
    if (this.body) this.body.addEventListener('click', function (e) { self.clickText(e); });
    window.addEventListener('pagehide', function () { self.remember(true); });
};

Player.prototype.toggle = function () {
    var a = this.audio, self = this;
    if (!this.started) this.start();
    if (a.paused || a.ended) {
        a.playbackRate = a.defaultPlaybackRate = parseFloat(this.speed.value) || 1;
        var p = a.play();
        if (p && p.catch) p.catch(function (e) { if (e && e.name === 'NotAllowedError') self.say('Press play to listen'); });
    } else {
        a.pause();
    }
};

// The first press: only now is anything asked of the server.
Player.prototype.start = function () {
    this.started = true;
    this.say(this.cacheURL ? 'Loading\u2026' : 'Generating audio\u2026');
    this.audio.src = this.cacheURL || this.src;
    this.dl.href = (this.cacheURL || this.src) + '?download=1';
    this.dl.hidden = false;
    var saved = parseFloat(store(this.posKey));
    if (saved > 3) this.pending = saved - 2;
    this.asked = false;
};

// Once the audio answers (so its render is under way, and the server waits for it
// rather than answering 404): its length and the timings.
Player.prototype.answered = function () {
    if (this.asked || !this.started) return;
    this.asked = true;
    this.headers();
    if (!this.cues) this.fetchTimings(0);
};

// The duration as soon as the server knows it: exact for cached audio, estimated for
// a stream.  Read with HEAD, which joins the render the audio request started.
Player.prototype.headers = function () {
    var self = this;
    if (!window.fetch) return;
    fetch(this.audio.src, { method: 'HEAD', mode: 'cors', credentials: 'omit' }).then(function (r) {
        var exact = parseFloat(r.headers.get('X-Narrate-Duration')), est = parseFloat(r.headers.get('X-Narrate-Duration-Estimate'));
        if (exact > 0) self.dur = exact;
        else if (est > 0) self.est = est;
        self.paint();
    }).catch(function () { /* not allowed from this page (CORS): the estimate stays */ });
};

// Timings exist once the render has ended; the server holds the request until then
// (a render is under way: the audio request started it).  A 202 or 503 is asked again,
// less and less often, a bounded number of times; a 404 (no render known: it may have
// ended and been pruned in between) a few times for an article, never for a key (its
// timings exist only if the API rendered it).
Player.prototype.fetchTimings = function (tries) {
    var self = this;
    if (!window.fetch || tries > 60) { this.noTimings = true; return; }
    fetch(this.timingsURL, { mode: 'cors', credentials: 'omit' }).then(function (r) {
        if (r.status === 200) return r.json().then(function (t) { self.applyTimings(t); });
        var again = r.status === 202 || r.status === 503 || (r.status === 404 && self.name[0] === 'a' && tries < 5);
        if (!again) { self.noTimings = true; return; }
        setTimeout(function () { if (self.started) self.fetchTimings(tries + 1); }, Math.min(1000 + tries * 500, 5000));
    }).catch(function () { self.noTimings = true; /* CORS or offline: no read-along, never an error */ });
};

Player.prototype.applyTimings = function (t) {
    if (!t || !Array.isArray(t.sentences)) return;
    if (t.duration_ms > 0) this.dur = t.duration_ms / 1000;
    if (t.audio && /^[0-9a-f]{64}$/.test(t.audio.key || '')) {
        this.cacheURL = BASE + 'cache/' + t.audio.key + '.mp3';
        this.dl.href = this.cacheURL + '?download=1';
    }
    for (var i = 0; i < t.sentences.length; i++)
        if (t.sentences[i].part === 'title') { this.title = t.sentences[i].text; break; }
    if (this.body) {
        try {
            this.cues = matchSentences(indexText(this.body), t.sentences);
        } catch (e) { this.cues = null; }
        if (this.cues && this.cues.some(function (c) { return c.range; })) {
            styleHost();
            this.body.setAttribute('data-narrate-readalong', '');
            this.follow.hidden = false;
            this.track();
        } else {
            this.cues = null;
        }
    }
    this.paint();
    this.session();
    this.flush();
};

// Where the audio can jump to now.  Not in a stream as it renders (no length, no byte
// ranges: Chrome calls it seekable to Infinity and then starts it over): a jump there
// waits for the rendered file.
Player.prototype.canSeek = function (t) {
    var a = this.audio, s = a.seekable;
    if (!isFinite(a.duration)) return false;
    for (var i = 0; i < s.length; i++) if (t >= s.start(i) && t <= s.end(i)) return true;
    return false;
};

Player.prototype.seek = function (t) {
    if (!this.started) return;
    var L = this.length();
    if (L.exact) t = Math.min(t, Math.max(0, L.s - 0.25));
    this.pending = Math.max(0, t);
    this.paint();
    this.flush();
};

Player.prototype.skip = function (d) {
    if (!this.started) return;
    var base = this.pending >= 0 ? this.pending : this.audio.currentTime;
    this.seek(base + d);
};

// Apply a waiting seek: at once if the audio can seek there; else, once the render has
// ended, from the rendered file (byte ranges), keeping the play state.  The rendered
// file is the cached one the timings name, or, where this page may not read the
// timings, the same URL once the stream has all come in (the render is over).
Player.prototype.flush = function () {
    var a = this.audio, t = this.pending;
    if (t < 0 || a.readyState < 1) return;
    if (this.canSeek(t)) {
        this.pending = -1;
        a.currentTime = t;
        if (!a.paused) this.say('Playing');
        return;
    }
    var ready = this.cacheURL || (this.noTimings && a.networkState === a.NETWORK_IDLE);
    if (this.swapped || !ready) {
        if (!this.swapped) this.say('Generating audio: it plays from there when ready\u2026');
        return;
    }
    this.swapped = true;
    var playing = !a.paused;
    this.say('Loading\u2026');
    a.src = this.cacheURL || this.src;
    if (playing) { var p = a.play(); if (p && p.catch) p.catch(function () {}); }
};

Player.prototype.remember = function (now) {
    var t = this.audio.currentTime;
    if (!this.started || !(t > 0) || this.audio.ended) return;
    if (now || Math.abs(t - (this.savedAt || 0)) >= 5) { this.savedAt = t; store(this.posKey, t.toFixed(1)); }
};

Player.prototype.session = function () {
    var ms = navigator.mediaSession, self = this, a = this.audio;
    if (!ms || !window.MediaMetadata || a.paused) return;
    try {
        var h1 = document.querySelector('h1');
        var site = document.querySelector('meta[property="og:site_name"]');
        var img = document.querySelector('meta[property="og:image"]');
        ms.metadata = new MediaMetadata({
            title: this.host.getAttribute('data-narrate-title') || this.title || (h1 && h1.textContent.trim()) || document.title,
            artist: (site && site.content) || location.hostname,
            album: 'Listen to Article',
            artwork: img && img.content ? [{ src: img.content }] : []
        });
        var set = function (n, f) { try { ms.setActionHandler(n, f); } catch (e) { /* not supported here */ } };
        set('play', function () { if (a.paused) self.toggle(); });
        set('pause', function () { a.pause(); });
        set('seekbackward', function (d) { self.skip(-((d && d.seekOffset) || STEP)); });
        set('seekforward', function (d) { self.skip((d && d.seekOffset) || STEP); });
        set('seekto', function (d) { if (d && d.seekTime >= 0) self.seek(d.seekTime); });
    } catch (e) { /* Media Session is a nicety */ }
    this.position();
};

Player.prototype.position = function () {
    var ms = navigator.mediaSession, L = this.length(), a = this.audio;
    if (!ms || !ms.setPositionState || !L.exact || a.paused) return;
    try { ms.setPositionState({ duration: L.s, playbackRate: a.playbackRate, position: Math.min(a.currentTime, L.s) }); } catch (e) { /* a stale length */ }
};

// ---------------------------------------------------------------- read-along on the page
Player.prototype.track = function () {
    if (!this.cues) return;
    var t = this.audio.currentTime, i = -1;
    for (var j = 0; j < this.cues.length && this.cues[j].start <= t + 0.05; j++) i = j;
    this.highlight(i);
};

Player.prototype.highlight = function (i) {
    if (!this.cues || i === this.cur) return;
    var old = this.cur >= 0 ? this.cues[this.cur] : null, cue = i >= 0 ? this.cues[i] : null;
    this.cur = i;
    if (old && old.block) old.block.removeAttribute('data-narrate-reading');
    var hl = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;
    if (hl) {
        var h = hl.get(HL);
        if (!h) { h = new Highlight(); hl.set(HL, h); }
        h.clear();
        if (cue && cue.range) h.add(cue.range);
    } else if (cue && cue.range) {
        // No CSS Highlight API: the sentence's paragraph is marked instead.
        var n = cue.range.startContainer;
        cue.block = n.parentElement && n.parentElement.closest('p,li,h1,h2,h3,h4,h5,h6,blockquote,div');
        if (cue.block) cue.block.setAttribute('data-narrate-reading', '');
    }
    if (cue && cue.range) {
        this.body.setAttribute('data-narrate-sentence', String(i));
        if (this.follow.getAttribute('aria-pressed') === 'true') this.reveal(cue);
    } else {
        this.body.removeAttribute('data-narrate-sentence');
    }
};

// The sentence into view, a third of the way down, only if it is not already in view.
Player.prototype.reveal = function (cue) {
    if (!cue || !cue.range) return;
    var r = cue.range.getBoundingClientRect(), vh = window.innerHeight || 0;
    if (!r.height || (r.top >= 60 && r.bottom <= vh - 60)) return;
    var smooth = !(window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches);
    window.scrollBy({ top: r.top - vh / 3, behavior: smooth ? 'smooth' : 'auto' });
};

// A click on a paragraph of the article plays from its first sentence.
Player.prototype.clickText = function (e) {
    if (!this.cues || !this.started || e.defaultPrevented || e.button) return;
    var t = e.target;
    if (!t.closest || t.closest('a,button,input,select,textarea,label,summary,[contenteditable],[data-narrate-article],[data-narrate-key]')) return;
    var sel = window.getSelection && getSelection();
    if (sel && !sel.isCollapsed && String(sel).trim()) return;
    var block = t.closest('p,li,h1,h2,h3,h4,h5,h6,blockquote,figcaption,dd,dt,td,pre');
    if (!block || !this.body.contains(block)) return;
    for (var i = 0; i < this.cues.length; i++) {
        var r = this.cues[i].range;
        if (r && block.contains(r.startContainer)) {
            this.seek(this.cues[i].start);
            if (this.audio.paused) this.toggle();
            return;
        }
    }
};

// ---------------------------------------------------------------- mount
function scan() {
    var hosts = document.querySelectorAll('[data-narrate-article],[data-narrate-key]');
    for (var i = 0; i < hosts.length; i++) {
        var h = hosts[i];
        if (h.shadowRoot || h.__narrate) continue;
        h.__narrate = true;
        try { new Player(h); } catch (e) { if (window.console) console.warn('narrate:', e); }
    }
}
window.NarrateEmbed = { scan: scan, version: 1 };
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
else scan();
})();
