// "Mon groupe" in the theme (issue 14), in Chromium against nginx and
// eystime-cgi (tests/browser/run starts them): the menu link on every
// kind of page, with and without JavaScript; with JavaScript and no
// session, the stats request shows nothing and throws nothing; joined,
// the badge and the lesson's counts say what {api}/group/stats answers,
// and a reaction is updated in place. The last two need the CGI's
// routes (branch issue14-social): while {api}/group/stats answers 404
// they print "# skip" lines, not "ok".
// Usage: node group.mjs BASE_URL GROUP_CODE
import { launch, check, done, expect } from './lib.mjs';

const [base, code] = process.argv.slice(2);
if (!base || !code) {
	console.error('usage: node group.mjs BASE_URL GROUP_CODE');
	process.exit(2);
}
const url = p => `${base}/${p}`;
const lesson = 'achats/01-choisir-un-site-marchand-fiable';
const kinds = [['home', ''], ['module', 'achats/'], ['lesson', `${lesson}/`],
	['glossary', 'glossaire/'], ['search', 'recherche/'], ['404', 'nulle-part/'],
	['page', 'mentions-legales/'], ['Mon parcours (CGI)', 'api/me'],
	['discussion (CGI)', `api/comments?lesson=${lesson}`]];

const browser = await launch();

// Errors of a page: uncaught exceptions, and console errors other than
// Chromium's own line for the stats request's 401/404 (a network status,
// not a script error).
function watch(page) {
	const errors = [];
	page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
	page.on('console', m => {
		if (m.type() !== 'error')
			return;
		if (/^Failed to load resource/.test(m.text()) && /\/group\/stats/.test(m.location().url || ''))
			return;
		errors.push(`console: ${m.text()} (${m.location().url})`);
	});
	return errors;
}
// Open path and wait for the stats answer and what the script does with
// it; returns [response status or null, the stats URL].
async function open(page, path) {
	const stats = page.waitForResponse(r => /\/group\/stats/.test(r.url()), { timeout: 5000 }).catch(() => null);
	await page.goto(url(path));
	const r = await stats;
	await page.waitForLoadState('load');
	await page.waitForTimeout(100);
	return r ? [r.status(), r.url()] : [null, ''];
}
async function menuLink(page) {
	return page.evaluate(() => {
		const a = document.querySelector('header nav a.my-group'), api = document.body.dataset.api;
		if (!a)
			return null;
		const r = a.getBoundingClientRect();
		return { href: a.getAttribute('href'), api, text: a.textContent.trim(), h: r.height, w: r.width,
			right: r.right, vw: document.documentElement.clientWidth, icon: !!a.querySelector('svg[aria-hidden=true]') };
	});
}

// ---------------------------------------------------------------------
const nojs = await browser.newContext({ javaScriptEnabled: false });
const q = await nojs.newPage();
await q.setViewportSize({ width: 320, height: 800 });
for (const [name, path] of kinds)
	await check(`no-JS: "Mon groupe" in the main menu of the ${name} page (320 px, 44 px, icon)`, async () => {
		await q.goto(url(path));
		const a = await menuLink(q);
		expect(a, 'no a.my-group in header nav');
		expect(a.href === `${a.api}/group`, `href ${a.href}`);
		expect(a.text === 'Mon groupe', `text "${a.text}"`);
		expect(a.icon, 'no icon');
		expect(a.h >= 44 && a.w > 0 && a.right <= a.vw, JSON.stringify(a));
	});
await check('no-JS: the menu link leads to {api}/group', async () => {
	await q.goto(url(''));
	await Promise.all([q.waitForNavigation(), q.click('a.my-group')]);
	expect(new URL(q.url()).pathname === '/api/group', q.url());
});
await nojs.close();

// ---------------------------------------------------------------------
const anon = await browser.newContext();
for (const [name, path] of [['lesson', `${lesson}/`], ['home', ''], ['Mon parcours (CGI)', 'api/me']])
	await check(`JS, no session: the ${name} page asks {api}/group/stats, shows nothing, no script error`, async () => {
		const p = await anon.newPage();
		const errors = watch(p);
		const [status, u] = await open(p, path);
		expect(status === 200 || status === 404, `stats answered ${status}`);
		if (name === 'lesson')
			expect(new URL(u).search === `?lesson=${lesson}`, `one request for both: ${u}`);
		else
			expect(new URL(u).search === '', `no lesson asked: ${u}`);
		const shown = await p.$$eval('.badge, .counts, .group-done, a.my-group .vh', l => l.map(e => e.className));
		expect(shown.length === 0, `shown: ${shown}`);
		if (name === 'lesson') {
			const t = (await p.textContent('p.discuss')).trim();
			expect(t === 'Discuter de cette leçon avec le groupe', `beside the link: "${t}"`);
		}
		expect(errors.length === 0, errors.join('\n'));
		await p.close();
	});
