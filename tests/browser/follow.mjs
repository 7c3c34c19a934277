// Following a group in Chromium (issue 16), against nginx and
// eystime-cgi: tests/browser/run makes a group of 12 participants who
// joined and did lessons, and a trainer following it. Checks: the
// trainer's own header on every trainer page ("Mes groupes",
// "Messages", "Rapport", "Se déconnecter"; no "Mon parcours"); the
// group page at 360 px (no sideways scroll of the page: the overview
// scrolls in its own region, the names stay in view); printed (print
// emulation, A4) the overview is one page with every name (pdfinfo,
// pdftotext); axe (WCAG 2.2 AA tags) at 320 and 1280 px, light and dark,
// on the group page, a participant's page and "Messages"; the header's
// "Se déconnecter" logs out without JavaScript.
// Usage: node follow.mjs BASE_URL LOGIN PASSWORD OUT_DIR
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [base, login, password, out] = process.argv.slice(2);
if (!base || !login || !password || !out) {
	console.error('usage: node follow.mjs BASE_URL LOGIN PASSWORD OUT_DIR');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const NAMES = ['Awa', 'Bruno', 'Chloé', 'Driss', 'Emma', 'Farid', 'Gisèle',
	'Hugo', 'Inès', 'Jules', 'Karim', 'Léa'];
const browser = await launch();
// JavaScript off: the trainer's pages must work without it (axe is
// injected through the CSP bypass and evaluate, which still run).
const ctx = await browser.newContext({ bypassCSP: true, javaScriptEnabled: false });
const page = await ctx.newPage();
page.setDefaultTimeout(10000);

async function axe(p) {
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
// axe in a context of its own, with JavaScript (axe is a script) and
// the trainer's cookie; the page as the no-JavaScript context sees it.
async function audit(url) {
	const found = [];
	const ax = await browser.newContext({ bypassCSP: true, storageState: await ctx.storageState() });
	const p = await ax.newPage();
	for (const scheme of ['light', 'dark'])
		for (const width of [320, 1280]) {
			await p.emulateMedia({ colorScheme: scheme });
			await p.setViewportSize({ width, height: 800 });
			await p.goto(url);
			found.push(...(await axe(p)).map(v => `${scheme} ${width}: ${v}`));
			if (width === 320) {
				const sw = await p.evaluate(() => document.documentElement.scrollWidth);
				if (sw > 320)
					found.push(`${scheme} 320: horizontal scroll (${sw} px wide)`);
			}
		}
	await ax.close();
	return found;
}
// The trainer's header of the page shown.
async function header() {
	return page.evaluate(() => {
		const nav = document.querySelector('header nav.trainer-nav');
		return {
			links: nav ? [...nav.querySelectorAll('a')].map(a => a.textContent.trim()) : [],
			logout: nav ? (nav.querySelector('form[method=post] button') || {}).textContent : '',
			progress: !!document.querySelector('.my-progress'),
		};
	});
}
function headerOk(h) {
	return h.links.join('|') === 'Mes groupes|Messages|Rapport' &&
		(h.logout || '').trim() === 'Se déconnecter' && !h.progress;
}

let group = '', person = '';
await check('follow: logging in with the form, without JavaScript, leads to "Mes groupes" with the trainer\'s header', async () => {
	await page.goto(`${base}/api/trainer`);
	const before = await header();
	expect(before.links.length === 0 && !before.progress, `before login: ${JSON.stringify(before)}`);
	await page.fill('#login', login);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('form.trainer-login button')]);
	const h = await header();
	expect(headerOk(h), JSON.stringify(h));
	group = await page.locator('ul.trainer-groups a', { hasText: 'Atelier suivi' }).getAttribute('href');
	expect(/\/api\/trainer\/groups\/\d+$/.test(group || ''), `group link: ${group}`);
});

await check('follow: the group page: one overview of 12 rows, "Qui a besoin d\'aide", the header', async () => {
	await page.goto(`${base}${group}`);
	const rows = await page.locator('section.overview tbody tr').count();
	const names = await page.$$eval('section.overview tbody th a', l => l.map(a => a.textContent));
	expect(rows === 12 && NAMES.every(n => names.includes(n)), `${rows} rows: ${names.join(', ')}`);
	expect(await page.locator('section.help h2').count() === 1, 'no help list');
	expect(headerOk(await header()), 'header');
	person = await page.locator('section.overview tbody th a', { hasText: 'Bruno' }).getAttribute('href');
});

