// A participant with JavaScript off, in Chromium, against nginx and
// eystime-cgi: join with the group's code, tick a lesson, see it in
// "Mon parcours", post a message under the lesson.
// Usage: node cgi-nojs.mjs BASE_URL GROUP_CODE
import { launch, check, done, expect } from './lib.mjs';

const [base, code] = process.argv.slice(2);
const lesson = 'budget/01-faire-le-point-sur-ses-depenses';
const browser = await launch();
const ctx = await browser.newContext({ javaScriptEnabled: false });
const page = await ctx.newPage();
page.setDefaultTimeout(10000);

await check('no-JS: the join form is on "Mon parcours"', async () => {
	await page.goto(`${base}/`);
	await page.click('a.my-progress');
	expect(await page.locator('form.join').count() === 1, 'no join form');
});

await check('no-JS: joining with the code and a first name', async () => {
	await page.fill('#code', code.toLowerCase());
	await page.fill('#name', 'Fatou');
	await Promise.all([page.waitForNavigation(), page.click('form.join button')]);
	const cookies = await ctx.cookies();
	expect(cookies.some(c => c.name === 'eystime' && c.httpOnly), 'no session cookie');
});

await check('no-JS: "J\'ai terminé cette leçon" records the lesson and says "C\'est noté ✓"', async () => {
	await page.goto(`${base}/${lesson}/`);
	await Promise.all([page.waitForNavigation(), page.click('form.done button')]);
	expect(page.url() === `${base}/api/done?lesson=${lesson}`, `landed on ${page.url()}`);
	expect((await page.textContent('main h1')) === 'C\'est noté ✓', 'no "C\'est noté ✓"');
});

await check('no-JS: "Mon parcours" shows the lesson done', async () => {
	await page.goto(`${base}/api/me`);
	const item = page.locator('li.done', { hasText: 'Faire le point sur ses' });
	expect(await item.count() === 1, 'lesson not marked done');
	expect((await page.textContent('main')).includes('Fatou'), 'name not shown');
});

await check('no-JS: a message posted under the lesson shows, escaped', async () => {
	await page.goto(`${base}/${lesson}/`);
	await Promise.all([page.waitForNavigation(), page.click('p.discuss a')]);
	await page.check('input[name=kind][value=astuce]');
	await page.fill('#body', 'Je note tout dans un carnet <b>chaque soir</b>.');
	await Promise.all([page.waitForNavigation(), page.click('form.message-form button')]);
	const msg = page.locator('article.message', { hasText: 'Je note tout dans un carnet' });
	expect(await msg.count() === 1, 'message not shown');
	expect(await msg.locator('b').count() === 0, 'HTML from the message was rendered');
	expect((await msg.textContent()).includes('<b>chaque soir</b>'), 'text not kept');
});

await browser.close();
done();
