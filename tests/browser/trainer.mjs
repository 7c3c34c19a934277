// The trainer space in Chromium, against nginx and eystime-cgi
// (tests/browser/run starts them and creates the account): log in with
// the form, then axe (WCAG 2.2 AA tags) at 320 and 1280 px, light and
// dark, on the login page, a group's page, its cards page (GET) and the
// cards it makes (POST), and its messages; no sideways scroll of the page
// at 320 px (the overview scrolls in its own region); the cards printed:
// 8 to an A4 sheet (pdfinfo), each with its address, codes and date
// inside its cell (the layout, and pdftotext page by page).
// Usage: node trainer.mjs BASE_URL LOGIN PASSWORD
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const [base, login, password] = process.argv.slice(2);
if (!base || !login || !password) {
	console.error('usage: node trainer.mjs BASE_URL LOGIN PASSWORD');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = await launch();
// bypassCSP: axe is added as a script; the pages themselves run none.
const ctx = await browser.newContext({ bypassCSP: true });
const page = await ctx.newPage();
page.setDefaultTimeout(10000);

async function axe(p) {
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
async function audit(url) {
	const found = [];
	for (const scheme of ['light', 'dark'])
		for (const width of [320, 1280]) {
			await page.emulateMedia({ colorScheme: scheme });
			await page.setViewportSize({ width, height: 800 });
			await page.goto(url);
			found.push(...(await axe(page)).map(v => `${scheme} ${width}: ${v}`));
			if (width === 320) {
				const sw = await page.evaluate(() => document.documentElement.scrollWidth);
				if (sw > 320)
					found.push(`${scheme} 320: horizontal scroll (${sw} px wide)`);
			}
		}
	await page.emulateMedia({ colorScheme: 'light' });
	await page.setViewportSize({ width: 1280, height: 800 });
	return found;
}

await check('trainer: the login page passes axe (320/1280 px, light/dark)', async () => {
	const found = await audit(`${base}/api/trainer`);
	expect(found.length === 0, found.join('\n'));
});

let group = '';
await check('trainer: logging in with the form leads to "Mes groupes"', async () => {
	await page.goto(`${base}/api/trainer`);
	await page.fill('#login', login);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('form.trainer-login button')]);
	expect(page.url() === `${base}/api/trainer`, `after login: ${page.url()}`);
	const link = page.locator('ul.trainer-groups a').first();
	group = await link.getAttribute('href');
	expect(/\/api\/trainer\/groups\/\d+$/.test(group), `group link: ${group}`);
});

await check('trainer: the group page shows the overview and passes axe', async () => {
	await page.goto(`${base}${group}`);
	expect(await page.locator('section.matrix.overview table').count() === 1, 'no overview');
	expect(await page.locator('td.part, td.full').count() > 0, 'no lesson done');
	const found = await audit(`${base}${group}`);
	expect(found.length === 0, found.join('\n'));
});

await check('trainer: buttons, fields and the group\'s links are 44 px high at 320 px', async () => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.goto(`${base}${group}`);
	const small = await page.$$eval('main form button, main form input:not([type=hidden]), .trainer-links a', l =>
		l.filter(e => e.getBoundingClientRect().height < 44).map(e =>
			`${e.tagName.toLowerCase()} "${(e.textContent || e.name).trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`));
	await page.setViewportSize({ width: 1280, height: 800 });
	expect(small.length === 0, small.join('\n'));
});

await check('trainer: the group page printed hides its forms and links', async () => {
	await page.goto(`${base}${group}`);
	await page.emulateMedia({ media: 'print' });
	const shown = await page.$$eval('.trainer form, .trainer-links', l =>
		l.filter(e => getComputedStyle(e).display !== 'none').length);
	const matrix = await page.$eval('section.matrix', e => getComputedStyle(e).display);
	await page.emulateMedia({ media: 'screen' });
	expect(shown === 0 && matrix !== 'none', `${shown} forms shown, matrix ${matrix}`);
});

await check('trainer: the cards page shows, issues nothing and passes axe', async () => {
	await page.goto(`${base}${group}/cards`);
	expect(await page.locator('.card-qr').count() === 0, 'a card on the GET page');
	expect(await page.locator('p.replaces').count() === 1, 'no "remplacent" line');
	const found = await audit(`${base}${group}/cards`);
	expect(found.length === 0, found.join('\n'));
});

// axe on the page as it is (a POST's answer cannot be loaded again):
// 1280 then 320 px, light then dark.
async function auditHere() {
	const found = [];
	for (const scheme of ['light', 'dark'])
		for (const width of [1280, 320]) {
			await page.emulateMedia({ colorScheme: scheme });
			await page.setViewportSize({ width, height: 800 });
			found.push(...(await axe(page)).map(v => `${scheme} ${width}: ${v}`));
		}
	await page.emulateMedia({ colorScheme: 'light' });
	await page.setViewportSize({ width: 1280, height: 800 });
	return found;
}

