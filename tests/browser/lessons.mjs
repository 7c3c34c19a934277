// Every lesson of the course in Chromium at 320 px, light and dark (two
// tabs side by side): axe (WCAG 2.2 AA tags) finds nothing, no sideways
// scroll, and every picture of the content has loaded with a size (an
// SVG that the browser cannot draw has no natural width). theme.mjs
// audits one page of each kind in depth; this one walks every lesson.
// Usage: node lessons.mjs BASE_URL MANIFEST (the site's _eystime/lessons.tsv)
import { launch, check, done, expect } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const [base, manifest] = process.argv.slice(2);
if (!base || !manifest) {
	console.error('usage: node lessons.mjs BASE_URL MANIFEST');
	process.exit(2);
}
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// lesson <TAB> id <TAB> module <TAB> url <TAB> title
const lessons = readFileSync(manifest, 'utf8').split('\n')
	.map(l => l.split('\t')).filter(f => f[0] === 'lesson').map(f => ({ id: f[1], url: f[3] }));

const browser = await launch();
const ctx = await browser.newContext({ bypassCSP: true });
async function tab(scheme) {
	const p = await ctx.newPage();
	p.setDefaultTimeout(8000);
	await p.setViewportSize({ width: 320, height: 800 });
	await p.emulateMedia({ colorScheme: scheme });
	return p;
}
const tabs = { light: await tab('light'), dark: await tab('dark') };

async function audit(p, path) {
	const found = [];
	await p.goto(`${base}/${path}`, { waitUntil: 'load' });
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(tags => window.axe.run(document,
		{ runOnly: { type: 'tag', values: tags } }), TAGS);
	found.push(...r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`));
	const sw = await p.evaluate(() => document.documentElement.scrollWidth);
	if (sw > 320)
		found.push(`horizontal scroll (${sw} px wide)`);
	const bad = await p.$$eval('.content img', l => l.filter(i => !i.complete || i.naturalWidth === 0)
		.map(i => i.getAttribute('src')));
	found.push(...bad.map(s => `picture not drawn: ${s}`));
	return found;
}

await check(`the manifest lists lessons (${lessons.length})`, () => expect(lessons.length > 0, manifest));
for (const l of lessons) {
	const [light, dark] = await Promise.all(['light', 'dark'].map(s => audit(tabs[s], l.url)));
	await check(`${l.id} (light, dark): axe finds nothing at 320 px, no sideways scroll, pictures drawn`, () =>
		expect(light.length + dark.length === 0,
			[...light.map(s => `light: ${s}`), ...dark.map(s => `dark: ${s}`)].join('\n')));
}
await browser.close();
done();
