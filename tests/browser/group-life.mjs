// The "Done when" of issue 14, in Chromium at 360 px against nginx and
// the real eystime-cgi (tests/browser/run starts them, creates the two
// groups and the trainer): a group's life told by its members, each step
// a click, a fill or a submit through the pages, checked by what the
// person sees (texts, roles, accessible names), never by the database.
// Run twice: JavaScript off in the first group, on in the second.
//   1. Awa asks a question with a photo of her screen (a JPEG with EXIF
//      and GPS: the served file has neither; its URL 404 to the other
//      group and to no session);
//   2. Bruno replies;
//   3. Chantal taps "Moi aussi" (with JavaScript: no reload);
//   4. the trainer answers as "Formatrice" from the trainer space (and
//      pins the question);
//   5. Awa marks the question "Résolu" with the trainer's answer;
//   6. Bruno sees "nouveau" on "Mon groupe"; with JavaScript first the
//      unread badge on the menu link and, on the lesson, "3 messages ·
//      1 nouveau" and "2 personnes du groupe ont terminé cette leçon"
//      (Awa and Chantal ticked it).
// Then axe (WCAG 2.2 AA tags) at 320 and 1280 px, light and dark, on
// every page of the conversation in its final state (the thread with
// answers, reactions, "Résolu" and "Épinglé"; the reply form open; "Mon
// groupe"; the trainer's talk pages), and, with SHOTS_DIR set,
// screenshots at 360 px of the lesson, the thread, "Mon groupe" and the
// trainer's talk page (for a person to look at); with THREAD_HTML set,
// the no-JS pass's final thread as served (tests/browser/w3m.sh reads it).
// Usage: node group-life.mjs BASE_URL LOGIN PASSWORD CODE_NOJS:GROUP_NAME CODE_JS:GROUP_NAME
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const [base, login, password, ...groups] = process.argv.slice(2);
if (!base || !login || !password || groups.length !== 2) {
	console.error('usage: node group-life.mjs BASE_URL LOGIN PASSWORD CODE_NOJS:GROUP_NAME CODE_JS:GROUP_NAME');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.SHOTS_DIR || '';
const lesson = 'smartphone/03-se-connecter-au-wifi';
const title = 'Se connecter au wifi';
const QUESTION = 'Je n\'arrive pas à me connecter au wifi de la médiathèque. Que faire ?';
const REPLY = 'Moi, j\'ai demandé le mot de passe à l\'accueil : il est sur un papier.';
const REPLY2 = 'Pareil pour moi la semaine dernière.';
const ANSWER = 'Ouvrez Réglages, puis Wi-Fi, touchez « Médiathèque » et tapez le mot de passe de l\'accueil.';
const WIDTH = 360;
const PHOTO = fileURLToPath(new URL('../fixtures/photo-exif-gps.jpg', import.meta.url));
const ALT = 'Mon écran : le wifi de la médiathèque refuse le mot de passe';
const photos = [];
const browser = await launch();
if (SHOTS)
	mkdirSync(SHOTS, { recursive: true });

// A person: her own browser context at 360 px, JavaScript as the pass says.
async function person(js) {
	const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: WIDTH, height: 800 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	page.errors = [];
	page.on('pageerror', e => page.errors.push(`pageerror: ${e.message}`));
	page.navigations = 0;
	page.on('framenavigated', f => { if (f === page.mainFrame()) page.navigations++; });
	return page;
}
// Click what leads to another page (a link, a form's button) and wait for it.
async function go(page, target) {
	await Promise.all([page.waitForNavigation(), target.click()]);
}
// Everything a step needs from a page: the question's article, an answer's.
const question = p => p.locator('article.message', { hasText: QUESTION });
const answer = (p, text) => p.locator('section.replies article.message', { hasText: text });
const meta = a => a.locator('.message-meta');

// Joining as a participant would: "Mon parcours" in the menu, the form.
async function join(page, code, name) {
	await page.goto(`${base}/${lesson}/`);
	await go(page, page.locator('header nav a.my-progress'));
	await page.getByLabel('Code du groupe').fill(code);
	await page.getByLabel('Votre prénom').fill(name);
	await go(page, page.locator('form.join button'));
}
// "J'ai terminé cette leçon" on the lesson's page.
async function tick(page, js) {
	await page.goto(`${base}/${lesson}/`);
	const b = page.locator('form.done button');
	expect((await b.textContent()).includes('J\'ai terminé cette leçon'), `button "${await b.textContent()}"`);
	if (js) {
		// The script sends it and says so in place.
		await b.click();
		await page.waitForSelector('form.done.is-done');
		expect((await page.locator('form.done').textContent()).includes('Terminée ✓'), `form "${await page.locator('form.done').textContent()}"`);
	} else {
		// The plain form: recorded, and "C'est noté ✓" (issue 15).
		await go(page, b);
		expect(page.url() === `${base}/api/done?lesson=${lesson}`, `landed on ${page.url()}`);
		expect((await page.locator('main h1').textContent()) === 'C\'est noté ✓', 'no "C\'est noté ✓"');
	}
}
// From the lesson's page to its discussion, by the link under the lesson.
async function discussion(page) {
	await page.goto(`${base}/${lesson}/`);
	await go(page, page.locator('p.discuss a'));
	expect((await page.locator('main h1').textContent()).trim() === title, `h1 "${await page.locator('main h1').textContent()}"`);
}

async function axe(p) {
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
// axe at 320 and 1280 px, light and dark, in a context of that person
// with the page's own script: her cookies in a context with bypassCSP
// (axe is added as a script; the scenario itself keeps the CSP).
async function audit(ctx, url) {
	const ax = await browser.newContext({ bypassCSP: true, storageState: await ctx.storageState() });
	const p = await ax.newPage();
	const found = [];
	for (const scheme of ['light', 'dark'])
		for (const width of [320, 1280]) {
			await p.emulateMedia({ colorScheme: scheme });
			await p.setViewportSize({ width, height: 800 });
			await p.goto(url);
			await p.waitForTimeout(200);
			found.push(...(await axe(p)).map(v => `${scheme} ${width}: ${v}`));
		}
	await ax.close();
	return found;
}
async function shot(page, name) {
	if (!SHOTS)
		return;
	await page.setViewportSize({ width: WIDTH, height: 800 });
	await page.waitForLoadState('load');
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
	// And in pieces 1,000 px high, easier to look at than one long image.
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	for (let y = 0, i = 1; y < h; y += 1000, i++)
		await page.screenshot({ path: `${SHOTS}/${name}-${String(i).padStart(2, '0')}.png`, fullPage: true,
			clip: { x: 0, y, width: WIDTH, height: Math.min(1000, h - y) } });
}

for (const [pass, js] of [[0, false], [1, true]]) {
	const [code, groupName] = groups[pass].split(/:(.*)/s);
	const JS = js ? 'JS' : 'no-JS';
	const awa = await person(js), bruno = await person(js), chantal = await person(js), lina = await person(js);
	let qid = '', aid = '';

	await check(`${JS} 1: Awa joins and asks her question from the lesson's discussion link`, async () => {
		await join(awa, code, 'Awa');
		await discussion(awa);
		const kind = awa.getByRole('radio', { name: 'Question' });
		expect(await kind.isChecked(), '"Question" is not the kind chosen');
		await awa.getByLabel('Écrire au groupe').fill(QUESTION);
		// The photo of her screen, from the form's file field (on a phone,
		// the camera): a JPEG carrying EXIF, GPS, XMP, IPTC and a comment.
		const file = awa.getByLabel('Ajouter une photo de votre écran (facultatif)');
		expect(await file.getAttribute('accept') === 'image/*', `accept ${await file.getAttribute('accept')}`);
		await file.setInputFiles(PHOTO);
		await awa.getByLabel('Décrivez la photo (facultatif)').fill(ALT);
		await go(awa, awa.getByRole('button', { name: 'Envoyer' }));
		const q = question(awa);
		expect(await q.count() === 1, 'her question is not shown');
		const m = await meta(q).textContent();
		expect(/Awa · Question/.test(m), `meta "${m}"`);
		qid = await q.getAttribute('id');
		expect(/^m\d+$/.test(qid), `id ${qid}`);
		expect(new URL(awa.url()).hash === `#${qid}`, `back at ${awa.url()}`);
	});
	await check(`${JS} 1: her photo shows in the question, and the served file keeps no EXIF, GPS or other metadata`, async () => {
		const img = question(awa).getByRole('img', { name: ALT });
		expect(await img.count() === 1, 'no photo with her description as its alt text');
		await img.scrollIntoViewIfNeeded();
		expect(await img.evaluate(i => i.complete && i.naturalWidth === 48 && i.naturalHeight === 96),
			'not shown upright at 48 × 96');
		photos[pass] = new URL(await img.getAttribute('src'), base).href;
		const r = await awa.context().request.get(photos[pass]);
		expect(r.status() === 200 && r.headers()['content-type'] === 'image/jpeg', `GET ${r.status()}`);
		expect(/^private\b/.test(r.headers()['cache-control'] || ''), `Cache-Control ${r.headers()['cache-control']}`);
		const b = await r.body();
		expect(b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, 'not a JPEG');
		const bin = b.toString('latin1');
		for (const secret of ['Exif', 'GPS', 'SecretPhone', 'EystimeTestCam', 'Awa Secret', 'secretkeyword', 'secret comment', 'http://ns.adobe.com/xap'])
			expect(!bin.includes(secret), `the served file still holds "${secret}"`);
		const orig = readFileSync(PHOTO).toString('latin1');
		expect(orig.includes('Exif') && orig.includes('SecretPhone'), 'the fixture lost its EXIF: the check above proves nothing');
	});
	if (js)
		await check('1: the first group\'s photo answers 404 to a participant of another group, and to no session', async () => {
			const other = await awa.context().request.get(photos[0]);
			expect(other.status() === 404, `other group: ${other.status()}`);
			const anon = await browser.newContext();
			for (const u of photos) {
				const r = await anon.request.get(u);
				expect(r.status() === 404, `no session, ${u}: ${r.status()}`);
			}
			await anon.close();
			const own = await awa.context().request.get(photos[1]);
			expect(own.status() === 200, `her own group's photo: ${own.status()}`);
		});
	await check(`${JS}: Awa ticks "J'ai terminé cette leçon"`, () => tick(awa, js));

	await check(`${JS} 2: Bruno joins, opens "Répondre" under Awa's question and replies`, async () => {
		await join(bruno, code, 'Bruno');
		await discussion(bruno);
		await go(bruno, question(bruno).getByRole('link', { name: 'Répondre' }));
		expect(new URL(bruno.url()).hash === '#reponse', bruno.url());
		const form = bruno.locator('#reponse');
		expect((await form.getByRole('heading').textContent()).trim() === 'Répondre', 'no "Répondre" heading');
		await form.getByLabel('Ma réponse').fill(REPLY);
		await go(bruno, form.getByRole('button', { name: 'Répondre' }));
		const r = answer(bruno, REPLY);
		expect(await r.count() === 1, 'his answer is not under the question');
		expect(/Bruno · Réponse/.test(await meta(r).textContent()), await meta(r).textContent());
		const region = bruno.getByRole('region', { name: 'Réponses' });
		expect(await region.locator('article', { hasText: REPLY }).count() === 1, 'not in the "Réponses" region');
	});

	await check(`${JS}: Chantal joins and ticks the lesson`, async () => {
		await join(chantal, code, 'Chantal');
		await tick(chantal, js);
	});
	await check(`${JS} 3: Chantal taps "Moi aussi" on Awa's question${js ? ' (no reload)' : ''}`, async () => {
		await discussion(chantal);
		const b = question(chantal).getByRole('button', { name: /^Moi aussi/ });
		expect(await b.count() === 1, 'no "Moi aussi" button on the question');
		expect(await b.getAttribute('aria-pressed') === 'false', `aria-pressed ${await b.getAttribute('aria-pressed')}`);
		expect((await b.locator('.count').textContent()) === '0', `count ${await b.locator('.count').textContent()}`);
		const url = chantal.url(), navs = chantal.navigations;
		if (js) {
			await b.click();
			await chantal.waitForFunction(id => document.querySelector(`#${id} form.react button`)
				.getAttribute('aria-pressed') === 'true', qid);
			expect(chantal.url() === url && chantal.navigations === navs,
				`navigated: ${url} → ${chantal.url()}, ${navs} → ${chantal.navigations}`);
		} else {
			await go(chantal, b);
			expect(new URL(chantal.url()).hash === `#${qid}`, `back at ${chantal.url()}`);
		}
		const after = question(chantal).getByRole('button', { name: /^Moi aussi/ });
		expect(await after.getAttribute('aria-pressed') === 'true', 'not pressed');
		expect((await after.textContent()).replace(/\s+/g, ' ').trim() === 'Moi aussi 1', `"${await after.textContent()}"`);
		if (js) {
			await chantal.reload();
			const again = question(chantal).getByRole('button', { name: /^Moi aussi/ });
			expect(await again.getAttribute('aria-pressed') === 'true' &&
				(await again.locator('.count').textContent()) === '1', 'not kept after a reload');
		}
		expect(chantal.errors.length === 0, chantal.errors.join('\n'));
	});

	if (!js)
		await check('no-JS: Chantal answers too (a second answer, for w3m)', async () => {
			await go(chantal, question(chantal).getByRole('link', { name: 'Répondre' }));
			await chantal.locator('#reponse').getByLabel('Ma réponse').fill(REPLY2);
			await go(chantal, chantal.locator('#reponse').getByRole('button', { name: 'Répondre' }));
			expect(await answer(chantal, REPLY2).count() === 1, 'her answer is not under the question');
		});

	await check(`${JS} 4: the trainer logs in, finds the lesson's discussion of her group, answers as "Formatrice"`, async () => {
		await lina.goto(`${base}/api/trainer`);
		await lina.getByLabel('Identifiant').fill(login);
		await lina.getByLabel('Mot de passe').fill(password);
		await go(lina, lina.locator('form.trainer-login button'));
		await go(lina, lina.getByRole('link', { name: groupName, exact: true }));
		await go(lina, lina.getByRole('link', { name: /^Discussions du groupe/ }));
		await go(lina, lina.locator('ul.talk-lessons').getByRole('link', { name: title }));
		await go(lina, question(lina).getByRole('link', { name: 'Répondre' }));
		await lina.locator('#reponse').getByLabel('Ma réponse').fill(ANSWER);
		await go(lina, lina.locator('#reponse').getByRole('button', { name: 'Répondre' }));
		const a = answer(lina, ANSWER);
		expect(await a.count() === 1, 'her answer is not under the question');
		const role = await a.locator('.message-meta .role').textContent();
		expect(role === 'Formatrice', `role "${role}"`);
		aid = await a.getAttribute('id');
	});
	await check(`${JS} 4: the trainer pins the question ("Épingler en haut")`, async () => {
		await go(lina, question(lina).getByRole('button', { name: 'Épingler en haut' }));
		const q = question(lina);
		expect(/\bpinned\b/.test(await q.getAttribute('class')), await q.getAttribute('class'));
		expect((await meta(q).textContent()).includes('Épinglé'), 'no "Épinglé" word');
		expect(await q.getByRole('button', { name: 'Ne plus épingler' }).count() === 1, 'no "Ne plus épingler"');
	});

	await check(`${JS} 5: Awa sees "Formatrice" and marks the question "Résolu" with that answer`, async () => {
		await discussion(awa);
		const a = answer(awa, ANSWER);
		expect(await a.locator('.message-meta .role').textContent() === 'Formatrice', 'no "Formatrice"');
		await go(awa, a.getByRole('button', { name: 'Résolu : cette réponse m\'a aidé' }));
		const q = question(awa);
		expect((await meta(q).textContent()).includes('✓ Résolu'), `meta "${await meta(q).textContent()}"`);
		expect(/\bsolved\b/.test(await q.getAttribute('class')), await q.getAttribute('class'));
		expect((await answer(awa, ANSWER).textContent()).includes('Cette réponse a aidé.'), 'no "Cette réponse a aidé."');
		expect(await q.getByRole('button', { name: 'Rouvrir la question' }).count() === 1, 'no "Rouvrir la question"');
	});

	// The whole thread as the server sends it, for tests/browser/w3m.sh.
	if (!js && process.env.THREAD_HTML)
		await check('no-JS: the thread saved for w3m', async () => {
			const r = await awa.context().request.get(`${base}/api/comments?lesson=${lesson}`);
			expect(r.status() === 200, `GET ${r.status()}`);
			writeFileSync(process.env.THREAD_HTML, await r.text());
		});

	if (js)
		await check('JS 6: Bruno, on the lesson: the unread badge, "3 messages · 1 nouveau", "2 personnes du groupe ont terminé cette leçon"', async () => {
			const stats = bruno.waitForResponse(r => /\/group\/stats/.test(r.url()));
			await bruno.goto(`${base}/${lesson}/`);
			expect((await stats).status() === 200, 'stats not 200');
			await bruno.waitForSelector('p.discuss .counts');
			const counts = (await bruno.locator('p.discuss .counts').textContent()).trim();
			expect(counts === '3 messages · 1 nouveau', `counts "${counts}"`);
			const d = await bruno.locator('p.discuss .group-done').textContent();
			expect(d === '2 personnes du groupe ont terminé cette leçon', `done "${d}"`);
			const link = bruno.getByRole('link', { name: /^Mon groupe \(\d+ nouveaux? messages?\)$/ });
			expect(await link.count() === 1, `menu link "${await bruno.locator('a.my-group').textContent()}"`);
			expect(await bruno.locator('a.my-group .badge').isVisible(), 'badge not visible');
			await shot(bruno, 'lesson-js');
			if (SHOTS) {
				// The lesson's end: "J'ai terminé", the discussion link and its counts.
				const box = await bruno.locator('p.discuss').boundingBox();
				const y = Math.max(0, box.y - 500);
				await bruno.screenshot({ path: `${SHOTS}/lesson-js-discuss.png`, fullPage: true,
					clip: { x: 0, y, width: WIDTH, height: box.y + box.height + 100 - y } });
			}
		});
	await check(`${JS} 6: Bruno follows "Mon groupe" in the menu and sees "nouveau" on the trainer's answer`, async () => {
		await bruno.goto(`${base}/${lesson}/`);
		await go(bruno, bruno.locator('header nav a.my-group'));
		expect(new URL(bruno.url()).pathname === '/api/group', bruno.url());
		expect((await bruno.locator('main .kicker').textContent()) === 'Mon groupe', 'not "Mon groupe"');
		expect((await bruno.locator('main h1').textContent()) === groupName, `h1 "${await bruno.locator('main h1').textContent()}"`);
		const a = bruno.locator(`main article.message#${aid}`);
		expect(await a.count() > 0, 'the trainer\'s answer is not on "Mon groupe"');
		expect(/\bnew\b/.test(await a.first().getAttribute('class')), await a.first().getAttribute('class'));
		const mark = a.first().locator('.new-mark');
		expect(await mark.isVisible() && (await mark.textContent()) === 'nouveau', 'no visible "nouveau"');
		const own = bruno.locator('main article.message', { hasText: REPLY }).first();
		expect(await own.locator('.new-mark').count() === 0, 'his own answer is marked "nouveau"');
		expect(bruno.errors.length === 0, bruno.errors.join('\n'));
	});

	if (js) {
		await shot(bruno, 'mon-groupe');
		await discussion(chantal);
		await shot(chantal, 'discussion');
		await lina.goto(`${base}${new URL(lina.url()).pathname}`);
		await shot(lina, 'trainer-talk');
		await lina.goto(`${base}${new URL(lina.url()).pathname}?lesson=${lesson}`);
		await shot(lina, 'trainer-talk-lesson');
		await lina.goto(`${base}${new URL(lina.url()).pathname}?lesson=${lesson}&reply=${qid.slice(1)}`);
		await shot(lina, 'trainer-talk-reply');
		// Every new page, in its final state, each as its reader sees it.
		const talk = new URL(lina.url()).pathname;
		const pages = [
			['the discussion (answers, reactions, Résolu, Épinglé), as Chantal', chantal, `api/comments?lesson=${lesson}`],
			['the discussion with the reply form open, as Bruno', bruno, `api/comments?lesson=${lesson}&reply=${qid.slice(1)}`],
			['the discussion, as Awa (her question, "Rouvrir la question")', awa, `api/comments?lesson=${lesson}`],
			['"Mon groupe", as Bruno', bruno, 'api/group'],
			['the trainer\'s talk page', lina, talk.slice(1)],
			['the trainer\'s discussion of the lesson', lina, `${talk.slice(1)}?lesson=${lesson}`],
			['the trainer\'s discussion with the reply form open', lina, `${talk.slice(1)}?lesson=${lesson}&reply=${qid.slice(1)}`],
		];
		for (const [what, p, path] of pages)
			await check(`axe: ${what}: 0 violations at 320 and 1280 px, light and dark`, async () => {
				const found = await audit(p.context(), `${base}/${path}`);
				expect(found.length === 0, found.join('\n'));
			});
	}
	for (const p of [awa, bruno, chantal, lina])
		await p.context().close();
}
await browser.close();
done();
