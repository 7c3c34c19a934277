/* Eystime default theme: the reactions of eystime-cgi's discussions
 * (docs/theme.md), on the CGI's pages only. Sent with fetch, the button
 * updated in place. Refused or unreachable: the plain form (the server
 * says why). Done but unreadable: a reload shows the server's state
 * (never sent twice, which would take the reaction back). */
(() => {
'use strict';
if (!/^https?:$/.test(location.protocol) || !window.fetch)
	return;
document.addEventListener('submit', ev => {
	const f = ev.target, btn = f.matches('form.react') && f.querySelector('button'),
		count = btn && btn.querySelector('.count');
	let sent = 0;
	if (!count)
		return;
	ev.preventDefault();
	if (f.busy)
		return;
	f.busy = 1;
	fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f)),
		credentials: 'same-origin', headers: {Accept: 'application/json'}})
		.then(r => {
			if (r.status != 200)
				throw r;
			sent = 1;
			return r.json();
		})
		.then(j => {
			if (!Number.isInteger(j.count) || typeof j.mine != 'boolean')
				throw j;
			btn.setAttribute('aria-pressed', j.mine);
			count.textContent = j.count;
			f.busy = 0;
		})
		.catch(() => sent ? location.reload() : f.submit());
});
})();
