// The funders' report in Chromium (issue 16), against nginx and
// eystime-cgi (tests/browser/run starts them, makes a group of 12
// participants who each finished the first lesson today, and a trainer
// following it): at 360 px with JavaScript off, the trainer logs in and
// uses the report's form (dates, the group) with no script; the figures
// are the run's (12 active, 12 lessons, 12 × the lesson's minutes); the
// CSV link gives the same; printed (print emulation) the form is gone and
// the period, the table and every figure stay, within the page's width;
// axe (WCAG 2.2 AA tags) finds nothing at 320 and 1280 px, light and dark.
// Usage: node report.mjs BASE_URL LOGIN PASSWORD GROUP_ID LESSON_MINUTES
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const [base, login, password, gid, minutesText] = process.argv.slice(2);
if (!base || !login || !password || !gid || minutesText === undefined) {
	console.error('usage: node report.mjs BASE_URL LOGIN PASSWORD GROUP_ID LESSON_MINUTES');
	process.exit(2);
}
const minutes = 12 * Number(minutesText);
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = await launch();
// JavaScript off: the form must work as HTML alone. bypassCSP: axe is
// added as a script tag later, in a context of its own.
const nojs = await browser.newContext({ javaScriptEnabled: false,
	viewport: { width: 360, height: 780 } });
const page = await nojs.newPage();
page.setDefaultTimeout(10000);

const year = new Date().getFullYear();
const pad = n => String(n).padStart(2, '0');
const now = new Date();
const today = `${year}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const figures = p => p.$$eval('td[data-figure]', l =>
	Object.fromEntries(l.map(td => [td.dataset.figure, td.textContent.trim()])));

await check('report: without JavaScript at 360 px, the trainer logs in with the form', async () => {
	await page.goto(`${base}/api/trainer`);
	await page.fill('#login', login);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('form.trainer-login button')]);
	expect(page.url() === `${base}/api/trainer`, `after login: ${page.url()}`);
});

let reportUrl = '';
await check('report: the form (two dates, a group) sends a GET and shows the figures, no script', async () => {
	await page.goto(`${base}/api/trainer/report`);
	expect(await page.locator('form.report-form[method=get]').count() === 1, 'no GET form');
	await page.fill('#from', `${year}-01-01`);
	await page.fill('#to', today);
	await page.selectOption('#group', gid);
	await Promise.all([page.waitForNavigation(), page.click('form.report-form button')]);
	reportUrl = page.url();
	if (process.env.SHOTS_DIR)
		await page.screenshot({ path: `${process.env.SHOTS_DIR}/report-360.png`, fullPage: true });
	const u = new URL(reportUrl);
	expect(u.pathname === '/api/trainer/report' && u.searchParams.get('from') === `${year}-01-01` &&
		u.searchParams.get('to') === today && u.searchParams.get('group') === gid, `went to ${reportUrl}`);
	const f = await figures(page);
	expect(f.active === '12' && f.lessons === '12' && f.minutes === String(minutes) && f.groups === '1',
		`figures ${JSON.stringify(f)}, want 12 active, 12 lessons, ${minutes} minutes`);
	const title = await page.locator('#report-title').textContent();
	expect(/Du 1 janvier \d{4} au .* · Rapport 12/.test(title), `title: ${title}`);
	expect(await page.locator('#group option:checked').getAttribute('value') === gid, 'the group is not kept chosen');
});

await check('report: no participant\'s name on the page', async () => {
	const text = await page.locator('main').textContent();
	expect(!/Personne\d\d/.test(text), 'a name appears');
});

await check('report: the CSV link gives the same figures', async () => {
	const href = await page.locator('a[href*="/trainer/report.csv"]').getAttribute('href');
	const r = await page.request.get(new URL(href, base).href);
	expect(r.status() === 200 && /text\/csv/.test(r.headers()['content-type']), `CSV: ${r.status()}`);
	const rows = (await r.text()).replace(/^\uFEFF/, '').split('\r\n');
	const head = rows[0].split(';'), vals = rows[1].split(';');
	const at = label => vals[head.indexOf(label)];
	expect(at('Participants actifs') === '12' && at('Leçons terminées') === '12' &&
		at('Minutes d\'apprentissage') === String(minutes), `CSV: ${rows.slice(0, 2).join(' / ')}`);
});

await check('report: printed, the form is gone; the period, the table and all 10 figures stay within the page', async () => {
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 700, height: 1000 });
	await page.goto(reportUrl);
	expect(!(await page.locator('form.report-form').isVisible()), 'the form prints');
	expect(await page.locator('#report-title').isVisible(), 'the period does not print');
	const rows = await page.locator('table.report tbody tr').evaluateAll(l =>
		l.filter(r => r.getBoundingClientRect().height > 0).length);
	expect(rows === 10, `${rows} rows printed`);
	const sw = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(sw <= 700, `printed ${sw} px wide on a 700 px page`);
	const pdf = await page.pdf({ format: 'A4',
		path: process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/report.pdf` : undefined });
	expect(pdf.length > 1000, 'no PDF');
	await page.emulateMedia({ media: 'screen' });
});

await check('report: bad dates typed in the address answer 400 with the reason', async () => {
	const r = await page.request.get(`${base}/api/trainer/report?from=${year}-02-30&to=${today}`);
	expect(r.status() === 400 && /Date non valable/.test(await r.text()), `HTTP ${r.status()}`);
});

// axe, with scripts allowed in a context of its own (the same cookie).
const state = await nojs.storageState();
const ax = await browser.newContext({ bypassCSP: true, storageState: state });
const ap = await ax.newPage();
for (const url of [`${base}/api/trainer/report`, reportUrl])
	await check(`report: axe finds nothing at 320 and 1280 px, light and dark (${url.replace(base, '')})`, async () => {
		const found = [];
		for (const scheme of ['light', 'dark'])
			for (const width of [320, 1280]) {
				await ap.emulateMedia({ colorScheme: scheme });
				await ap.setViewportSize({ width, height: 800 });
				await ap.goto(url);
				await ap.addScriptTag({ path: AXE });
				const r = await ap.evaluate(tags => window.axe.run(document,
					{ runOnly: { type: 'tag', values: tags } }), TAGS);
				found.push(...r.violations.map(v => `${scheme} ${width}: ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`));
				if (width === 320) {
					const sw = await ap.evaluate(() => document.documentElement.scrollWidth);
					if (sw > 320)
						found.push(`${scheme} 320: horizontal scroll (${sw} px wide)`);
				}
			}
		expect(found.length === 0, found.join('\n'));
	});

await browser.close();
done();