await check('follow: at 360 px the page does not scroll sideways; the overview scrolls in its region, the names stay in view', async () => {
	await page.setViewportSize({ width: 360, height: 780 });
	await page.goto(`${base}${group}`);
	const r = await page.evaluate(() => {
		const s = document.querySelector('section.overview');
		const name = s.querySelector('tbody th');
		s.scrollLeft = s.scrollWidth;
		const after = name.getBoundingClientRect().left;
		return {
			page: document.documentElement.scrollWidth,
			region: s.scrollWidth > s.clientWidth,
			overflow: getComputedStyle(s).overflowX,
			sticky: getComputedStyle(name).position,
			nameLeft: after,
			regionLeft: s.getBoundingClientRect().left,
		};
	});
	await page.evaluate(() => { document.querySelector('section.overview').scrollLeft = 0; });
	await page.screenshot({ path: `${out}/follow-group-360.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	expect(r.page <= 360, `page ${r.page} px wide`);
	expect(r.overflow === 'auto' && r.sticky === 'sticky', JSON.stringify(r));
	expect(!r.region || Math.abs(r.nameLeft - r.regionLeft) < 2, `name column scrolled away: ${JSON.stringify(r)}`);
});

await check('follow: printed on A4 (print emulation), the overview is one page with all 12 names and the legend', async () => {
	await page.goto(`${base}${group}`);
	await page.emulateMedia({ media: 'print' });
	const hidden = await page.evaluate(() => ({
		help: getComputedStyle(document.querySelector('section.help')).display,
		header: getComputedStyle(document.querySelector('.site-header')).display,
	}));
	const pdf = await page.pdf({ format: 'A4' });
	await page.emulateMedia({ media: 'screen' });
	const file = `${out}/overview.pdf`;
	writeFileSync(file, pdf);
	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]);
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	expect(pages === 1, `${pages} pages (${file})`);
	const missing = NAMES.filter(n => !text.includes(n));
	expect(missing.length === 0, `not in the PDF: ${missing.join(', ')}`);
	expect(text.includes('Comment lire') && /\d+\/\d+/.test(text), 'no legend or cells in the PDF');
	expect(hidden.help === 'none' && hidden.header === 'none', JSON.stringify(hidden));
});

await check('follow: the group page passes axe (320/1280 px, light/dark)', async () => {
	const found = await audit(`${base}${group}`);
	expect(found.length === 0, found.join('\n'));
});

await check('follow: a participant\'s page: her lessons with dates, her message, the actions, the header; axe clean', async () => {
	await page.goto(`${base}${person}`);
	expect(await page.locator('h1').textContent() === 'Bruno', 'not Bruno\'s page');
	expect(await page.locator('ol.her-lessons li.done').count() > 0, 'no lesson done');
	expect(await page.locator('ul.her-messages li').count() === 1, 'not his one message');
	expect(await page.locator('button[value=remove].danger').count() === 1, 'no remove');
	expect(headerOk(await header()), 'header');
	const found = await audit(`${base}${person}`);
	expect(found.length === 0, found.join('\n'));
});

await check('follow: "Messages" (the header\'s link) passes axe, the link marked current', async () => {
	await page.goto(`${base}${group}`);
	await Promise.all([page.waitForNavigation(), page.click('header nav.trainer-nav a:text("Messages")')]);
	expect(await page.locator('header nav.trainer-nav a[aria-current=page]').textContent() === 'Messages', 'not current');
	const found = await audit(page.url());
	expect(found.length === 0, found.join('\n'));
});

await check('follow: the header\'s "Se déconnecter" logs out (a POST form, no JavaScript)', async () => {
	await page.goto(`${base}${group}`);
	await Promise.all([page.waitForNavigation(), page.click('header form.logout-nav button')]);
	await page.goto(`${base}${group}`);
	expect(await page.locator('#password').count() === 1, 'still logged in');
	expect((await header()).links.length === 0, 'header still shown');
});

await browser.close();
done();
