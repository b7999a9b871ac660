// embed.mjs - /embed.js on a newsroom page of another origin, in Debian's chromium through puppeteer-core: click to render, read-along, seeks, keys, CORS.
// usage: node embed.mjs SERVER_URL HOST_URL OTHER_URL SHOTS_DIR
//   SERVER_URL  narrate serve, started with --cors-origin HOST_URL
//   HOST_URL    tests/browser/host.mjs's first origin (allowed); OTHER_URL its second (not allowed)
// Prints "ok NAME" / "FAIL NAME: why" lines (tests/browser.sh counts them).  No wall-clock
// threshold: every wait is a poll with a generous bound that only turns a hang into a
// failure, and every tolerance on a position is the playing time measured around it.
import puppeteer from 'puppeteer-core';

const [SERVER, HOST, OTHER, SHOTS] = process.argv.slice(2);
const BOUND = 180000;          // a hang, not a speed: the machine is shared and loaded
const STEP = 15;
let failed = 0;
const ok = (name) => console.log(`ok ${name}`);
const fail = (name, why) => { failed++; console.log(`FAIL ${name}: ${why}`); };
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const began = Date.now();
// Where the time goes (informative only: nothing is compared with it).
const mark = (what) => console.log(`-- ${what} at ${((Date.now() - began) / 1000).toFixed(1)} s`);

// Poll fn until it returns a truthy value or the bound passes; returns the last value.
async function until(fn, ms = BOUND) {
    const end = Date.now() + ms;
    let v;
    while (!(v = await fn()) && Date.now() < end) await sleep(100);
    return v;
}

async function json(path) {
    const r = await fetch(SERVER + path);
    return r.json();
}
async function served(route) {
    const m = await (await fetch(SERVER + '/metrics')).text();
    let n = 0;
    for (const line of m.split('\n')) {
        const x = line.match(/^narrate_http_requests_total\{route="([a-z]+)",status="\d+"\} (\d+)/);
        if (x && x[1] === route) n += +x[2];
    }
    return n;
}

const storyURL = (host, id = 'seed') => `${host}/story.html?narrate=${encodeURIComponent(SERVER)}&id=${id}`;
// The audio element and the player's parts, from inside its (open) shadow root.
const P = `(function(){var h=document.querySelector('[data-narrate-article],[data-narrate-key]');
  var r=h&&h.shadowRoot;return r&&{h:h,r:r,a:r.querySelector('audio'),btn:r.querySelector('button.play'),
  bar:r.querySelector('.bar'),fill:r.querySelector('.fill'),st:r.querySelector('.st'),tm:r.querySelector('.tm'),
  speed:r.querySelector('select'),dl:r.querySelector('a.dl'),follow:r.querySelector('.follow')};})()`;
const state = (page) => page.evaluate(`(function(){var p=${P};if(!p)return null;var a=p.a;
  var hl=window.CSS&&CSS.highlights&&CSS.highlights.get('narrate');
  return {t:a.currentTime,paused:a.paused,duration:isFinite(a.duration)?a.duration:null,src:a.src,rate:a.playbackRate,
    fill:parseFloat(p.fill.style.width)||0,times:p.tm.textContent,status:p.st.textContent,
    label:p.btn.getAttribute('aria-label'),dl:p.dl.hidden?'':p.dl.href,
    hl:hl?Array.from(hl).map(function(r){return r.toString();}).join('|'):'',
    hlInStory:hl?Array.from(hl).some(function(r){var s=document.querySelector('.story,main');return s&&s.contains(r.startContainer);}):false};})()`);
const ct = async (page) => (await state(page)).t;

