// The "Done when" of issue 15's first part, in Chromium at 360 px against
// nginx and the real eystime-cgi (tests/browser/run starts them and makes
// the two groups): a participant who loses her cookies comes back with
// her personal code, and guessing it is throttled. Run twice: JavaScript
// off in the first group, on in the second.
//   1. Awa joins (her card: "Prenez cette carte en photo", the personal
//      code read from it), finishes 2 lessons and writes a message;
//   2. her cookies are cleared;
//   3. she joins again with the group's code, "Awa" and her personal
//      code, and finds her 2 lessons and her message;
//   4. a wrong personal code 10 times is throttled ("Trop d'essais",
//      429), and once the delay has passed (the failures moved an hour
//      back in SQLite by DBQ) the right one works again. (The right
//      code from another address: tests/cgi/cases/70, curl --interface.)
// Then axe (WCAG 2.2 AA) at 320 and 1280 px, light and dark, on every
// new page: the card, "Vous êtes déjà dans le groupe ?", the 429 page,
// "Mon parcours" with "Mes appareils", "Ma carte pour revenir"; with
// SHOTS_DIR, screenshots at 360 px of each.
// Usage: DBQ=script node come-back.mjs BASE_URL CODE_NOJS CODE_JS
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const [base, ...codes] = process.argv.slice(2);
if (!base || codes.length !== 2 || !process.env.DBQ) {
	console.error('usage: DBQ=script node come-back.mjs BASE_URL CODE_NOJS CODE_JS');
	process.exit(2);
}
const dbq = sql => execFileSync('bash', [process.env.DBQ, sql], { encoding: 'utf8' }).trim();
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.SHOTS_DIR || '';
const lessons = ['smartphone/03-se-connecter-au-wifi', 'smartphone/04-installer-une-application'];
const MESSAGE = 'Je garde mes leçons même sur un autre téléphone ?';
const WIDTH = 360;
const browser = await launch();
if (SHOTS)
	mkdirSync(SHOTS, { recursive: true });