await anon.close();

// ---------------------------------------------------------------------
// Joined: what the JSON says, shown (after the CGI's branch is merged).
// Bruno writes first, so Chantal has someone else's message to react to.
async function join(ctx, name) {
	const p = await ctx.newPage();
	await p.goto(url('api/me'));
	await p.fill('#code', code);
	await p.fill('#name', name);
	await Promise.all([p.waitForNavigation(), p.click('form.join button')]);
	return p;
}
const other = await browser.newContext({ javaScriptEnabled: false });
const bruno = await join(other, 'Bruno');
await bruno.goto(url(`api/comments?lesson=${lesson}`));
await bruno.fill('#body', 'Un message de Bruno');
await Promise.all([bruno.waitForNavigation(), bruno.click('form.message-form button')]);
await other.close();
const js = await browser.newContext();
const page = await join(js, 'Chantal');
const errors = watch(page);
const probe = await page.evaluate(l => fetch(`/api/group/stats?lesson=${l}`, { headers: { Accept: 'application/json' } })
	.then(r => r.status), lesson);
if (probe === 404) {
	console.log('# skip - joined: badge and lesson counts ({api}/group/stats answers 404 on this branch)');
	console.log('# skip - joined: a reaction is updated in place (no form.react on this branch)');
} else {
	const stats = () => page.evaluate(l => fetch(`/api/group/stats?lesson=${l}`, { headers: { Accept: 'application/json' } })
		.then(r => r.json()), lesson);
	await check('JS, joined: the lesson says the JSON\'s counts beside the discussion link', async () => {
		// A message of hers, Bruno's, and the lesson done by her.
		await page.goto(url(`api/comments?lesson=${lesson}`));
		await page.fill('#body', 'Une question de Chantal');
		await Promise.all([page.waitForNavigation(), page.click('form.message-form button')]);
		await page.goto(url(`${lesson}/`));
		if (!(await page.locator('form.done.is-done').count()))
			await page.click('form.done button');
		await page.waitForSelector('form.done.is-done');
		const s = await stats();
		const [status] = await open(page, `${lesson}/`);
		expect(status === 200, `stats ${status}`);
		const counts = await page.locator('p.discuss .counts').textContent().catch(() => '');
		const m = s.messages === 1 ? '1 message' : `${s.messages} messages`;
		expect(counts.startsWith(m), `counts "${counts}" for ${JSON.stringify(s)}`);
		if (s.new > 0)
			expect(counts.endsWith(s.new === 1 ? '1 nouveau' : `${s.new} nouveaux`), `new: "${counts}"`);
		const d = await page.locator('p.discuss .group-done').textContent().catch(() => '');
		expect(d === (s.done === 1 ? '1 personne du groupe a terminé cette leçon' : `${s.done} personnes du groupe ont terminé cette leçon`),
			`done: "${d}" for ${JSON.stringify(s)}`);
		const badge = await page.locator('a.my-group .badge').count();
		expect(s.unread > 0 ? badge === 1 : badge === 0, `badge ${badge} for unread ${s.unread}`);
		expect(errors.length === 0, errors.join('\n'));
	});
	await check('JS, joined: a reaction is sent without reloading and updated in place', async () => {
		await page.goto(url(`api/comments?lesson=${lesson}`));
		const f = page.locator('form.react').first();
		expect(await f.count() === 1, 'no form.react');
		await page.evaluate(() => { window.stillHere = true; });
		const btn = f.locator('button');
		const before = [await btn.getAttribute('aria-pressed'), +(await btn.locator('.count').textContent())];
		const answer = page.waitForResponse(r => r.request().method() === 'POST');
		await btn.click();
		const r = await answer;
		expect(r.status() === 200, `POST ${r.status()}`);
		const j = await r.json();
		await page.waitForFunction(b => document.querySelector('form.react button').getAttribute('aria-pressed') !== b, before[0]);
		expect(await page.evaluate(() => window.stillHere === true), 'the page was reloaded');
		const after = [await btn.getAttribute('aria-pressed'), +(await btn.locator('.count').textContent())];
		expect(after[0] === String(j.mine) && after[1] === j.count && after[1] !== before[1], `${before} → ${after}, ${JSON.stringify(j)}`);
		await page.reload();
		const again = [await btn.getAttribute('aria-pressed'), +(await btn.locator('.count').textContent())];
		expect(again.join() === after.join(), `after reload ${again}, in place ${after}`);
		expect(errors.length === 0, errors.join('\n'));
	});
}
await js.close();
await browser.close();
done();