await check('trainer: "Faire les cartes" (POST) gives one named QR card each, and passes axe', async () => {
	await page.goto(`${base}${group}/cards`);
	await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
	const cards = await page.locator('li .card-qr svg.qr[role=img][aria-label]').count();
	expect(cards >= 10, `${cards} cards`);
	const found = await auditHere();
	expect(found.length === 0, found.join('\n'));
});

await check('trainer: the cards printed on A4: 8 a sheet, each with its address, codes and date in its cell', async () => {
	await page.emulateMedia({ media: 'print' });
	const r = await page.evaluate(() => {
		const cards = [...document.querySelectorAll('.cards-qr .card-qr')];
		const out = [];
		for (const c of cards) {
			const box = c.getBoundingClientRect();
			for (const e of c.children) {
				const b = e.getBoundingClientRect();
				if (b.bottom > box.bottom + 0.5 || b.right > box.right + 0.5)
					out.push(`${c.id}: ${e.className || e.tagName} overflows`);
			}
			if (!c.querySelector('.card-help') || !c.querySelector('.card-until') ||
			    !c.querySelector('.join-code') || !c.querySelector('.pcode'))
				out.push(`${c.id}: text missing`);
		}
		return {
			n: cards.length, out,
			intro: getComputedStyle(document.querySelector('.no-print')).display,
			cols: getComputedStyle(document.querySelector('.cards-qr')).gridTemplateColumns.split(' ').length,
			rowmm: cards[0].getBoundingClientRect().height * 25.4 / 96,
		};
	});
	const pdf = await page.pdf({ format: 'A4' });
	await page.emulateMedia({ media: 'screen' });
	expect(r.intro === 'none' && r.cols === 2 && r.out.length === 0, JSON.stringify(r));
	expect(r.rowmm > 60 && r.rowmm <= 66.8, `a card is ${r.rowmm} mm high`);
	const { writeFileSync, mkdtempSync } = await import('node:fs');
	const { execFileSync } = await import('node:child_process');
	const dir = mkdtempSync('/tmp/cards-');
	writeFileSync(`${dir}/cards.pdf`, pdf);
	const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [`${dir}/cards.pdf`]).toString())[1]);
	expect(pages === Math.ceil(r.n / 8), `${r.n} cards on ${pages} pages`);
	// Page by page, the text of each card: its address and its date.
	for (let p = 1; p <= pages; p++) {
		const text = execFileSync('pdftotext', ['-layout', '-f', `${p}`, '-l', `${p}`, `${dir}/cards.pdf`, '-']).toString();
		const want = p < pages ? 8 : r.n - 8 * (pages - 1);
		const help = (text.match(/allez sur/g) || []).length;
		const until = (text.match(/Carte du/g) || []).length;
		expect(help === want && until === want, `page ${p}: ${help} addresses, ${until} dates, ${want} cards`);
	}
});

// The first participant's own page (its actions: card, merge, remove),
// linked from the group's overview.
async function herPage() {
	await page.goto(`${base}${group}`);
	return page.locator('main a[href*="/participants/"]').first().getAttribute('href');
}

await check('trainer: "Fusionner…": the choice and the confirmation pass axe, and nothing is merged', async () => {
	await page.goto(`${base}${group}`);
	const before = await page.locator('main a[href*="/participants/"]').count();
	await page.goto(`${base}${await herPage()}`);
	await Promise.all([page.waitForNavigation(), page.locator('main form button[value=merge]').first().click()]);
	expect(await page.locator('main input[type=radio][name=into]').count() > 0, 'no one to choose');
	let found = await auditHere();
	expect(found.length === 0, `choice: ${found.join('\n')}`);
	await page.locator('main input[type=radio][name=into]').first().check();
	await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
	expect(await page.locator('main button.danger').count() === 1, 'no confirmation page');
	found = await auditHere();
	expect(found.length === 0, `confirmation: ${found.join('\n')}`);
	await page.goto(`${base}${group}`);
	expect(await page.locator('main a[href*="/participants/"]').count() === before, 'someone was merged');
});

await check('trainer: "Nouvelle carte pour revenir" (POST) prints her card alone, and passes axe', async () => {
	await page.goto(`${base}${await herPage()}`);
	await Promise.all([page.waitForNavigation(), page.locator('main form button[value=card]').first().click()]);
	expect(await page.locator('.cards-qr .card-qr').count() === 1, 'not one card');
	const found = await auditHere();
	expect(found.length === 0, found.join('\n'));
});

await check('trainer: the messages page (moderation) passes axe', async () => {
	await page.goto(`${base}${group}/messages`);
	expect(await page.locator('form.moderate button[value=hide]').count() > 0, 'no message to moderate');
	const found = await audit(`${base}${group}/messages`);
	expect(found.length === 0, found.join('\n'));
});

await browser.close();
done();
