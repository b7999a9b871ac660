// article.mjs - the article page in headless Chromium through chromedriver (WebDriver): play, highlight, seek, screenshot.
// usage: node article.mjs DRIVER_URL PAGE_URL SCREENSHOT.png   (prints "ok NAME" / "FAIL NAME: why" lines)
import { writeFileSync } from 'node:fs';

const [driver, page, shot] = process.argv.slice(2);
let failed = 0;
const ok = (name) => console.log(`ok ${name}`);
const fail = (name, why) => { failed++; console.log(`FAIL ${name}: ${why}`); };
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

async function wd(method, path, body) {
    const r = await fetch(driver + path, {
        method, headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(j.value).slice(0, 300)}`);
    return j.value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let sid;
const js = (script, ...args) => wd('POST', `/session/${sid}/execute/sync`, { script, args });
const el = async (css) => Object.values(await wd('POST', `/session/${sid}/element`, { using: 'css selector', value: css }))[0];
const click = async (css) => wd('POST', `/session/${sid}/element/${await el(css)}/click`, {});

// Poll fn until it returns a truthy value or ms pass; returns the last value.
async function until(fn, ms) {
    const end = Date.now() + ms;
    let v;
    while (!(v = await fn()) && Date.now() < end) await sleep(100);
    return v;
}

try {
    const s = await wd('POST', '/session', { capabilities: { alwaysMatch: {
        browserName: 'chrome',
        'goog:chromeOptions': {
            binary: '/usr/bin/chromium',
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required',
                   '--disable-background-networking', '--window-size=1000,900'],
        },
    } } });
    sid = s.sessionId;
    await wd('POST', `/session/${sid}/url`, { url: page });
    // Nothing renders on view: the timings come once play is pressed (the
    // request for them waits for the render the audio started).
    const early = await js('return +(document.body.dataset.timings || 0)');
    check('no timings before play (an uncached article renders on click only)', early === 0, `cues=${early}`);
    await click('#nr-play');
    const t = await until(async () => { const c = await js('return document.getElementById("nr-audio").currentTime'); return c > 2 ? c : 0; }, 120000);
    check('click play: currentTime advances past 2 s', t > 2, `currentTime=${t}`);
    const cues = await until(() => js('return +(document.body.dataset.timings || 0)'), 120000);
    check('page wraps its sentences from the timings', cues > 5, `cues=${cues}`);
    const first = await js('return document.body.dataset.sentence || ""');
    const changed = await until(async () => { const v = await js('return document.body.dataset.sentence || ""'); return v && v !== first ? v : ''; }, 120000);
    check('the highlighted sentence changes', first !== '' && changed, `first=${first} then=${changed}`);
    const on = await js('return document.querySelectorAll(".nr-s.nr-on").length');
    check('exactly one sentence is highlighted', on === 1, `highlighted=${on}`);
    const target = await js('var p=document.querySelector("article [data-p=\\"3\\"] .nr-s");return p?+p.dataset.start/1000:-1');
    // Playback goes on after the seek, for as long as this browser takes to answer: the
    // window is the time measured around the click and the read, not a fixed guess.
    // From 0, playback alone would need `target` seconds to get there.
    await js('document.getElementById("nr-audio").currentTime = 0');
    const t0 = Date.now();
    await click('article [data-p="3"]');
    const after = await until(async () => { const c = await js('return document.getElementById("nr-audio").currentTime'); return c >= target - 0.2 ? c : 0; }, 60000);
    const played = (Date.now() - t0) / 1000;
    check('a paragraph click seeks to its first sentence', target > 0 && after >= target - 0.2 && after < target + played + 0.5,
          `paragraph 3 starts at ${target} s, currentTime=${after} ${played} s after the click`);
    const inPara = await until(() => js('var s=document.querySelector(".nr-s.nr-on");return !!(s&&s.closest("[data-p=\\"3\\"]"))'), 60000);
    check('the highlight moves to the clicked paragraph', inPara, 'highlight elsewhere');
    const rate = await js('var s=document.getElementById("nr-speed");s.value="1.5";s.dispatchEvent(new Event("change"));return document.getElementById("nr-audio").playbackRate');
    check('speed control sets playbackRate', rate === 1.5, `playbackRate=${rate}`);
    const foreign = await js('return performance.getEntriesByType("resource").map(function(e){return e.name}).filter(function(n){return n.indexOf(location.origin)!==0})');
    check('no resource from outside this server', foreign.length === 0, foreign.join(' '));
    const png = await wd('GET', `/session/${sid}/screenshot`);
    writeFileSync(shot, Buffer.from(png, 'base64'));
    check(`screenshot saved to ${shot}`, png.length > 1000, 'empty screenshot');
} catch (e) {
    fail('browser session', e.message);
} finally {
    if (sid) await wd('DELETE', `/session/${sid}`).catch(() => {});
}
process.exit(failed ? 1 : 0);
