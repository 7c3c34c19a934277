// Issue 15's "nothing irreversible in one tap", "feedback without
// JavaScript" and "first screens", in Chromium at 360 px against nginx and
// the real eystime-cgi (tests/browser/run starts them), JavaScript off
// then on, each pass a new participant of the group CODE:
//   - the home page's first screen (360×780) offers "Vous avez un code de
//     groupe ? Rejoindre" (from the layout: getBoundingClientRect top <
//     780), and its link leads to the join form; with JavaScript, gone
//     once she joined;
//   - a lesson's first screen shows its title and the start of its first
//     step (objectives and contents folded);
//   - "J'ai terminé" without JavaScript lands on "C'est noté ✓" with the
//     next lesson's link and the way to undo; with it, the page stays;
//   - deleting her message and "Effacer mes données" first ask: "Non,
//     garder…" keeps everything, "Oui…" erases and says what is left;
//   - the trainer's "Retirer et effacer ses données" and moderation's
//     "Supprimer" ask too (LOGIN/PASSWORD follows the group).
// axe (WCAG 2.2 AA tags) on every new page at 320 and 1280 px, light and
// dark: each page as served, replayed at its own address (the confirmation
// pages answer a POST). With SHOTS_DIR, screenshots at 360 px.
// Usage: node first-screens.mjs BASE_URL CODE LOGIN PASSWORD
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';