async function open(browser, url, width, log) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: width < 500 ? 740 : 900 });
    page.on('request', (r) => log.push({ method: r.method(), url: r.url(), at: Date.now() }));
    page.on('pageerror', (e) => log.push({ error: e.message }));
    await page.goto(url, { waitUntil: 'networkidle0', timeout: BOUND });
    await until(() => page.evaluate(`!!(${P})`));
    return page;
}
const audioOrTimings = (log) => log.filter((r) => r.url && /\/(audio|cache)\//.test(r.url));
const errors = (log) => log.filter((r) => r.error).map((r) => r.error);

async function shadowBox(page, part) {
    return page.evaluate(`(function(){var b=${P}.${part}.getBoundingClientRect();return {x:b.left,y:b.top,w:b.width,h:b.height};})()`);
}

let browser;
try {
    browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--mute-audio', '--disable-background-networking',
               '--disable-gpu', '--no-first-run'],
        protocolTimeout: BOUND,
    });
    // ------------------------------------------------------------ load: nothing but the script
    mark('load: nothing but the script');
    const renders0 = (await json('/healthz')).renders, audio0 = await served('audio') + await served('cache');
    const log = [];
    const page = await open(browser, storyURL(HOST), 1280, log);
    await sleep(500);  // anything the script would fetch on its own has had its chance
    check('host page on another origin loads embed.js from the server',
        log.some((r) => r.url === SERVER + '/embed.js'), JSON.stringify(log.map((r) => r.url)));
    const s0 = await state(page);
    check('the player is drawn (shadow DOM, a Play button with an ARIA label)',
        s0 && /^Play/.test(s0.label) && /Click play/.test(s0.status), JSON.stringify(s0));
    check('no audio or timings request before the click (page request log)',
        audioOrTimings(log).length === 0, JSON.stringify(audioOrTimings(log)));
    const h0 = await json('/healthz');
    check('no render before the click (/healthz renders, flights; /metrics audio requests)',
        h0.renders === renders0 && h0.flights === 0 && await served('audio') + await served('cache') === audio0,
        JSON.stringify(h0));
    check('no download link to the audio before the click', s0.dl === '', s0.dl);
    const look = await page.evaluate(`(function(){var p=${P};var b=getComputedStyle(p.btn),q=getComputedStyle(p.st);
        return {display:b.display,w:p.btn.offsetWidth,bg:b.backgroundColor,font:q.fontSize,spacing:q.letterSpacing,
                host:getComputedStyle(document.querySelector('.story p')).cursor};})()`);
    check("the host page's CSS does not reach the player (button shown, its own fonts)",
        look.display !== 'none' && look.w >= 40 && look.bg !== 'rgb(255, 0, 0)' && look.font === '13px' && look.spacing === 'normal',
        JSON.stringify(look));

    // ------------------------------------------------------------ click: it plays as it renders
    mark('click: it plays as it renders');
    const clickAt = Date.now();
    await page.click(`[data-narrate-article] >>> button.play`);
    const playing = await until(async () => { const s = await state(page); return s.t > 1 ? s : null; });
    check('click play: currentTime advances (the audio streams as it renders)', playing, JSON.stringify(await state(page)));
    const first = audioOrTimings(log).filter((r) => r.at >= clickAt);
    check('the first audio request comes after the click', first.length > 0 && audioOrTimings(log).length === first.length,
        JSON.stringify(audioOrTimings(log)));
    check('after the click the server renders', (await json('/healthz')).renders > renders0 || (await served('audio')) > audio0, '');
    if (playing && playing.duration === null)
        check('first (streamed) play: the bar moves and a total shows while the length is unknown',
            playing.fill > 0 && /\d:\d\d\s*~?\d+:\d\d/.test(playing.times), JSON.stringify(playing));
    else
        check('first (streamed) play: the bar moves and a total shows while the length is unknown', false,
            `the audio had a length at once: not streamed (${JSON.stringify(playing)})`);
    const ms = await page.evaluate('navigator.mediaSession && navigator.mediaSession.metadata ? navigator.mediaSession.metadata.title : ""');
    check('Media Session metadata (lock screen) names the article', /Reinforcements/.test(ms), `title=${ms}`);

    // ------------------------------------------------------------ read-along on the host's own DOM
    mark('read-along on the host');
    const t = await json('/audio/seed.json');
    const hl = await until(async () => { const s = await state(page); return s.hlInStory && s.hl ? s.hl : ''; });
    const norm = (x) => x.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
    check('a sentence of the host page is highlighted (across entities, inline markup, wrapped lines)',
        hl && t.sentences.some((s) => s.part === 'body' && norm(s.text) === norm(hl)), `highlighted=${JSON.stringify(hl)}`);
    await page.screenshot({ path: `${SHOTS}/embed.png` });
    ok(`screenshot at 1280 px: ${SHOTS}/embed.png`);
    const dl = (await state(page)).dl;
    check('download link: the rendered file by key', new RegExp(`/cache/${t.audio.key}\\.mp3\\?download=1$`).test(dl), dl);

    // ------------------------------------------------------------ the bar: click at 50 %
    mark('the bar: click at 50');
    const total = t.duration_ms / 1000;
    const bar = await shadowBox(page, 'bar');
    let t0 = Date.now();
    await page.mouse.click(bar.x + bar.w * 0.5, bar.y + bar.h / 2);
    let at = await until(async () => { const c = await ct(page); return c >= total / 2 - 1 ? c : 0; });
    let played = (Date.now() - t0) / 1000;
    check('a click at 50 % of the bar seeks to the middle', at >= total / 2 - 1 && at <= total / 2 + played + 1,
        `total ${total} s, currentTime ${at} ${played} s after the click`);
    const s1 = await state(page);
    check('after the seek the audio is the rendered file (byte ranges) and has its length',
        s1.duration !== null && Math.abs(s1.duration - total) < 2 && /\d:\d\d\s*\d+:\d\d/.test(s1.times) && !/~/.test(s1.times),
        JSON.stringify(s1));

    // ------------------------------------------------------------ drag
    t0 = Date.now();
    await page.mouse.move(bar.x + bar.w * 0.5, bar.y + bar.h / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.w * 0.3, bar.y + bar.h / 2, { steps: 5 });
    await page.mouse.move(bar.x + bar.w * 0.25, bar.y + bar.h / 2, { steps: 5 });
    await page.mouse.up();
    at = await until(async () => { const c = await ct(page); return c < total * 0.4 ? c : 0; });
    played = (Date.now() - t0) / 1000;
    check('dragging the bar to 25 % seeks there', at >= total / 4 - 1 && at <= total / 4 + played + 1,
        `total ${total} s, currentTime ${at} ${played} s after the drag`);

    // ------------------------------------------------------------ ArrowRight: +15 s
    mark('ArrowRight: +15 s');
    await page.focus(`[data-narrate-article] >>> .bar`);
    let before = await ct(page);
    t0 = Date.now();
    await page.keyboard.press('ArrowRight');
    at = await until(async () => { const c = await ct(page); return c >= before + STEP - 0.5 ? c : 0; });
    played = (Date.now() - t0) / 1000;
    check('ArrowRight skips 15 s', at >= before + STEP - 0.5 && at <= before + STEP + played + 1,
        `before ${before} s, after ${at} s, ${played} s later`);
    before = await ct(page);
    t0 = Date.now();
    await page.keyboard.press('ArrowLeft');
    at = await until(async () => { const c = await ct(page); return c <= before - STEP + 5 ? c : 0; });
    played = (Date.now() - t0) / 1000;
    check('ArrowLeft goes back 15 s', at >= before - STEP - 0.5 && at <= before - STEP + played + 1,
        `before ${before} s, after ${at} s, ${played} s later`);

    // ------------------------------------------------------------ a paragraph click
    mark('a paragraph click');
    const para = t.sentences.filter((s) => s.part === 'body' && s.paragraph === 3)[0];
    t0 = Date.now();
    await page.click('.story p:nth-of-type(4)', { offset: { x: 5, y: 5 } });
    at = await until(async () => { const c = await ct(page); return Math.abs(c - para.start_ms / 1000) < 3 ? c : 0; });
    played = (Date.now() - t0) / 1000;
    check("a click on the host's paragraph seeks to its first sentence",
        at >= para.start_ms / 1000 - 0.5 && at <= para.start_ms / 1000 + played + 1,
        `paragraph 4 starts at ${para.start_ms / 1000} s, currentTime ${at}`);
    const inPara = await until(() => page.evaluate(`(function(){var h=CSS.highlights.get('narrate');
        var p=document.querySelectorAll('.story p')[3];return !!h&&Array.from(h).some(function(r){return p.contains(r.startContainer);});})()`));
    check('the highlight moves to the clicked paragraph', inPara, (await state(page)).hl);

    // ------------------------------------------------------------ speed, follow, screenshots
    mark('speed, follow');
    const rate = await page.evaluate(`(function(){var s=${P}.speed;s.value='1.5';s.dispatchEvent(new Event('change'));return ${P}.a.playbackRate;})()`);
    check('speed control: 0.75-2x, sets playbackRate', rate === 1.5 &&
        (await page.evaluate(`Array.from(${P}.speed.options).map(function(o){return o.value}).join(' ')`)) === '0.75 1 1.25 1.5 1.75 2', `rate=${rate}`);
    await page.evaluate(`(function(){var s=${P}.speed;s.value='1';s.dispatchEvent(new Event('change'));})()`);
    await page.click(`[data-narrate-article] >>> .follow`);
    const scrolled = await until(() => page.evaluate('window.scrollY > 0'), 30000);
    check('"Follow text" (reader opt-in) scrolls the sentence into view', scrolled, 'scrollY=0');
    await page.click(`[data-narrate-article] >>> .follow`);

    // ------------------------------------------------------------ resume where the reader left
    mark('resume where');
    await page.click(`[data-narrate-article] >>> button.play`);
    await until(async () => (await state(page)).paused);
    const left = await ct(page);
    await page.reload({ waitUntil: 'networkidle0' });
    await until(() => page.evaluate(`!!(${P})`));
    const s2 = await state(page);
    await page.click(`[data-narrate-article] >>> button.play`);
    at = await until(async () => { const c = await ct(page); return c >= left - 3 ? c : 0; });
    check('a reload resumes where the reader stopped (localStorage)', /Resume from/.test(s2.status) && at >= left - 3,
        `left at ${left} s, status "${s2.status}", resumed at ${at}`);
    await page.click(`[data-narrate-article] >>> button.play`);
    check('no script error on the host page', errors(log).length === 0, errors(log).join(' | '));
    await page.close();

    // ------------------------------------------------------------ 360 px phone, keyboard only
    mark('360 px phone');
    const ctx = await browser.createBrowserContext();
    const klog = [];
    const phone = await ctx.newPage();
    await phone.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
    phone.on('pageerror', (e) => klog.push({ error: e.message }));
    await phone.goto(storyURL(HOST), { waitUntil: 'networkidle0', timeout: BOUND });
    await until(() => phone.evaluate(`!!(${P})`));
    const fits = await phone.evaluate(`(function(){var p=${P};var r=p.r.querySelector('.p').getBoundingClientRect();
        var all=Array.from(p.r.querySelectorAll('button,select,.bar')).filter(function(e){return !e.hidden;});
        return {w:r.width,right:r.right,vw:innerWidth,out:all.filter(function(e){var b=e.getBoundingClientRect();return b.right>innerWidth+0.5||b.left<0;}).length,
                doc:document.documentElement.scrollWidth};})()`);
    check('on a 360 px phone the player fits (no control off-screen, no sideways scroll)',
        fits.right <= fits.vw && fits.out === 0 && fits.doc <= fits.vw, JSON.stringify(fits));
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'play'; i++) {
        await phone.keyboard.press('Tab');
        focused = await phone.evaluate(`(function(){var p=${P};return document.activeElement===p.h&&p.r.activeElement===p.btn?'play':'';})()`);
    }
    check('keyboard: Tab reaches the Play button', focused === 'play', 'focus never on it');
    await phone.keyboard.press('Enter');
    const kplay = await until(async () => { const s = await state(phone); return s.t > 0.5 && !s.paused ? s : null; });
    check('keyboard: Enter plays', kplay, JSON.stringify(await state(phone)));
    await until(async () => (await state(phone)).hlInStory);
    await phone.evaluate(`${P}.h.scrollIntoView({block:'start'})`);
    await phone.screenshot({ path: `${SHOTS}/embed-360.png` });
    ok(`screenshot at 360 px: ${SHOTS}/embed-360.png`);
    await phone.keyboard.press('Space');
    const kpause = await until(async () => { const s = await state(phone); return s.paused && /^Play/.test(s.label); });
    check('keyboard: Space pauses (label says Play again)', kpause, JSON.stringify(await state(phone)));
    before = await ct(phone);
    await phone.keyboard.press('ArrowRight');
    at = await until(async () => { const c = await ct(phone); return c >= before + STEP - 0.5 ? c : 0; });
    check('keyboard: ArrowRight on the focused button skips 15 s while paused', at >= before + STEP - 0.5 && at <= before + STEP + 0.5,
        `before ${before} s, after ${at} s`);
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Tab');
    const on = await phone.evaluate(`(function(){var p=${P};var e=p.r.activeElement;return e?(e.className||e.tagName):'';})()`);
    check('keyboard: Tab moves on to the bar and the controls', /bar|back|fwd/.test(on), `focus on ${on}`);
    check('no script error on the phone page', errors(klog).length === 0, errors(klog).join(' | '));
    await ctx.close();

    // ------------------------------------------------------------ CORS: another origin is refused
    mark('CORS: another origin');
    const olog = [];
    const other = await open(browser, `${OTHER}/bare.html?narrate=${encodeURIComponent(SERVER)}&id=seed`, 1280, olog);
    const tries = await other.evaluate(async (srv) => {
        const one = (u) => fetch(u).then((r) => 'allowed ' + r.status, () => 'refused');
        return [await one(srv + '/audio/seed.json'), await one(srv + '/audio/seed.mp3')];
    }, SERVER);
    check('a page of an origin not in --cors-origin cannot read audio or timings (CORS)',
        tries.every((x) => x === 'refused'), tries.join(', '));
    // The listed origin, an article not rendered yet whose text is not the page's (the
    // page is the seed story, the audio another article): a HEAD reads the server's
    // estimate during the stream; the timings then match nothing on the page.
    const blog = [];
    const minePage = await open(browser, storyURL(HOST, 'short'), 1280, blog);
    const mine = await minePage.evaluate(
        (srv) => fetch(srv + '/audio/seed.json').then((r) => 'allowed ' + r.status, () => 'refused'), SERVER);
    check('the listed origin can read them', mine === 'allowed 200', mine);
    await minePage.click(`[data-narrate-article] >>> button.play`);
    const streaming = await until(async () => { const s = await state(minePage); return s.t > 0.3 ? s : null; });
    const head = blog.some((r) => r.method === 'HEAD' && /\/audio\/short\.mp3$/.test(r.url));
    check('streamed play: a HEAD reads the duration header, a total shows',
        streaming && head && /\d:\d\d\s*~?\d+:\d\d/.test(streaming.times) && !/0:00$/.test(streaming.times),
        JSON.stringify({ streaming, head }));
    const read = await until(async () => { const s = await state(minePage); return /\/cache\//.test(s.dl) ? s : null; });
    const hidden = await minePage.evaluate(`${P}.follow.hidden`);
    check('timings that match nothing on the page: no highlight, no error, no "Follow text"',
        read && !read.hl && hidden && errors(blog).length === 0, JSON.stringify({ read, hidden, errors: errors(blog) }));
    await minePage.close();
    await other.bringToFront();
    await other.click(`[data-narrate-article] >>> button.play`);
    const oplay = await until(async () => (await ct(other)) > 0.5);
    check('without CORS the player still plays (no read-along), with no script error',
        oplay && errors(olog).length === 0, errors(olog).join(' | '));
    await other.close();

    // ------------------------------------------------------------ the demo page /articles/ID
    mark('the demo page');
    const dlog = [];
    const renders1 = (await json('/healthz')).renders;
    const demo = await open(browser, `${SERVER}/articles/short`, 1280, dlog);
    await sleep(500);
    check('/articles/ID: no audio or timings request on load, no render',
        audioOrTimings(dlog).length === 0 && (await json('/healthz')).renders === renders1, JSON.stringify(audioOrTimings(dlog)));
    await demo.click(`[data-narrate-article] >>> button.play`);
    const dplay = await until(async () => (await ct(demo)) > 1);
    check('/articles/ID: play streams the article', dplay, JSON.stringify(await state(demo)));
    const dhl = await until(async () => { const s = await state(demo); return s.hlInStory ? s.hl : ''; });
    check('/articles/ID: read-along highlights its sentences', dhl, JSON.stringify(await state(demo)));
    const foreign = dlog.filter((r) => r.url && !r.url.startsWith(SERVER));
    check('/articles/ID loads nothing from elsewhere', foreign.length === 0, JSON.stringify(foreign));
    check('no script error on the demo page', errors(dlog).length === 0, errors(dlog).join(' | '));
    mark('done');
} catch (e) {
    fail('browser session', e.stack || e.message);
} finally {
    if (browser) await browser.close().catch(() => {});
}
process.exit(failed ? 1 : 0);
