// Screenshots of the theme's main pages, for a person to look at (not a
// test): node tests/browser/shots.mjs BASE_URL OUTDIR [path…]
// Writes OUTDIR/<name>-<width>-<light|dark>[-<text>].png, full page.
// Environment:
//   SHOTS_WIDTHS=320,1280   viewport widths
//   SHOTS_SCHEMES=light,dark
//   SHOTS_TEXT=200          Chromium's text size in % (its "Font size"
//                           setting, through Page.setFontSizes); default 100
//   SHOTS_CODE=JOINCODE     join a group first (for api/me, api/comments…)
//   SHOTS_TRAINER=login:password   log in as a trainer first (api/trainer…)
//   SHOTS_SLICE=1600        cut each page into pieces that high (…-01.png,
//                           -02…), easier to look at than one long image
import { launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const [base, out, ...rest] = process.argv.slice(2);
const paths = rest.length ? rest : ['', 'achats/', 'achats/01-choisir-un-site-marchand-fiable/',
	'glossaire/', 'recherche/', 'nope/'];
const env = (k, d) => (process.env[k] || d).split(',').filter(Boolean);
const widths = env('SHOTS_WIDTHS', '320,1280').map(Number);
const schemes = env('SHOTS_SCHEMES', 'light,dark');
const text = Number(process.env.SHOTS_TEXT || 100);
mkdirSync(out, { recursive: true });
const browser = await launch();
const ctx = await browser.newContext();
const form = { headers: { Origin: base }, maxRedirects: 0 };
if (process.env.SHOTS_CODE)
	await ctx.request.post(`${base}/api/join`, { ...form, form: { code: process.env.SHOTS_CODE, name: 'Awa', next: '/' } });
if (process.env.SHOTS_TRAINER) {
	const [login, password] = process.env.SHOTS_TRAINER.split(':');
	await ctx.request.post(`${base}/api/trainer/login`, { ...form, form: { login, password } });
}
for (const scheme of schemes)
	for (const width of widths) {
		const page = await ctx.newPage({ viewport: { width, height: 900 } });
		await page.setViewportSize({ width, height: 900 });
		if (text !== 100) {
			const f = text / 100;
			await (await ctx.newCDPSession(page)).send('Page.setFontSizes',
				{ fontSizes: { standard: Math.round(16 * f), fixed: Math.round(13 * f) } });
		}
		await page.emulateMedia({ colorScheme: scheme });
		for (const p of paths) {
			await page.goto(base + '/' + p);
			await page.waitForTimeout(150);
			const name = (p.replace(/\/$/, '').replace(/[^a-z0-9]+/g, '_') || 'home').slice(0, 30);
			const file = `${out}/${name}-${width}-${scheme}${text !== 100 ? `-${text}` : ''}`;
			const slice = Number(process.env.SHOTS_SLICE || 0);
			if (!slice) {
				await page.screenshot({ path: `${file}.png`, fullPage: true });
				continue;
			}
			// The screen made that high, scrolled piece by piece.
			await page.setViewportSize({ width, height: slice });
			const h = await page.evaluate(() => document.documentElement.scrollHeight);
			for (let y = 0, k = 1; y < h; y += slice, k++) {
				await page.evaluate(y => window.scrollTo(0, y), y);
				await page.screenshot({ path: `${file}-${String(k).padStart(2, '0')}.png` });
			}
			await page.setViewportSize({ width, height: 900 });
		}
		await page.close();
	}
await browser.close();
