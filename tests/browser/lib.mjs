// Shared helpers for the browser tests: Debian's Chromium driven by
// playwright-core, one "ok - …" / "not ok - …" line per check (counted by
// tests/run), never a download at run time.
import { chromium } from '../node_modules/playwright-core/index.mjs';

let passed = 0;
let failed = 0;

export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
			'--disable-background-networking',
			'--disable-component-update', '--disable-sync',
			'--no-first-run'],
	});
}

// check(name, fn): one test; fn may throw or return false to fail.
export async function check(name, fn) {
	try {
		const r = await fn();
		if (r === false)
			throw new Error('returned false');
		passed++;
		console.log(`ok - ${name}`);
	} catch (e) {
		failed++;
		console.log(`not ok - ${name}`);
		for (const line of String(e && e.stack || e).split("\n").slice(0, 16))
			console.log(`#   ${line}`);
	}
}

export function done() {
	console.log(`# browser: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

export function expect(cond, what) {
	if (!cond)
		throw new Error(what);
}