async function go(page, target) {
	await Promise.all([page.waitForNavigation(), target.click()]);
}
// axe at 320 and 1280 px, light and dark, on url in page p.
async function scan(p, url) {
	const found = [];
	for (const scheme of ['light', 'dark'])
		for (const width of [320, 1280]) {
			await p.emulateMedia({ colorScheme: scheme });
			await p.setViewportSize({ width, height: 800 });
			await p.goto(url);
			await p.addScriptTag({ path: AXE });
			const r = await p.evaluate(tags => window.axe.run(document,
				{ runOnly: { type: 'tag', values: tags } }), TAGS);
			found.push(...r.violations.map(v => `${scheme} ${width}: ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`));
		}
	return found;
}
// A page of hers: in a context with her cookies (bypassCSP for axe).
async function axe(ctx, url) {
	const ax = await browser.newContext({ bypassCSP: true, storageState: await ctx.storageState() });
	const found = await scan(await ax.newPage(), url);
	await ax.close();
	return found;
}
// The page as it is now (a POST's answer cannot be loaded again): its
// HTML served back from a route of the same origin, so that the
// stylesheets load as they did.
async function axeHere(page) {
	const html = await page.content();
	const ax = await browser.newContext({ bypassCSP: true });
	const p = await ax.newPage();
	await p.route(`${base}/__here`, r => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
	const found = await scan(p, `${base}/__here`);
	await ax.close();
	return found;
}
async function shot(page, name) {
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
// The join form, as she finds it: "Mon parcours" in the menu.
async function joinForm(page, code) {
	await page.goto(`${base}/${lessons[0]}/`);
	await go(page, page.locator('header nav a.my-progress'));
	await page.getByLabel('Code du groupe').fill(code);
	await page.getByLabel('Votre prénom').fill('Awa');
	await go(page, page.locator('form.join button'));
}
async function tick(page, lesson, js) {
	await page.goto(`${base}/${lesson}/`);
	const b = page.locator('form.done button');
	if (js) {
		await b.click();
		await page.waitForSelector('form.done.is-done');
	} else
		await go(page, b);
}
async function doneCount(page) {
	await page.goto(`${base}/api/me`);
	const t = await page.locator('main').textContent();
	const m = /Leçons terminées : (\d+) \/ \d+/.exec(t);
	return m ? Number(m[1]) : -1;
}

for (const [pass, js] of [[0, false], [1, true]]) {
	const code = codes[pass];
	const JS = js ? 'JS' : 'no-JS';
	const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: WIDTH, height: 780 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	let pcode = '';

	await check(`${JS} 1: Awa joins and gets her card: "Prenez cette carte en photo", her personal code, "Continuer"`, async () => {
		await joinForm(page, code);
		expect((await page.locator('main').textContent()).includes('Prenez cette carte en photo'), 'no card');
		pcode = (await page.locator('.return-card dd.pcode').textContent()).replace(/\s/g, '');
		expect(/^[A-Z2-9]{6}$/.test(pcode), `personal code "${pcode}"`);
		expect(await page.locator('.return-card svg').count() === 1, 'no QR code');
		if (pass === 1) {
			await shot(page, 'come-back-card');
			const found = await axeHere(page);
			expect(found.length === 0, found.join('\n'));
		}
		await go(page, page.getByRole('link', { name: 'Continuer' }));
		expect(new URL(page.url()).pathname === '/api/me', `Continuer led to ${page.url()}`);
	});
	await check(`${JS} 1: she finishes 2 lessons and writes a message`, async () => {
		for (const l of lessons)
			await tick(page, l, js);
		await page.goto(`${base}/api/comments?lesson=${lessons[0]}`);
		await page.getByLabel('Écrire au groupe').fill(MESSAGE);
		await go(page, page.getByRole('button', { name: 'Envoyer' }));
		expect(await doneCount(page) === 2, 'not 2 lessons done');
	});
	await check(`${JS} 2+3: her cookies cleared, she joins again with "Awa" and her personal code, and finds her 2 lessons and her message`, async () => {
		await ctx.clearCookies();
		expect(await doneCount(page) === -1, 'still logged in after clearing the cookies');
		await joinForm(page, code);
		expect((await page.locator('main h1').textContent()) === 'Vous êtes déjà dans le groupe ?', `h1 "${await page.locator('main h1').textContent()}"`);
		if (pass === 1)
			await shot(page, 'come-back-rejoin');
		await page.getByLabel('Votre code personnel').fill(pcode.toLowerCase());
		await go(page, page.getByRole('button', { name: 'Retrouver mon parcours' }));
		expect(await doneCount(page) === 2, 'her 2 lessons are not there');
		await page.goto(`${base}/api/comments?lesson=${lessons[0]}`);
		const mine = page.locator('article.message', { hasText: MESSAGE });
		expect(await mine.count() === 1, 'her message is not there');
		expect(/Awa · /.test(await mine.locator('.message-meta').textContent()), 'not under "Awa"');
	});
	await check(`${JS}: "Mon parcours" lists her two devices, this one marked`, async () => {
		await page.goto(`${base}/api/me`);
		const items = page.locator('ul.devices li');
		expect(await items.count() === 2, `${await items.count()} devices`);
		expect((await items.first().textContent()).includes('(cet appareil)'), 'the first is not this one');
		expect(await page.getByRole('button', { name: 'Déconnecter partout' }).count() === 1, 'no "Déconnecter partout"');
		if (pass === 1)
			await shot(page, 'come-back-me');
	});
	await check(`${JS} 4: a wrong personal code 10 times is throttled ("Trop d'essais", 429); the right one works once the delay has passed`, async () => {
		await ctx.clearCookies();
		dbq('DELETE FROM login_failures');
		const wrong = pcode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
		let status = 0;
		page.on('response', r => { if (r.url().endsWith('/api/join')) status = r.status(); });
		await joinForm(page, code);
		const statuses = [];
		for (let i = 1; i <= 10; i++) {
			await page.getByLabel('Votre code personnel').fill(wrong);
			await go(page, page.getByRole('button', { name: 'Retrouver mon parcours' }));
			statuses.push(status);
			// The fifth failure starts the delay; its time is moved
			// ahead so that a slow machine cannot outlast it.
			if (i === 5)
				dbq("UPDATE login_failures SET at = strftime('%s','now') + 1000");
		}
		expect(statuses.slice(0, 5).every(x => x === 401), `the first five: ${statuses.slice(0, 5)}`);
		expect(status === 429, `status ${status} after 10 wrong codes`);
		const alert = await page.getByRole('alert').textContent();
		expect(/Trop d'essais\. Attendez \d+ secondes/.test(alert), `alert "${alert}"`);
		if (pass === 1) {
			await shot(page, 'come-back-429');
			const found = await axeHere(page);
			expect(found.length === 0, found.join('\n'));
		}
		await page.getByLabel('Votre code personnel').fill(pcode);
		await go(page, page.getByRole('button', { name: 'Retrouver mon parcours' }));
		expect(status === 429, `the right code during the delay: ${status}`);
		dbq('UPDATE login_failures SET at = at - 7200');
		await page.getByLabel('Votre code personnel').fill(pcode);
		await go(page, page.getByRole('button', { name: 'Retrouver mon parcours' }));
		expect(status === 303 || status === 200, `the right code after the delay: ${status}`);
		expect(await doneCount(page) === 2, 'not back to her 2 lessons');
	});
	if (js) {
		for (const [what, path] of [['"Mon parcours" with "Mes appareils"', 'api/me'], ['"Ma carte pour revenir"', 'api/me/card']])
			await check(`axe: ${what}: 0 violations at 320 and 1280 px, light and dark`, async () => {
				const found = await axe(ctx, `${base}/${path}`);
				expect(found.length === 0, found.join('\n'));
			});
		await check('axe: "Vous êtes déjà dans le groupe ?": 0 violations at 320 and 1280 px, light and dark', async () => {
			const found = await axe(ctx, `${base}/api/back?g=${encodeURIComponent(code)}&n=Awa&k=${pcode}`);
			expect(found.length === 0, found.join('\n'));
		});
	}
	await ctx.close();
}
await browser.close();
done();
