/* Eystime: keeps the pages already opened, for reading offline.
 * Registered by the theme's script over HTTPS only, as sw.js?api=/api.
 * Pages and data: network first, the copy when offline. Files under
 * static/ (their names change with their content): the copy first.
 * Never kept: the api (progress, discussions), other sites, non-GET. */
const CACHE = 'eystime-1', MAX = 150,
	scope = new URL(registration.scope).pathname,
	api = new URL(location).searchParams.get('api') || '/api';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));

const keep = (req, res) => {
	if (!res || res.status != 200 || res.type != 'basic')
		return res;
	const copy = res.clone();
	caches.open(CACHE).then(c => c.put(req, copy).then(() => c.keys())
		.then(k => k.length > MAX && c.delete(k[0]))).catch(() => {});
	return res;
};

self.addEventListener('fetch', e => {
	const req = e.request, u = new URL(req.url);
	if (req.method != 'GET' || u.origin != location.origin ||
	    u.pathname == api || u.pathname.startsWith(api + '/') ||
	    u.pathname.startsWith(scope + '_eystime/'))
		return;
	if (u.pathname.startsWith(scope + 'static/'))
		e.respondWith(caches.match(req).then(hit => hit || fetch(req).then(r => keep(req, r))));
	else
		e.respondWith(fetch(req).then(r => keep(req, r))
			.catch(() => caches.match(req, {ignoreSearch: true}).then(hit => hit || Response.error())));
});
