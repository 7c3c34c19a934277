// Issue 16's quiz results in Chromium at 360 px, against nginx and the
// real eystime-cgi (tests/browser/run starts them and makes two groups
// and a trainer following both):
//   - JavaScript off (first group): Awa joins, answers the lesson's
//     first quiz wrong ("Vérifier" posts the form: "Pas tout à fait",
//     "Réessayer" back to the quiz), then right ("Bonne réponse ✓",
//     "Revenir à la leçon" back to it);
//   - JavaScript on (second group): Bea answers wrong then right; the
//     feedback comes in the page (the address does not change) and each
//     answer is still sent (POST /api/quiz answers 200 JSON);
//   - the trainer's group pages show that question "0 sur 1 du premier
//     coup" in each group ("Questions difficiles");
//   - axe (WCAG 2.2 AA) at 320 and 1280 px, light and dark: the lesson
//     with its quizzes, both answer pages, the trainer's group page.
// With SHOTS_DIR, screenshots at 360 px.
// Usage: node quiz.mjs BASE_URL LESSON LOGIN PASSWORD CODE_NOJS CODE_JS
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';

const [base, lesson, login, password, ...codes] = process.argv.slice(2);
if (!base || !lesson || !password || codes.length !== 2) {
	console.error('usage: node quiz.mjs BASE_URL LESSON LOGIN PASSWORD CODE_NOJS CODE_JS');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.SHOTS_DIR || '';
const WIDTH = 360;
const browser = await launch();
if (SHOTS)
	mkdirSync(SHOTS, { recursive: true });

async function go(page, target) {
	await Promise.all([page.waitForNavigation(), target.click()]);
}
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
async function axe(ctx, url) {
	const ax = await browser.newContext({ bypassCSP: true, storageState: await ctx.storageState() });
	const found = await scan(await ax.newPage(), url);
	await ax.close();
	return found;
}
async function shot(page, name) {
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
async function join(page, code, name) {
	await page.goto(`${base}/${lesson}/`);
	await go(page, page.locator('header nav a.my-progress'));
	await page.getByLabel('Code du groupe').fill(code);
	await page.getByLabel('Votre prénom').fill(name);
	await go(page, page.locator('form.join button'));
	await go(page, page.getByRole('link', { name: 'Continuer' }));
}

const lessonUrl = `${base}/${lesson}/`;
let qid = '', question = '';

await check('the lesson\'s first quiz is a form with "Vérifier" (no JavaScript needed)', async () => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto(lessonUrl);
	const q = page.locator('form.quiz').first();
	qid = (await q.getAttribute('id')).replace(/^quiz-/, '');
	question = (await q.locator('legend').textContent()).trim();
	expect(qid && question, 'no quiz form');
	expect(await q.getAttribute('action') === '/api/quiz', `action ${await q.getAttribute('action')}`);
	expect(await q.getByRole('button', { name: 'Vérifier' }).count() === 1, 'no "Vérifier"');
	await ctx.close();
});

for (const [pass, js] of [[0, false], [1, true]]) {
	const JS = js ? 'JS' : 'no-JS';
	const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: WIDTH, height: 780 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	await check(`${JS}: ${js ? 'Bea' : 'Awa'} joins her group`, async () => {
		await join(page, codes[pass], js ? 'Bea' : 'Awa');
		expect(new URL(page.url()).pathname.startsWith('/'), page.url());
	});
	const quiz = () => page.locator(`#quiz-${qid}`);
	if (!js) {
		await check('no-JS: a wrong answer, "Vérifier": "Pas tout à fait", the right one behind "Voir la bonne réponse"', async () => {
			await page.goto(lessonUrl);
			await quiz().locator('fieldset input:not([data-ok])').first().check();
			await go(page, quiz().getByRole('button', { name: 'Vérifier' }));
			expect(new URL(page.url()).pathname === '/api/quiz', `landed on ${page.url()}`);
			expect(await page.locator('main h1').textContent() === 'Pas tout à fait', 'no "Pas tout à fait"');
			expect((await page.locator('main').textContent()).includes(question), 'the question is not shown');
			expect(await page.locator('main details summary').textContent() === 'Voir la bonne réponse', 'no "Voir la bonne réponse"');
			await shot(page, 'quiz-wrong');
		});
		await check('no-JS: axe on "Pas tout à fait": 0 violations at 320 and 1280 px, light and dark', async () => {
			const found = await axe(ctx, page.url());
			expect(found.length === 0, found.join('\n'));
		});
		await check('no-JS: "Réessayer" goes back to the quiz in the lesson', async () => {
			await go(page, page.getByRole('link', { name: 'Réessayer' }));
			const u = new URL(page.url());
			expect(u.pathname === `/${lesson}/` && u.hash === `#quiz-${qid}`, `back at ${page.url()}`);
		});
		await check('no-JS: the right answer: "Bonne réponse ✓", "Revenir à la leçon" back to the quiz', async () => {
			await quiz().locator('fieldset input[data-ok]').first().check();
			await go(page, quiz().getByRole('button', { name: 'Vérifier' }));
			expect(await page.locator('main h1').textContent() === 'Bonne réponse ✓', 'no "Bonne réponse ✓"');
			await shot(page, 'quiz-right');
			const found = await axe(ctx, page.url());
			expect(found.length === 0, found.join('\n'));
			await go(page, page.getByRole('link', { name: 'Revenir à la leçon' }));
			const u = new URL(page.url());
			expect(u.pathname === `/${lesson}/` && u.hash === `#quiz-${qid}`, `back at ${page.url()}`);
		});
	} else {
		await check('JS: a wrong answer: "Pas tout à fait" in the page, the address unchanged, the answer sent (POST /api/quiz 200)', async () => {
			await page.goto(lessonUrl);
			await quiz().locator('fieldset input:not([data-ok])').first().check();
			const [r] = await Promise.all([
				page.waitForResponse(r => r.url().endsWith('/api/quiz') && r.request().method() === 'POST'),
				quiz().getByRole('button', { name: 'Vérifier' }).click(),
			]);
			// Recorded: the trainer's counts below say so (the JSON
			// itself is checked in tests/cgi/cases/73-quiz.sh).
			expect(r.status() === 200, `POST /api/quiz: ${r.status()}`);
			await page.waitForFunction(id => /Pas tout à fait/.test(document.querySelector(`#quiz-${id} .quiz-feedback`).textContent), qid);
			expect(page.url() === lessonUrl, `the page changed: ${page.url()}`);
			expect(await quiz().locator('.quiz-mark.ko').count() === 1, 'the wrong choice is not marked');
		});
		await check('JS: the right answer: "Bravo" at once, sent too', async () => {
			await quiz().locator('fieldset input[data-ok]').first().check();
			const [r] = await Promise.all([
				page.waitForResponse(r => r.url().endsWith('/api/quiz') && r.request().method() === 'POST'),
				quiz().getByRole('button', { name: 'Vérifier' }).click(),
			]);
			expect(r.status() === 200, `POST /api/quiz: ${r.status()}`);
			await page.waitForFunction(id => /Bravo/.test(document.querySelector(`#quiz-${id} .quiz-feedback`).textContent), qid);
			expect(page.url() === lessonUrl, `the page changed: ${page.url()}`);
			await shot(page, 'quiz-js');
		});
		await check('axe on the lesson with its quizzes: 0 violations at 320 and 1280 px, light and dark', async () => {
			const found = await axe(ctx, lessonUrl);
			expect(found.length === 0, found.join('\n'));
		});
	}
	await ctx.close();
}

await check('trainer: each group\'s page, "Questions difficiles": the question "0 sur 1 du premier coup"', async () => {
	const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 780 } });
	const page = await ctx.newPage();
	await page.goto(`${base}/api/trainer`);
	await page.fill('#login', login);
	await page.fill('#password', password);
	await go(page, page.locator('form.trainer-login button'));
	const links = page.locator('ul.trainer-groups a');
	const hrefs = [];
	for (let i = 0; i < await links.count(); i++)
		hrefs.push(await links.nth(i).getAttribute('href'));
	expect(hrefs.length === 2, `${hrefs.length} groups`);
	for (const h of hrefs) {
		await page.goto(`${base}${h}`);
		expect(await page.getByRole('heading', { name: 'Questions difficiles' }).count() === 1, 'no "Questions difficiles"');
		const li = page.locator('ol.quiz-stats li', { hasText: question });
		expect(await li.count() === 1, `the question is not listed in ${h}`);
		const t = await li.textContent();
		expect(t.includes('0 sur 1 du premier coup (0 %)'), `"${t}"`);
	}
	await shot(page, 'quiz-trainer');
	const found = await axe(ctx, page.url());
	expect(found.length === 0, found.join('\n'));
	await ctx.close();
});

await browser.close();
done();