const [base, code, login, password] = process.argv.slice(2);
if (!base || !code || !login || !password) {
	console.error('usage: node first-screens.mjs BASE_URL CODE LOGIN PASSWORD');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.SHOTS_DIR || '';
const lesson = 'smartphone/03-se-connecter-au-wifi';
const nextLesson = 'smartphone/04-installer-une-application';
const W = 360, H = 780;
const browser = await launch();
if (SHOTS)
	mkdirSync(SHOTS, { recursive: true });
const pages = []; // [name, url, html]: every new page, as served

async function person(js) {
	const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: W, height: H } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	return page;
}
async function go(page, target) {
	await Promise.all([page.waitForNavigation(), target.click()]);
}
// The top of an element in the first screen, from its layout.
const top = l => l.evaluate(e => e.getBoundingClientRect().top);
async function keep(page, name, js) {
	pages.push([name, page.url(), await page.content()]);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/${name}-${js ? 'js' : 'nojs'}.png` });
}

async function pass(js) {
	const tag = js ? 'JS on' : 'JS off';
	const page = await person(js);
	const name = js ? 'Nadia' : 'Mariam';

	await check(`${tag}: the home page's first screen (360×780) offers "Vous avez un code de groupe ? Rejoindre"`, async () => {
		await page.goto(`${base}/`);
		const offer = page.locator('main .join-offer');
		expect(await offer.isVisible(), 'no visible join offer');
		expect((await offer.textContent()).includes('Vous avez un code de groupe ?'), `offer "${await offer.textContent()}"`);
		const t = await top(offer.locator('a'));
		expect(t >= 0 && t + 30 < H, `the "Rejoindre" link is at ${t}px`);
	});
	await check(`${tag}: "Rejoindre" leads to the join form, and back home once joined`, async () => {
		await go(page, page.getByRole('link', { name: 'Rejoindre' }));
		await page.getByLabel('Code du groupe').fill(code);
		await page.getByLabel('Votre prénom').fill(name);
		await go(page, page.locator('form.join button'));
		// Her card to come back first (issue 15), then "Continuer".
		await go(page, page.getByRole('link', { name: 'Continuer' }));
		expect(new URL(page.url()).pathname === '/', `landed on ${page.url()}`);
		if (js) {
			await page.waitForFunction(() => document.querySelector('.join-offer').hidden);
			expect(!(await page.locator('.join-offer').isVisible()), 'the offer is still shown after joining');
		}
	});
	await check(`${tag}: a lesson's first screen shows its title and the start of its first step`, async () => {
		await page.goto(`${base}/${lesson}/`);
		if (js)
			await page.waitForSelector('.listen button');
		const h1 = await top(page.locator('main h1'));
		const first = await top(page.locator('main .content > :first-child'));
		expect(h1 >= 0 && h1 < H, `title at ${h1}px`);
		expect(first + 48 < H, `the first step starts at ${first}px`);
		expect(await page.locator('details.objectives:not([open])').count() === 1, 'objectives not folded');
		expect(await page.locator('nav.toc details:not([open])').count() === 1, 'contents not folded');
		if (SHOTS)
			await page.screenshot({ path: `${SHOTS}/lesson-first-screen-${js ? 'js' : 'nojs'}.png` });
	});
	await check(`${tag}: the home page's first screen, shot`, async () => {
		await page.goto(`${base}/`);
		if (SHOTS)
			await page.screenshot({ path: `${SHOTS}/home-first-screen-${js ? 'js' : 'nojs'}.png` });
	});

	await page.goto(`${base}/${lesson}/`);
	if (!js) {
		await check(`${tag}: "J'ai terminé" lands on "C'est noté ✓" with the next lesson's link`, async () => {
			await go(page, page.locator('form.done button'));
			expect((await page.locator('main h1').textContent()) === 'C\'est noté ✓', `h1 "${await page.locator('main h1').textContent()}"`);
			const next = page.locator('main a[rel=next]');
			expect((await next.getAttribute('href')) === `/${nextLesson}/`, `next ${await next.getAttribute('href')}`);
			expect((await page.locator('.next-lesson').textContent()).startsWith('Leçon suivante :'), 'no "Leçon suivante :"');
			expect(await page.getByRole('button', { name: 'Annuler : pas encore terminée' }).count() === 1, 'no undo');
			await keep(page, 'noted', js);
		});
		await check(`${tag}: "Annuler : pas encore terminée" takes it back, to the lesson`, async () => {
			await go(page, page.getByRole('button', { name: 'Annuler : pas encore terminée' }));
			expect(page.url() === `${base}/${lesson}/`, `landed on ${page.url()}`);
			await go(page, page.locator('form.done button'));
			await go(page, page.locator('main a[rel=next]'));
			expect(page.url() === `${base}/${nextLesson}/`, `next lesson: ${page.url()}`);
		});
	} else {
		await check(`${tag}: "J'ai terminé" stays in place (fetch, JSON)`, async () => {
			const url = page.url();
			await page.locator('form.done button').click();
			await page.waitForSelector('form.done.is-done');
			expect(page.url() === url, `moved to ${page.url()}`);
		});
	}

	// Her message: "Supprimer" asks first.
	await page.goto(`${base}/api/comments?lesson=${lesson}`);
	await page.check('input[name=kind][value=astuce]');
	await page.fill('#body', `Astuce de ${name} à effacer`);
	await go(page, page.locator('form.message-form button[type=submit]'));
	const mine = page.locator('article.message', { hasText: `Astuce de ${name}` });
	await check(`${tag}: "Supprimer" my message asks first; "Non, garder mon message" keeps it`, async () => {
		await go(page, mine.getByRole('button', { name: 'Supprimer' }));
		expect((await page.locator('main h1').textContent()) === 'Supprimer votre message ?', 'no question');
		const choices = page.locator('.confirm-choices > *');
		expect((await choices.first().textContent()) === 'Non, garder mon message' &&
			await choices.first().evaluate(e => e.matches('a.button')), 'the safe choice is not first, or not the main button');
		expect(await page.locator('button.danger', { hasText: 'Oui, supprimer' }).count() === 1, 'no danger button');
		await keep(page, 'confirm-message', js);
		await go(page, page.getByRole('link', { name: 'Non, garder mon message' }));
		expect(await mine.count() === 1, 'the message is gone');
	});
	await check(`${tag}: "Oui, supprimer" deletes it`, async () => {
		await go(page, mine.getByRole('button', { name: 'Supprimer' }));
		await go(page, page.getByRole('button', { name: 'Oui, supprimer' }));
		expect(await page.locator('article.message', { hasText: `Astuce de ${name}` }).count() === 0, 'still there');
	});

	// "Effacer mes données": asks, then says what is left.
	await check(`${tag}: "Effacer mes données" asks first; "Non, garder mes données" keeps her`, async () => {
		await page.goto(`${base}/api/me`);
		await go(page, page.getByRole('button', { name: 'Effacer mes données' }));
		expect((await page.locator('main h1').textContent()) === 'Effacer toutes vos données ?', 'no question');
		expect((await page.locator('main').textContent()).includes(name), 'her name is not said');
		const first = page.locator('.confirm-choices > *').first();
		expect((await first.textContent()) === 'Non, garder mes données' && await first.evaluate(e => e.matches('a.button')), 'the safe choice is not first');
		await keep(page, 'confirm-erase', js);
		await go(page, page.getByRole('link', { name: 'Non, garder mes données' }));
		expect((await page.locator('main').textContent()).includes(name), 'she is no longer known');
	});
	await check(`${tag}: "Oui, tout effacer" → "Vos données sont effacées. Il ne reste rien"`, async () => {
		await go(page, page.getByRole('button', { name: 'Effacer mes données' }));
		await go(page, page.getByRole('button', { name: 'Oui, tout effacer' }));
		expect((await page.locator('main h1').textContent()) === 'Vos données sont effacées', 'no "done" page');
		expect((await page.locator('main').textContent()).includes('Il ne reste rien'), 'does not say what is left');
		await keep(page, 'erased', js);
		await page.goto(`${base}/api/me`);
		expect(await page.locator('form.join').count() === 1, 'still known after erasing');
	});
	await page.context().close();
}

