// Large text (issue 23): EVERY built page, and the CGI's participant and
// trainer pages, on a 320 px wide phone with the text at 100 % and 200 %.
// The pages are found in the built site's file tree (every *.html but
// _eystime/ and static/), so a new lesson is covered without editing this
// file; every address of sitemap.xml must be among them.
//
// Each page is loaded in one browser, in turn, in two tabs:
//   - JavaScript on, joined, with lessons done: text at 100 %, then at
//     200 % by doubling the root font size (36 px instead of 18 px:
//     document.documentElement.style.fontSize), then axe (WCAG 2.2 AA
//     tags) on the page so enlarged;
//   - JavaScript off, with Chromium's own text size doubled (its "Font
//     size" setting: default font 32 px instead of 16 px, through the
//     DevTools protocol's Page.setFontSizes; rem media queries see it too).
// The CGI's pages (join form, "Mon parcours", a discussion, the feed, a
// QR card's page) and the trainer's (login, "Mes groupes", a group with
// its progress matrix, its cards, its messages) get the same checks, with
// JavaScript (text 100 %, 200 % root, axe) and, for the participant's,
// without (200 % Chromium).
// Checks: the page does not scroll sideways (document scrollWidth <=
// clientWidth), and nothing sticks out of the screen, except inside a
// scroll box; a box that does scroll sideways is a labelled, focusable
// region (tabindex="0", role region, a name); no text is cut (a box with
// overflow hidden or clip whose content is larger); tap targets stay 44 px
// high; axe finds nothing. Without JavaScript too: the generator prints
// each Markdown table in its named region (md.c, S_table).
// Usage: node reflow.mjs BASE_URL SITE_DIR GROUP_CODE [LOGIN PASSWORD]
import { launch, check, done, expect } from './lib.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, site, code, login, password] = process.argv.slice(2);
if (!base || !site || !code) {
	console.error('usage: node reflow.mjs BASE_URL SITE_DIR GROUP_CODE [LOGIN PASSWORD]');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTH = 320;
// As in theme.mjs: what must be 44 px high (links inside sentences aside).
const TARGETS = 'header a, nav a, .pager a, main form button, main form input:not([type=hidden]):not([type=radio]):not([type=checkbox]), fieldset label, label.task, main textarea, .button, main button, details summary, .discuss a, .trainer-links a, .message-actions a';

// The built pages: every .html of the site but the CGI's shells and assets.
function builtPages(dir, rel = '') {
	const out = [];
	for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) {
			if (!rel && (e.name === '_eystime' || e.name === 'static'))
				continue;
			out.push(...builtPages(dir, r));
		} else if (e.name.endsWith('.html'))
			out.push(r === 'index.html' ? '' : r.replace(/\/index\.html$/, '/'));
	}
	return out.sort();
}
// REFLOW_ONLY=regexp: only the pages whose address matches (by hand).
const only = process.env.REFLOW_ONLY ? new RegExp(process.env.REFLOW_ONLY) : null;
const paths = builtPages(site);
// The sitemap's addresses, relative to the site's root.
const sitemap = (() => {
	try {
		const locs = [...readFileSync(join(site, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map(m => m[1]);
		const root = locs.reduce((a, l) => l.length < a.length ? l : a, locs[0] || '');
		return locs.map(l => decodeURI(l.slice(root.length)));
	} catch (e) {
		return null;
	}
})();

const browser = await launch();
const TEXT2X = { standard: 32, fixed: 26 };  // Chromium's defaults are 16 and 13
async function tab(ctx, scaled) {
	const p = await ctx.newPage();
	p.setDefaultTimeout(10000);
	await p.setViewportSize({ width: WIDTH, height: 800 });
	if (scaled)
		await (await ctx.newCDPSession(p)).send('Page.setFontSizes', { fontSizes: TEXT2X });
	p.pending = 0;
	p.on('request', () => p.pending++);
	p.on('requestfinished', () => p.pending--);
	p.on('requestfailed', () => p.pending--);
	return p;
}
// Open a page and wait until the script's requests are answered.
async function go(p, path) {
	p.pending = 0;
	const r = await p.goto(`${base}/${path}`);
	for (let i = 0; i < 200; i++) {
		if (p.pending <= 0) {
			await p.waitForTimeout(30);
			if (p.pending <= 0)
				break;
		}
		await p.waitForTimeout(10);
	}
	return r;
}
async function axe(p) {
	// Given to every page of the context as an init script: quicker than
	// adding it to each page.
	if (!(await p.evaluate(() => !!window.axe)))
		await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
	return r.violations.map(v => `axe ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
const double = p => p.evaluate(() => {
	const h = document.documentElement;
	h.style.fontSize = 2 * parseFloat(getComputedStyle(h).fontSize) + 'px';
	return h.offsetWidth;  // lay out again
});

// What is wrong with the layout of the page shown, as a list of lines.
function inspect(targets) {
	const de = document.documentElement, vw = de.clientWidth, found = [];
	const say = s => found.length < 12 && found.push(s);
	const name = e => {
		let s = e.tagName.toLowerCase();
		if (e.id)
			s += '#' + e.id;
		if (typeof e.className === 'string' && e.className.trim())
			s += '.' + e.className.trim().split(/\s+/).join('.');
		else if (e.tagName === 'TABLE' && !e.closest('.matrix'))
			s += '.md';
		const t = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
		return t ? `${s} "${t}"` : s;
	};
	// Tiny boxes (visually hidden text) and what the page hides on purpose.
	const hiddenText = (e, r) => r.width <= 1 || r.height <= 1;
	const scrolls = o => o === 'auto' || o === 'scroll';
	// The nearest ancestor that clips or scrolls sideways.
	const box = e => {
		for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
			if (getComputedStyle(p).overflowX !== 'visible')
				return p;
		return null;
	};
	if (de.scrollWidth > vw)
		say(`the page scrolls sideways: ${de.scrollWidth} px wide for ${vw}`);
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect(), s = getComputedStyle(e);
		if (s.display === 'none' || (!r.width && !r.height))
			continue;
		// Off the screen on purpose (the skip link until it has focus).
		if (r.right <= 0)
			continue;
		if ((r.right > vw + 0.5 || r.left < -0.5) && !box(e)) {
			const p = e.parentElement, pr = p.getBoundingClientRect();
			if (p === document.body || !(pr.right > vw + 0.5 || pr.left < -0.5))
				say(`sticks out of the screen (${Math.round(r.left)}–${Math.round(r.right)} px): ${name(e)}`);
		}
		for (const [ax, o, sw, cw] of [['x', s.overflowX, e.scrollWidth, e.clientWidth],
			['y', s.overflowY, e.scrollHeight, e.clientHeight]]) {
			if (sw <= cw + 1)
				continue;
			if ((o === 'hidden' || o === 'clip') && !hiddenText(e, r) && e.textContent.trim())
				say(`text cut (${ax}: ${sw} px in ${cw}, overflow ${o}): ${name(e)}`);
			if (ax === 'x' && scrolls(o)) {
				const role = e.getAttribute('role') || (e.tagName === 'SECTION' && 'region');
				const label = e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(l => l.textContent.trim()).join(' ');
				if (role !== 'region' || !label || e.tabIndex < 0 || !e.hasAttribute('tabindex'))
					say(`scrolls sideways but is not a labelled, focusable region (role ${role}, label "${label}", tabindex ${e.getAttribute('tabindex')}): ${name(e)}`);
			}
		}
	}
	for (const e of document.querySelectorAll(targets)) {
		const r = e.getBoundingClientRect();
		if (r.width > 0 && r.height < 44)
			say(`tap target ${Math.round(r.height)} px high: ${name(e)}`);
	}
	return found;
}

// Every check of one page; returns the problems, each line prefixed with
// the way the text was enlarged.
async function audit(tabs, path) {
	const found = [];
	const look = async (p, how) => found.push(...(await p.evaluate(inspect, TARGETS)).map(s => `${how}: ${s}`));
	const [plain, bare] = tabs;
	const r = await go(plain, path);
	if (r.status() >= 500)
		found.push(`status ${r.status()}`);
	await look(plain, '100 %');
	await double(plain);
	await look(plain, '200 % (root)');
	found.push(...(await axe(plain)).map(s => `200 % (root): ${s}`));
	if (bare) {
		await go(bare, path);
		await look(bare, '200 % (Chromium), no JS');
	}
	return found;
}

// ---------------------------------------------------------------------
// A participant with a long name, some lessons done and a long message.
const participant = await browser.newContext({ bypassCSP: true });
await participant.addInitScript({ path: AXE });
const nojsCtx = await browser.newContext({ javaScriptEnabled: false });
const NAME = 'Marie-Bénédicte Wolfeschlegelsteinhausen';
const lessons = readFileSync(join(site, '_eystime/lessons.tsv'), 'utf8').split('\n')
	.map(l => l.split('\t')).filter(f => f[0] === 'lesson').map(f => f[1]);
const post = (ctx, route, form) => ctx.request.post(`${base}/api/${route}`,
	{ form, headers: { Origin: base }, maxRedirects: 0 });

await check('reflow: the pages are found in the built site, sitemap.xml\'s among them', async () => {
	expect(paths.length >= 10 && paths.includes('') && lessons.length > 0, `${paths.length} pages, ${lessons.length} lessons`);
	expect(sitemap && sitemap.length > 0, 'no sitemap.xml');
	const missing = sitemap.filter(u => !paths.includes(u));
	expect(missing.length === 0, `in sitemap.xml, not in the file tree: ${missing.join(' ')}`);
	console.log(`#   ${paths.length} built pages (${sitemap.length} in sitemap.xml), ${lessons.length} lessons`);
});

let lesson = lessons[0];
let firstMsg = '';
await check('reflow: a participant joins, does lessons, posts a message', async () => {
	// She joins (her card to come back, 200), then comes back on the
	// no-JavaScript context with the card's personal code: the same
	// participant on two devices (issue 15).
	const r0 = await post(participant, 'join', { code, name: NAME, next: '/' });
	expect(r0.status() === 200, `join: ${r0.status()}`);
	const pcode = ((await r0.text()).match(/<dd class="pcode">([A-Z0-9]{3}) ([A-Z0-9]{3})<\/dd>/) || []).slice(1).join('');
	expect(pcode.length === 6, 'no personal code on her card');
	const r1 = await post(nojsCtx, 'join', { code, name: NAME, next: '/', pcode });
	expect(r1.status() === 303, `coming back: ${r1.status()}`);
	for (const l of lessons.filter((_, i) => i % 3 === 0)) {
		const r = await post(participant, 'done', { lesson: l, next: '/' });
		expect(r.status() === 303, `done ${l}: ${r.status()}`);
	}
	lesson = lessons[3] || lessons[0];
	const html = await (await participant.request.get(`${base}/api/comments?lesson=${encodeURIComponent(lesson)}`)).text();
	const csrf = (html.match(/name="csrf" value="([0-9a-f]+)"/) || [])[1];
	expect(csrf, 'no csrf token on the discussion page');
	const r = await post(participant, 'comments', { csrf, lesson, kind: 'ressource',
		body: 'Le formulaire est là : https://www.impots.gouv.fr/portail/particulier/questions/comment-declarer-mes-revenus-en-ligne-pour-la-premiere-fois (anticonstitutionnellement long)' });
	expect(r.status() === 303, `comment: ${r.status()}`);
	firstMsg = ((r.headers().location || '').match(/#m(\d+)$/) || [])[1] || '';
	// An answer and a reaction, so that the thread, the counts and "Qui
	// a réagi ?" are on the pages checked.
	const a = await post(participant, 'comments', { csrf, lesson, reply: firstMsg, body: 'Merci, je regarde ce formulaire ce soir.' });
	expect(a.status() === 303, `reply: ${a.status()}`);
	const m = await post(participant, 'comments', { csrf, lesson, react: firstMsg, kind: 'merci' });
	expect(m.status() === 303, `reaction: ${m.status()}`);
});

const tabs = [await tab(participant, false), await tab(nojsCtx, true)];
let checked = 0, problems = 0;
async function page(path, tabs) {
	const found = await audit(tabs, path);
	checked++;
	problems += found.length;
	expect(found.length === 0, found.join('\n'));
}
for (const path of paths.filter(p => !only || only.test(p)))
	await check(`reflow: /${path} at ${WIDTH} px, text 100 % and 200 %: no sideways scroll, nothing cut, 44 px targets, axe clean`,
		() => page(path, tabs));

// The CGI's participant pages, in the same theme.
for (const [what, path] of [['Mon parcours', 'api/me'],
	['a discussion', `api/comments?lesson=${encodeURIComponent(lesson)}`], ['"Mon groupe"', 'api/group'],
	['a discussion with the reply form open', `api/comments?lesson=${encodeURIComponent(lesson)}&reply=${firstMsg}`]])
	await check(`reflow: ${what} (/${path}) at ${WIDTH} px, text 100 % and 200 %`, () => page(path, tabs));
const anon = await browser.newContext({ bypassCSP: true });
await anon.addInitScript({ path: AXE });
const anonTabs = [await tab(anon, false), await tab(await browser.newContext({ javaScriptEnabled: false }), true)];
await check(`reflow: the join form (/api/me, not joined) at ${WIDTH} px, text 100 % and 200 %`, () => page('api/me', anonTabs));

// The trainer's pages (JavaScript on: the trainer's pages work the same
// without it, and the participant's pages above cover the shell).
if (login && password) {
	const trainer = await browser.newContext({ bypassCSP: true });
	await trainer.addInitScript({ path: AXE });
	const tt = [await tab(trainer, false)];
	await check(`reflow: the trainer's login page at ${WIDTH} px, text 100 % and 200 %`, () => page('api/trainer', tt));
	let group = '', person = '';
	await check('reflow: the trainer logs in', async () => {
		const r = await post(trainer, 'trainer/login', { login, password });
		expect(r.status() === 303, `login: ${r.status()}`);
		const html = await (await trainer.request.get(`${base}/api/trainer`)).text();
		group = ((html.match(/href="[^"]*?(trainer\/groups\/\d+)"/) || [])[1]) || '';
		expect(group, 'no group link on "Mes groupes"');
		const g = await (await trainer.request.get(`${base}/api/${group}`)).text();
		person = ((g.match(/href="[^"]*?(trainer\/groups\/\d+\/participants\/\d+)"/) || [])[1]) || '';
	});
	for (const [what, path] of [['"Mes groupes"', 'api/trainer'], ['the group\'s page (overview)', `api/${group}`],
		['a participant\'s page', `api/${person}`], ['"Messages"', 'api/trainer/messages'],
		['the group\'s QR cards', `api/${group}/cards`], ['the group\'s messages (moderation)', `api/${group}/messages`],
		['the group\'s discussions', `api/${group}/talk`], ['a lesson\'s discussion', `api/${group}/talk?lesson=${encodeURIComponent(lesson)}`]])
		await check(`reflow: trainer, ${what} at ${WIDTH} px, text 100 % and 200 %`, () => {
			expect(group, 'not logged in');
			return page(path, tt);
		});
	// A card's link is only in its QR code: make the group's cards (a
	// POST) and read the first one's with zbarimg.
	await check(`reflow: a card's page (/api/back?g=…&n=…&k=…) at ${WIDTH} px, text 100 % and 200 %`, async () => {
		expect(group, 'not logged in');
		const form = await (await trainer.request.get(`${base}/api/${group}/cards`)).text();
		const csrf = (form.match(/name="csrf" value="([0-9a-f]+)"/) || [])[1];
		const r = await post(trainer, `${group}/cards`, { csrf });
		expect(r.status() === 200, `POST cards: ${r.status()}`);
		const svg = ((await r.text()).match(/<svg class="qr"[\s\S]*?<\/svg>/) || [])[0];
		expect(svg, 'no QR code on the cards made');
		await tt[0].setViewportSize({ width: 1280, height: 800 });
		await tt[0].setContent(`<!doctype html><body style="margin:20px;background:#fff">${svg}</body>`);
		const png = join(tmpdir(), `reflow-qr-${process.pid}.png`);
		await tt[0].locator('svg').first().screenshot({ path: png });
		const u = execFileSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		rmSync(png, { force: true });
		const path = u.slice(u.indexOf('/api/') + 1);
		expect(path.startsWith('api/back?g='), `QR code: ${u}`);
		await tt[0].setViewportSize({ width: WIDTH, height: 800 });
		await page(path, anonTabs);
	});
}
console.log(`#   reflow: ${checked} pages checked at ${WIDTH} px (text 100 % and 200 %), ${problems} problems`);

await browser.close();
done();
