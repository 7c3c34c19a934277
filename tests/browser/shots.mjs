// Screenshots of the theme's main pages, for a person to look at (not a
// test): node tests/browser/shots.mjs BASE_URL OUTDIR [path…]
// Writes OUTDIR/<name>-<width>-<light|dark>.png, full page.
import { launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const [base, out, ...rest] = process.argv.slice(2);
const paths = rest.length ? rest : ['', 'achats/', 'achats/01-choisir-un-site-marchand-fiable/',
	'glossaire/', 'recherche/', 'nope/'];
mkdirSync(out, { recursive: true });
const browser = await launch();
for (const scheme of ['light', 'dark'])
	for (const width of [320, 1280]) {
		const page = await browser.newPage({ viewport: { width, height: 900 } });
		await page.emulateMedia({ colorScheme: scheme });
		for (const p of paths) {
			await page.goto(base + '/' + p);
			await page.waitForTimeout(150);
			const name = (p.replace(/\/$/, '').replace(/[^a-z0-9]+/g, '_') || 'home').slice(0, 30);
			await page.screenshot({ path: `${out}/${name}-${width}-${scheme}.png`, fullPage: true });
		}
		await page.close();
	}
await browser.close();