await pass(false);
await pass(true);

// The trainer: a participant to remove and a message to delete.
await check('trainer: "Retirer et effacer ses données" and "Supprimer" ask first, and say what is lost', async () => {
	const p = await person(false);
	await p.goto(`${base}/api/me`);
	await p.getByLabel('Code du groupe').fill(code);
	await p.getByLabel('Votre prénom').fill('Rose');
	await go(p, p.locator('form.join button'));
	await p.goto(`${base}/api/comments?lesson=${lesson}`);
	await p.check('input[name=kind][value=astuce]');
	await p.fill('#body', 'Un message à modérer');
	await go(p, p.locator('form.message-form button[type=submit]'));
	const t = await person(false);
	await t.goto(`${base}/api/trainer`);
	await t.fill('#login', login);
	await t.fill('#password', password);
	await go(t, t.locator('form.trainer-login button'));
	await go(t, t.locator('ul.trainer-groups a').first());
	await go(t, t.locator('section.overview tbody th a', { hasText: 'Rose' }));
	const btn = t.getByRole('button', { name: 'Retirer et effacer ses données' });
	expect(await btn.evaluate(e => e.classList.contains('danger')), 'the remove button is not styled dangerous');
	await go(t, btn);
	expect((await t.locator('main h1').textContent()) === 'Retirer et effacer ses données ?', 'no question');
	await keep(t, 'confirm-remove', false);
	await go(t, t.getByRole('link', { name: 'Non, garder cette personne' }));
	expect(await t.locator('section.overview tbody th a', { hasText: 'Rose' }).count() === 1, 'Rose is gone');
	await t.goto(t.url().replace(/#.*/, '') + '/messages');
	await go(t, t.locator('article.message', { hasText: 'Un message à modérer' }).first().getByRole('button', { name: 'Supprimer' }));
	expect((await t.locator('main h1').textContent()) === 'Supprimer ce message ?', 'no question');
	await keep(t, 'confirm-moderation', false);
	await t.context().close();
	await p.context().close();
});

async function axe(p) {
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
for (const [name, url, html] of pages) {
	await check(`axe: ${name} (${new URL(url).pathname}): 0 violations at 320 and 1280 px, light and dark`, async () => {
		const ctx = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
		const p = await ctx.newPage();
		await p.route(url, r => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
		const found = [];
		for (const scheme of ['light', 'dark'])
			for (const width of [320, 1280]) {
				await p.emulateMedia({ colorScheme: scheme });
				await p.setViewportSize({ width, height: 800 });
				await p.goto(url);
				found.push(...(await axe(p)).map(v => `${scheme} ${width}: ${v}`));
			}
		await ctx.close();
		expect(found.length === 0, found.join('\n'));
	});
}

await browser.close();
done();
