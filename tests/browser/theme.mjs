// The participant theme in Chromium, against nginx and eystime-cgi
// (tests/browser/run starts them): accessibility (axe, WCAG 2.2 AA tags)
// at 320 and 1280 px in light and dark, no horizontal scroll, tap
// targets, what works without JavaScript and what JavaScript adds.
// Usage: node theme.mjs BASE_URL GROUP_CODE
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const [base, code] = process.argv.slice(2);
if (!base || !code) {
	console.error('usage: node theme.mjs BASE_URL GROUP_CODE');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// A lesson with a quiz, a table, glossary words and exercises.
const lesson = 'achats/01-choisir-un-site-marchand-fiable';
const lessonTitle = 'Choisir un site marchand fiable';
const host = new URL(base).host;
// The generator links a glossary word to its definition (first use).
const GLOSS = '.content a[href*="glossaire/"][href*="#terme-"]';

const browser = await launch();
const outside = [];
async function context(opts = {}) {
	const ctx = await browser.newContext({ bypassCSP: true, ...opts });
	// No request leaves the site.
	ctx.on('request', r => {
		const u = new URL(r.url());
		if (!['data:', 'blob:'].includes(u.protocol) && u.host !== host)
			outside.push(r.url());
	});
	return ctx;
}
async function newPage(ctx, width = 1280, scheme = 'light') {
	const page = await ctx.newPage();
	page.setDefaultTimeout(8000);
	await page.setViewportSize({ width, height: 800 });
	await page.emulateMedia({ colorScheme: scheme });
	page.pending = 0;
	page.on('request', () => page.pending++);
	page.on('requestfinished', () => page.pending--);
	page.on('requestfailed', () => page.pending--);
	return page;
}
// Open a page and wait until its script's requests (progress, search
// index) are answered and applied: quicker than 'networkidle'.
async function go(p, path) {
	const r = await p.goto(url(path));
	for (let i = 0; i < 200; i++) {
		if (p.pending <= 0) {
			await p.waitForTimeout(40);
			if (p.pending <= 0)
				break;
		}
		await p.waitForTimeout(10);
	}
	return r;
}
async function axe(page) {
	await page.addScriptTag({ path: AXE });
	const r = await page.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
const url = p => `${base}/${p}`;

// ---------------------------------------------------------------------
// With JavaScript: a participant joins, then works through a lesson.
const js = await context();
const page = await newPage(js);

await check('JS: joining from "Mon parcours"', async () => {
	await go(page, '');
	await page.click('a.my-progress');
	await page.fill('#code', code);
	await page.fill('#name', 'Awa');
	await Promise.all([page.waitForNavigation(), page.click('form.join button')]);
	// Her card to come back first, then "Continuer" where she was going:
	// the header link asks to come back to "Mon parcours".
	expect((await page.textContent('main')).includes('Prenez cette carte en photo'), 'no card after joining');
	await Promise.all([page.waitForNavigation(), page.click('main a.button:text("Continuer")')]);
	expect(page.url() === url('api/me'), `after joining: ${page.url()}`);
	expect((await page.textContent('main')).includes('Awa'), 'not joined');
});

await check('JS: "J\'ai terminé cette leçon" marks the lesson without reloading', async () => {
	await go(page, `${lesson}/`);
	await page.evaluate(() => { window.stillHere = true; });
	await page.click('form.done button');
	await page.waitForSelector('form.done.is-done', { timeout: 5000 });
	expect(await page.evaluate(() => window.stillHere === true), 'the page was reloaded');
	expect(page.url() === url(`${lesson}/`), `moved to ${page.url()}`);
	const mark = await page.textContent('form.done .done-mark');
	expect(/Terminée/.test(mark), `mark: ${mark}`);
	expect(await page.getAttribute('form.done .done-mark', 'role') === 'status', 'mark not announced');
	const p = await page.evaluate(() => fetch('/api/progress', { credentials: 'same-origin' }).then(r => r.json()));
	expect(p.done.includes(lesson), `/api/progress: ${JSON.stringify(p)}`);
	expect(await page.locator(`li.done[data-lesson="${lesson}"]`).count() === 1, 'module list not marked');
});

await check('JS: "Annuler" undoes, and the lesson can be marked again', async () => {
	expect((await page.textContent('form.done button')).trim() === 'Annuler', 'no undo button');
	await page.click('form.done button');
	await page.waitForSelector('form.done:not(.is-done)');
	let p = await page.evaluate(() => fetch('/api/progress').then(r => r.json()));
	expect(!p.done.includes(lesson), 'still done after undo');
	await page.click('form.done button');
	await page.waitForSelector('form.done.is-done');
	p = await page.evaluate(() => fetch('/api/progress').then(r => r.json()));
	expect(p.done.includes(lesson), 'not done again');
});

await check('JS: progress marks on the lesson, the module and the home page', async () => {
	await page.goto(url(`${lesson}/`));
	await page.waitForSelector('form.done.is-done');
	await page.goto(url('achats/'));
	await page.waitForSelector(`li.done[data-lesson="${lesson}"] .done-mark`);
	// Where I stopped: the next lesson, and the button leads there.
	const here = await page.getAttribute('li.here', 'data-lesson');
	expect(here === 'achats/02-payer-par-carte-en-securite', `here: ${here}`);
	const href = await page.getAttribute('a.resume', 'href');
	expect(/02-payer-par-carte-en-securite\/(index\.html)?$/.test(href), `resume: ${href}`);
	await page.goto(url(''));
	await page.waitForSelector('.card[data-module="achats"] .card-progress');
	const t = await page.textContent('.card[data-module="achats"] .card-progress');
	expect(/1 sur 4/.test(t), `card: ${t}`);
	expect(/Continuer/.test(await page.textContent('a.resume')), 'home button does not continue');
});

await check('JS: the quiz checks the answer and says so (role=status)', async () => {
	await page.goto(url(`${lesson}/`));
	const quiz = page.locator('.quiz').first();
	await quiz.locator('fieldset input:not([data-ok])').first().check();
	await quiz.locator('button', { hasText: 'Vérifier' }).click();
	await page.waitForFunction(() => /Pas tout à fait/.test(document.querySelector('.quiz-feedback').textContent));
	expect(await quiz.locator('.quiz-mark.ko').count() === 1, 'wrong choice not marked');
	expect(await quiz.locator('.quiz-feedback').getAttribute('role') === 'status', 'no live region');
	await quiz.locator('fieldset input[data-ok]').first().check();
	await quiz.locator('button', { hasText: 'Vérifier' }).click();
	await page.waitForFunction(() => /Bravo/.test(document.querySelector('.quiz-feedback').textContent));
	expect(await quiz.locator('.quiz-mark.ok').count() === 1, 'right choice not marked');
});

await check('JS: a glossary word opens its definition on click, Escape closes it', async () => {
	const a = page.locator('.content a.term').first();
	const id = await a.getAttribute('aria-describedby');
	expect(id, 'no aria-describedby');
	expect(await a.getAttribute('title') === null, 'title left (double tooltip)');
	await a.click();
	const tip = page.locator(`#${id}`);
	expect(await tip.isVisible(), 'definition not shown');
	expect(await tip.getAttribute('role') === 'tooltip', 'not a tooltip');
	expect(page.url() === url(`${lesson}/`), 'the click followed the link');
	const box = await tip.boundingBox();
	const vw = await page.evaluate(() => document.documentElement.clientWidth);
	expect(box.x >= 0 && box.x + box.width <= vw, 'definition outside the screen');
	await page.keyboard.press('Escape');
	expect(!(await tip.isVisible()), 'Escape does not close');
	// Focus shows it too (keyboard).
	await a.evaluate(e => e.blur());
	await a.focus();
	expect(await tip.isVisible(), 'focus does not show the definition');
	await page.keyboard.press('Escape');
});

await check('JS: axe finds nothing with the quiz answered and a definition open', async () => {
	await page.locator('.content a.term').first().click();
	const v = await axe(page);
	expect(v.length === 0, v.join('\n'));
	await page.keyboard.press('Escape');
});

await check('JS: ticked exercise boxes are remembered after a reload', async () => {
	const boxes = page.locator('label.task input');
	await boxes.nth(0).check();
	await boxes.nth(2).check();
	await page.reload();
	await page.waitForLoadState('load');
	const state = await page.$$eval('label.task input', l => l.map(x => x.checked));
	expect(state[0] && !state[1] && state[2], `after reload: ${state}`);
	await boxes.nth(0).uncheck();
	await boxes.nth(2).uncheck();
});

await check('JS: "Écouter" is there exactly when the browser can read aloud', async () => {
	const can = await page.evaluate(() => 'speechSynthesis' in window);
	const n = await page.locator('.listen button').count();
	expect(can ? n >= 1 : n === 0, `speechSynthesis ${can}, ${n} buttons`);
	if (can) {
		expect((await page.textContent('.listen button')).includes('Écouter'), 'label');
		expect(await page.locator('.listen button:visible').count() === 1, 'stop shown before reading');
		// In one go, so that the end of speech cannot come in between.
		const r = await page.evaluate(() => {
			const [go, stop] = document.querySelectorAll('.listen button');
			go.click();
			const reading = [go.textContent, stop.hidden];
			stop.click();
			return [...reading, go.textContent, stop.hidden, document.activeElement === go];
		});
		expect(r.join() === 'Pause,false,Écouter la leçon,true,true', `listen, stop: ${r}`);
	}
});

await check('JS: search finds "démarche" when typing "demarche"', async () => {
	await page.goto(url('recherche/'));
	await page.fill('#q', 'demarche');
	await page.waitForSelector('.results li');
	const titles = await page.$$eval('.results a', l => l.map(a => a.textContent));
	expect(titles.some(t => /démarche/i.test(t)), titles.join(' | '));
	expect(/Résultats/.test(await page.textContent('.search-status')), 'no count');
	const href = await page.getAttribute('.results a', 'href');
	await Promise.all([page.waitForNavigation(), page.click('.results a')]);
	expect(!page.url().endsWith('/recherche/'), `result link ${href} goes nowhere`);
	await page.goto(url('recherche/'));
	await page.fill('#q', 'zzzqqq');
	await page.waitForFunction(() => /Aucun/.test(document.querySelector('.search-status').textContent));
});

await check('JS: the service worker is registered only over HTTPS', async () => {
	await go(page, '');
	const n = await page.evaluate(() => navigator.serviceWorker ?
		navigator.serviceWorker.getRegistrations().then(r => r.length) : 0);
	expect(n === 0, `${n} registrations over http`);
	const r = await page.request.get(url('sw.js'));
	expect(r.ok() && /addEventListener\('fetch'/.test(await r.text()), 'sw.js not at the root');
});

await check('offline: the service worker keeps opened lessons, never the api', async () => {
	// 127.0.0.1 is a secure context: register by hand (the theme's script
	// only does it over https:).
	const ctx = await context();
	const p = await newPage(ctx);
	await go(p, '');
	await p.evaluate(() => navigator.serviceWorker.register('sw.js?api=/api').then(() => navigator.serviceWorker.ready));
	await p.reload();
	expect(await p.evaluate(() => !!navigator.serviceWorker.controller), 'page not controlled');
	await go(p, `${lesson}/`);
	await p.evaluate(() => fetch('/api/progress'));
	await ctx.setOffline(true);
	await p.goto(url(`${lesson}/`));
	expect((await p.textContent('h1')).includes(lessonTitle), 'lesson not read from the cache');
	const css = await p.evaluate(() => getComputedStyle(document.body).display);
	expect(css === 'flex', 'stylesheet not read from the cache');
	const api = await p.evaluate(() => fetch('/api/progress').then(r => r.status, () => 'failed'));
	expect(api === 'failed', `the api answered offline: ${api}`);
	const keys = await p.evaluate(() => caches.keys().then(k => Promise.all(k.map(n => caches.open(n).then(c => c.keys())))).then(l => l.flat().map(r => r.url)));
	expect(!keys.some(k => k.includes('/api/')), 'an api answer is cached');
	await ctx.setOffline(false);
	await ctx.close();
});

await check('JS: print shows a clean handout with its address', async () => {
	await page.goto(url(`${lesson}/`));
	await page.emulateMedia({ media: 'print' });
	const s = await page.evaluate(() => {
		const shown = sel => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none'; };
		return {
			header: shown('.site-header'), footer: shown('.site-footer'), pager: shown('.pager'),
			done: shown('form.done'), breadcrumb: shown('.breadcrumb'), url: shown('.print-url'),
			content: shown('.content'), text: document.querySelector('.print-url').textContent,
		};
	});
	await page.emulateMedia({ media: 'screen' });
	expect(!s.header && !s.footer && !s.pager && !s.done && !s.breadcrumb, JSON.stringify(s));
	expect(s.url && s.content && /https?:\/\/\S+achats\/01-/.test(s.text), JSON.stringify(s));
});

await check('JS: not joined, "J\'ai terminé" falls back to the form (join page)', async () => {
	const anon = await context();
	const p = await newPage(anon);
	await go(p, `${lesson}/`);
	await Promise.all([p.waitForNavigation(), p.click('form.done button')]);
	expect(await p.locator('form.join').count() === 1, `no join form at ${p.url()}`);
	await anon.close();
});

// ---------------------------------------------------------------------
// Readability: large text, no italics, visible focus.
await check('text: 18 px or more, line height 1.5 or more, no italics', async () => {
	await page.goto(url(`${lesson}/`));
	const s = await page.evaluate(() => {
		const p = getComputedStyle(document.querySelector('.content p'));
		const em = document.createElement('em');
		document.querySelector('.content p').append(em);
		return { size: parseFloat(p.fontSize), lh: parseFloat(p.lineHeight), align: p.textAlign, em: getComputedStyle(em).fontStyle };
	});
	expect(s.size >= 18 && s.lh / s.size >= 1.5 && s.em === 'normal' && /left|start/.test(s.align), JSON.stringify(s));
});

await check('focus: the keyboard focus is visible', async () => {
	await page.goto(url(`${lesson}/`));
	await page.keyboard.press('Tab');
	const skip = await page.evaluate(() => {
		const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
		return { cls: e.className, visible: r.left >= 0 && r.width > 0 };
	});
	expect(skip.cls === 'skip' && skip.visible, `first Tab: ${JSON.stringify(skip)}`);
	await page.keyboard.press('Tab');
	const o = await page.evaluate(() => {
		const s = getComputedStyle(document.activeElement);
		return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
	});
	expect(o.style !== 'none' && o.width >= 2, JSON.stringify(o));
});

// Tap targets: links and buttons of the header, navigations, pager and
// forms are 44 px high at least (links inside sentences are exempt).
const TARGETS = 'header a, nav a, .pager a, main form button, main form input:not([type=hidden]):not([type=radio]):not([type=checkbox]), fieldset label, label.task, main textarea, .button, main button, details summary, .discuss a';
for (const [name, path] of [['lesson', `${lesson}/`], ['home', ''], ['module', 'achats/'], ['search', 'recherche/'], ['Mon parcours', 'api/me'], ['discussion', `api/comments?lesson=${lesson}`]])
	await check(`tap targets of ${name} are 44 px high at 320 and 1280 px`, async () => {
		const small = [];
		for (const width of [320, 1280]) {
			await page.setViewportSize({ width, height: 800 });
			await go(page, path);
			small.push(...(await page.$$eval(TARGETS, l => l.filter(e => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && r.height < 44;
			}).map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`))).map(s => `${width}: ${s}`));
		}
		await page.setViewportSize({ width: 1280, height: 800 });
		expect(small.length === 0, small.join('\n'));
	});

// ---------------------------------------------------------------------
// axe on every kind of page, 320 and 1280 px, light and dark; and no
// horizontal scroll at 320 px. 404: a missing address through nginx.
const pages = [['home', ''], ['module', 'achats/'], ['lesson', `${lesson}/`],
	['glossary', 'glossaire/'], ['search', 'recherche/'], ['404', 'nulle-part/'],
	['Mon parcours', 'api/me'], ['discussion', `api/comments?lesson=${lesson}`],
	['legal notice', 'mentions-legales/'], ['accessibility statement', 'accessibilite/']];
const schemes = {};
for (const scheme of ['light', 'dark'])
	schemes[scheme] = await newPage(js, 320, scheme);
async function audit(p, name, path) {
	const found = [];
	for (const width of [320, 1280]) {
		await p.setViewportSize({ width, height: 800 });
		const r = await go(p, path);
		if (name === '404' && (r.status() !== 404 || !/introuvable/.test(await p.textContent('h1'))))
			found.push(`404 page: status ${r.status()}`);
		found.push(...(await axe(p)).map(v => `${width}: ${v}`));
		if (width === 320) {
			const sw = await p.evaluate(() => document.documentElement.scrollWidth);
			if (sw > 320)
				found.push(`320: horizontal scroll (${sw} px wide)`);
		}
	}
	return found;
}
for (const [name, path] of pages) {
	// Light and dark side by side (two tabs), to save time.
	const [light, dark] = await Promise.all(['light', 'dark'].map(s => audit(schemes[s], name, path)));
	for (const [scheme, found] of [['light', light], ['dark', dark]])
		await check(`${name} (${scheme}): axe finds nothing at 320 and 1280 px, no sideways scroll at 320 px`, () =>
			expect(found.length === 0, found.join('\n')));
}
for (const p of Object.values(schemes))
	await p.close();

// ---------------------------------------------------------------------
// Without JavaScript.
const nojs = await context({ javaScriptEnabled: false });
const q = await newPage(nojs, 320);

await check('no-JS: the lesson reads fully, with its quiz and exercises', async () => {
	await q.goto(url(`${lesson}/`));
	const main = await q.textContent('main');
	for (const s of [lessonTitle, 'À la fin, je sais', 'Étape 1', 'Les signes d\'alerte', 'Pour vérifier', 'Exercice', 'Ensuite, apprenez'])
		expect(main.includes(s), `missing: ${s}`);
	expect(await q.locator('.quiz input').count() >= 2, 'no quiz');
	expect(await q.locator('label.task input:enabled').count() >= 2, 'no exercise boxes');
	expect(await q.locator('.listen button, #q').count() === 0, 'a JavaScript-only control is shown');
	// A lesson's quiz is a form: its "Vérifier" posts to the CGI.
	expect(await q.locator('form.quiz button[type=submit]').count() >= 1, 'no quiz form with its button');
	expect(await q.locator(GLOSS).count() >= 1, 'no glossary link');
	const sw = await q.evaluate(() => document.documentElement.scrollWidth);
	expect(sw <= 320, `horizontal scroll: ${sw}`);
});

await check('no-JS: axe finds nothing on the lesson (320 px, light and dark)', async () => {
	// axe needs JavaScript: the theme's script is blocked instead.
	const bare = await context();
	await bare.route(/\/static\/js\//, r => r.abort());
	const found = [];
	for (const scheme of ['light', 'dark']) {
		const p = await newPage(bare, 320, scheme);
		await go(p, `${lesson}/`);
		found.push(...(await axe(p)).map(v => `${scheme}: ${v}`));
	}
	await bare.close();
	expect(found.length === 0, found.join('\n'));
});

await check('no-JS: the quiz shows its answer (details)', async () => {
	const d = q.locator('.quiz details.quiz-answer').first();
	expect(!(await d.locator('p').first().isVisible()), 'answer visible before asking');
	await d.locator('summary').click();
	expect(await d.evaluate(e => e.open) && await d.locator('p').first().isVisible(), 'answer not shown');
});

await check('no-JS: a glossary word is a plain link to the glossary', async () => {
	const a = q.locator(GLOSS).first();
	const href = await a.getAttribute('href');
	await Promise.all([q.waitForNavigation(), a.click()]);
	const id = href.split('#')[1];
	expect(new RegExp(`/glossaire/(index\\.html)?#${id}$`).test(q.url()), q.url());
	expect(await q.locator(`#${id}`).count() === 1, 'no such term on the glossary page');
});

await check('no-JS: the A–Z index of the search page works (a letter jumps)', async () => {
	await q.goto(url('recherche/'));
	await q.click('.letters a >> text=P');
	expect(q.url().endsWith('#lettre-p'), q.url());
	const top = await q.evaluate(() => document.getElementById('lettre-p').getBoundingClientRect().top);
	expect(Math.abs(top) < 50, `the letter is at ${top} px`);
	expect(await q.locator('#lettre-p + ul.az a').count() >= 1, 'no entry under P');
});

await check('no-JS: the done form posts (303 to "C\'est noté ✓"), then "Mon parcours" shows it', async () => {
	await q.goto(url('api/me'));
	await q.fill('#code', code);
	await q.fill('#name', 'Lucie');
	await Promise.all([q.waitForNavigation(), q.click('form.join button')]);
	const other = 'achats/02-payer-par-carte-en-securite';
	await q.goto(url(`${other}/`));
	const statuses = [];
	q.on('response', r => r.request().method() === 'POST' && statuses.push(r.status()));
	await Promise.all([q.waitForNavigation(), q.click('form.done button')]);
	expect(statuses[0] === 303 && q.url() === url(`api/done?lesson=${other}`), `POST ${statuses}, at ${q.url()}`);
	expect((await q.textContent('main h1')) === 'C\'est noté ✓', 'no "C\'est noté ✓"');
	await q.goto(url('api/me'));
	expect(await q.locator('li.done', { hasText: 'Payer par carte en sécurité' }).count() === 1, 'not in Mon parcours');
});

await check('no request left the site', async () => {
	expect(outside.length === 0, outside.slice(0, 5).join('\n'));
});

await browser.close();
done();
