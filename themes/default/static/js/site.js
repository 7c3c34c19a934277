/* Eystime default theme: what JavaScript adds (docs/theme.md).
 * The site works without it. Each part checks what it needs and, on any
 * error, leaves the page as the server sent it. No request leaves the
 * site. Texts come from data-* attributes the templates write (i18n). */
(() => {
'use strict';
const d = document, b = d.body, api = b.dataset.api, root = b.dataset.root || '',
	web = /^https?:$/.test(location.protocol),
	$ = (s, c) => (c || d).querySelector(s),
	$$ = (s, c) => [...(c || d).querySelectorAll(s)],
	el = (tag, cls, text) => {
		const e = d.createElement(tag);
		if (cls) e.className = cls;
		if (text != null) e.textContent = text;
		return e;
	},
	button = (text, cls) => {
		const e = el('button', cls || 'button secondary', text);
		e.type = 'button';
		return e;
	},
	fmt = (s, ...a) => s.replace(/%[sd]/g, () => a.shift()),
	fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
	part = f => { try { f(); } catch (e) { /* keep the page as it is */ } },
	json = {credentials: 'same-origin', headers: {Accept: 'application/json'}};

d.documentElement.classList.add('js');

/* Progress: lessons done, where I stopped, the done button. */
let done = new Set(), setDone;
const marks = () => {
	$$('.js-mark').forEach(e => e.remove());
	$$('.done[data-lesson], .here').forEach(e => e.classList.remove('done', 'here'));
	const mark = (li, text, cls) => $('.title', li).after(el('span', cls + ' js-mark', text));
	const resume = (a, title) => {
		const r = $('a.resume');
		if (r && a) {
			r.href = a.href;
			r.textContent = fmt(r.dataset.continue, title);
		}
	};
	for (const ol of $$('ol.lessons')) {
		const items = $$('li[data-lesson]', ol);
		const here = items.find(li => !done.has(li.dataset.lesson));
		for (const li of items)
			if (done.has(li.dataset.lesson)) {
				li.classList.add('done');
				mark(li, ol.dataset.done, 'done-mark');
			}
		/* Where I stopped: the first lesson not done, once I began. */
		if (here && items.some(li => li.classList.contains('done'))) {
			here.classList.add('here');
			mark(here, ol.dataset.here, 'here-mark');
			resume($('a', here), $('.title', here).textContent);
		}
	}
	const cards = $('ul.cards');
	if (cards) {
		/* Continue the first module begun, else the first not finished. */
		let begun, next;
		for (const c of $$('.card', cards)) {
			const total = +c.dataset.total, a = $('h3 a', c),
				n = [...done].filter(id => id.startsWith(c.dataset.module + '/')).length;
			if (n < total) next = next || a;
			if (n < total && n) begun = begun || a;
			if (!n) continue;
			const p = el('p', 'card-progress js-mark', fmt(cards.dataset.count, n, total)),
				bar = el('span', 'bar'), fill = el('span');
			bar.setAttribute('aria-hidden', 'true');
			fill.style.width = 100 * n / total + '%';
			bar.append(fill);
			p.prepend(bar);
			c.append(p);
			c.classList.toggle('complete', n >= total);
		}
		next = begun || next;
		if (done.size && next) resume(next, next.textContent);
	}
};

const form = $('form.done');
if (form && web && window.fetch) part(() => {
	const btn = $('button', form), label = btn.textContent, id = form.elements.lesson.value,
		live = el('span', 'done-mark');
	live.setAttribute('role', 'status');
	btn.before(live);
	setDone = on => {
		on ? done.add(id) : done.delete(id);
		form.classList.toggle('is-done', on);
		live.textContent = on ? form.dataset.done : '';
		btn.textContent = on ? form.dataset.undo : label;
		let u = form.elements.undo;
		if (on && !u) {
			u = el('input');
			u.type = 'hidden';
			u.name = 'undo';
			u.value = '1';
			form.append(u);
		} else if (!on && u) {
			u.remove();
		}
		marks();
	};
	form.addEventListener('submit', ev => {
		ev.preventDefault();
		fetch(form.action, Object.assign({method: 'POST', body: new URLSearchParams(new FormData(form))}, json))
			.then(r => r.status == 200 ? r.json() : Promise.reject(r))
			.then(j => setDone(j.done === true))
			/* Not joined (401), no API, offline…: the plain form. */
			.catch(() => form.submit());
	});
});

if (api && web && window.fetch && (form || $('ol.lessons, ul.cards')))
	fetch(api + '/progress', json)
		.then(r => r.ok ? r.json() : null)
		.then(p => {
			if (!p || !Array.isArray(p.done))
				return;
			done = new Set(p.done);
			p.joined && $('.join-offer') && ($('.join-offer').hidden = true);
			setDone ? setDone(done.has(form.elements.lesson.value)) : marks();
		})
		.catch(() => {});

/* My group: unread badge; a lesson's counts. Not 200: nothing. */
const grp = $('a.my-group'), disc = $('p.discuss[data-counts]'),
	n = (s, k, i) => Number.isInteger(k) && k > 0 ? fmt(s.split('|')[i + (k > 1)], k) : '';
if (grp && api && web && window.fetch)
	fetch(api + '/group/stats' + (disc ? $('a', disc).search : ''), json)
		.then(r => r.status == 200 ? r.json() : null)
		.then(s => s && part(() => {
			const u = n(grp.dataset.unread, s.unread, 0), badge = el('span', 'badge', s.unread);
			badge.setAttribute('aria-hidden', 'true');
			if (u) grp.append(badge, el('span', 'vh', ' (' + u + ')'));
			if (!disc)
				return;
			const c = disc.dataset.counts, m = n(c, s.messages, 0), w = n(c, s.new, 2),
				t = n(disc.dataset.done, s.done, 0), counts = el('span', 'counts', m + (w ? ' · ' : ''));
			if (w) counts.append(el('strong', '', w));
			if (m) disc.append(' ', counts);
			if (t) disc.append(el('span', 'group-done', t));
		}))
		.catch(() => {});

/* Exercises: remember the ticked boxes of this page. */
part(() => {
	const boxes = $$('label.task input[type=checkbox]'), key = 'eystime:' + location.pathname;
	if (!boxes.length)
		return;
	let saved = [];
	try {
		saved = JSON.parse(localStorage.getItem(key)) || [];
	} catch (e) { /* no storage */ }
	boxes.forEach((x, i) => {
		if (saved[i]) x.checked = true;
		x.addEventListener('change', () => {
			try {
				localStorage.setItem(key, JSON.stringify(boxes.map(y => +y.checked)));
			} catch (e) { /* no storage */ }
		});
	});
});

/* Quizzes: checked in the page, feedback read out (role=status). A
 * lesson's quiz is a form: its answer is still sent to the CGI. */
const content = $('.content[data-check]');
if (content) for (const q of $$('.quiz', content)) part(() => {
	const D = content.dataset, fs = $('fieldset', q), inputs = $$('input', fs),
		check = $('button', q) || button(D.check), live = el('p', 'quiz-feedback'), form = q.action;
	live.setAttribute('role', 'status');
	check.isConnected || fs.after(check);
	check.after(live);
	const clear = () => $$('.quiz-mark', q).forEach(e => e.remove());
	inputs.forEach(i => i.addEventListener('change', clear));
	(form ? q : check).addEventListener(form ? 'submit' : 'click', ev => {
		ev.preventDefault();
		clear();
		const chosen = inputs.filter(i => i.checked),
			right = inputs.every(i => i.checked == i.hasAttribute('data-ok'));
		for (const i of chosen) {
			const ok = i.hasAttribute('data-ok');
			i.parentNode.append(el('strong', 'quiz-mark ' + (ok ? 'ok' : 'ko'), ' ' + (ok ? D.ok : D.ko)));
		}
		live.className = 'quiz-feedback' + (chosen.length ? right ? ' ok' : ' ko' : '');
		live.textContent = '';
		setTimeout(() => live.textContent = !chosen.length ? D.pick : right ? D.right : D.wrong, 50);
		if (form && chosen.length && web && window.fetch)
			fetch(form, Object.assign({method: 'POST', body: new URLSearchParams(new FormData(q))}, json)).catch(() => {});
	});
});

/* Glossary words: the first tap (or focus) shows the definition, the
 * second follows the link; Escape closes. */
part(() => {
	let open = null, n = 0;
	const close = () => {
		if (open) open.hidden = true, open.shown = false, open = null;
	};
	for (const a of $$('main a[title][href*="#terme-"]')) {
		const tip = el('span', 'tip', a.title);
		tip.id = 'tip-' + ++n;
		tip.setAttribute('role', 'tooltip');
		tip.hidden = true;
		tip.a = a;
		a.removeAttribute('title');
		a.setAttribute('aria-describedby', tip.id);
		a.classList.add('term');
		b.append(tip);
		const show = () => {
			if (open == tip)
				return;
			close();
			tip.hidden = false;
			const r = a.getBoundingClientRect(), w = d.documentElement.clientWidth;
			tip.style.top = scrollY + r.bottom + 6 + 'px';
			tip.style.left = Math.max(8, Math.min(scrollX + r.left, w - tip.offsetWidth - 8)) + 'px';
			open = tip;
		};
		a.addEventListener('focus', show);
		a.addEventListener('blur', () => open == tip && close());
		a.addEventListener('click', ev => {
			if (open == tip && tip.shown)
				return;
			ev.preventDefault();
			show();
			tip.shown = true;
		});
	}
	if (n) {
		d.addEventListener('keydown', ev => ev.key == 'Escape' && close());
		d.addEventListener('click', ev => open && ev.target.closest && ev.target.closest('.term') != open.a && close());
		addEventListener('resize', close);
	}
});

/* Listen: read the lesson aloud, where the browser can. */
const listen = $('.listen');
if (listen && window.speechSynthesis && window.SpeechSynthesisUtterance) part(() => {
	const s = speechSynthesis, D = listen.dataset, lang = d.documentElement.lang,
		go = button(D.listen), stop = button(D.stop);
	let state = 0;
	const set = st => {
		state = st;
		go.textContent = [D.listen, D.pause, D.resume][st];
		stop.hidden = !st;
	};
	set(0);
	listen.append(go, stop);
	go.addEventListener('click', () => {
		if (state) {
			state == 1 ? s.pause() : s.resume();
			return set(3 - state);
		}
		s.cancel();
		const voice = s.getVoices().find(v => v.lang.toLowerCase().startsWith(lang)),
			lines = [$('h1'), $('.objectives'), content || $('.content')]
				.filter(Boolean).map(e => e.innerText).join('\n').split(/\n+/).filter(t => t.trim());
		lines.forEach((t, i) => {
			const u = new SpeechSynthesisUtterance(t);
			u.lang = lang;
			if (voice) u.voice = voice;
			if (i == lines.length - 1) u.onend = u.onerror = () => set(0);
			s.speak(u);
		});
		set(1);
	});
	stop.addEventListener('click', () => {
		s.cancel();
		set(0);
		go.focus();
	});
	addEventListener('pagehide', () => s.cancel());
});

/* Search: instant, accents and capitals ignored, over index.json
 * ([title, url from the root, kind, context]). */
const search = $('#search');
if (search && web && window.fetch)
	fetch('index.json').then(r => r.json()).then(index => {
		const D = search.dataset, label = el('label', '', D.label), input = el('input'),
			status = el('p', 'search-status'), out = el('ul', 'results');
		const all = index.map(e => [fold(e[0]), fold(e[0] + ' ' + e[3]), e]);
		label.htmlFor = input.id = 'q';
		input.type = 'search';
		input.autocomplete = 'off';
		status.setAttribute('role', 'status');
		search.append(label, input, status, out);
		input.addEventListener('input', () => {
			const words = fold(input.value).split(/\s+/).filter(Boolean),
				hits = words.length ? all.filter(e => words.every(w => e[1].includes(w))) : [];
			hits.sort((x, y) => words.every(w => y[0].includes(w)) - words.every(w => x[0].includes(w)));
			out.textContent = '';
			status.textContent = !words.length ? '' : hits.length ? fmt(D.count, hits.length) : D.none;
			for (const [, , e] of hits.slice(0, 30)) {
				const li = el('li'), a = el('a', '', e[0]);
				a.href = root + e[1];
				li.append(a, ' ', el('span', 'meta', '(' + D[e[2]] + (e[3] ? ' · ' + e[3] : '') + ')'));
				out.append(li);
			}
		});
	}).catch(() => {});

/* Each table in a named, focusable region that scrolls sideways; a hint
 * above when it does. Code too wide: reachable with the keyboard. */
part(() => {
	const s = b.dataset.scroll, name = b.dataset.table;
	$$('main table').forEach((t, i) => {
		let r = t.closest('.scroll, .matrix');
		if (!r && name) {
			r = el('div', 'scroll');
			r.setAttribute('role', 'region');
			r.setAttribute('aria-label', fmt(name, i + 1, $$('thead th', t).map(h => h.textContent.trim()).join(', ')));
			r.tabIndex = 0;
			t.replaceWith(r);
			r.append(t);
		}
		if (r && s && r.scrollWidth > r.clientWidth + 1)
			r.before(el('p', 'scroll-hint', s));
	});
	$$('main pre').forEach(e => e.scrollWidth > e.clientWidth && (e.tabIndex = 0));
});

/* Print: the address of the handout, when the template could not write it. */
part(() => {
	const u = $('.print-url span');
	if (u && !u.textContent) u.textContent = location.href;
});

/* Offline: keep the lessons already opened (HTTPS only). */
if (location.protocol == 'https:' && 'serviceWorker' in navigator)
	navigator.serviceWorker.register(root + 'sw.js?api=' + encodeURIComponent(api)).catch(() => {});
})();
