#include "tpl.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "../common/text.h"
#include "fs.h"
#include "sbx.h"

#define TPL_MAX_FILE (1u << 20)
#define TPL_MAX_MEM (256u << 20)
#define TPL_MAX_LAYOUTS 8
/* An address url() or asset() makes, and a title's folded form. */
#define TPL_MAX_URL (1u << 16)
#define TPL_MAX_TITLE (1u << 16)

/* ---------------------------------------------------------------------
 * Compiler
 */

typedef struct tpl_comp {
	const char *src; /* the template */
	size_t n;
	const char *path;
	buf *out;        /* Lua source */
	int line;        /* template line at the current position */
	int gline;       /* line the generated source is on */
	diag *d;
} tpl_comp;

/* Bring the generated source down to the template's line. */
static void
S_sync(tpl_comp *c, int line)
{
	while (c->gline < line) {
		buf_putc(c->out, '\n');
		c->gline++;
	}
}

static void
S_count_lines(tpl_comp *c, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] == '\n')
			c->line++;
}

/* Emit text as a Lua string literal. */
static void
S_emit_text(tpl_comp *c, const char *p, size_t n)
{
	size_t i;
	unsigned char ch;

	if (n == 0)
		return;
	buf_puts(c->out, "_n=_n+1 _b[_n]=\"");
	for (i = 0; i < n; i++) {
		ch = (unsigned char)p[i];
		if (ch == '"' || ch == '\\')
			buf_printf(c->out, "\\%c", ch);
		else if (ch == '\n')
			buf_puts(c->out, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			buf_printf(c->out, "\\%03u", ch);
		else
			buf_putc(c->out, (char)ch);
	}
	buf_puts(c->out, "\" ");
}

/*
 * Copy Lua code, blanking its comments (newlines kept): a "-- comment" in
 * a tag would otherwise swallow the code generated after it on the same
 * line. Strings and long brackets are skipped whole, so "a--b" stays.
 */
static void
S_copy_code(buf *out, const char *p, size_t n)
{
	const char *end = p + n, *q;
	int level, comment;
	char quote;

	while (p < end) {
		comment = p + 1 < end && p[0] == '-' && p[1] == '-';
		q = comment ? p + 2 : p;
		/* A long bracket [[ or [==[ opens a long string or comment. */
		if (q < end && *q == '[') {
			const char *r = q + 1;

			for (level = 0; r < end && *r == '='; r++)
				level++;
			if (r < end && *r == '[') {
				const char *close = r + 1;

				while (close < end) {
					const char *c2 = close;

					if (*c2 == ']') {
						int k = 0;

						for (c2++; c2 < end && *c2 == '=';
						    c2++)
							k++;
						if (k == level && c2 < end &&
						    *c2 == ']') {
							close = c2 + 1;
							break;
						}
					}
					close++;
				}
				for (; p < close && p < end; p++)
					buf_putc(out, comment && *p != '\n' ?
					    ' ' : *p);
				continue;
			}
		}
		if (comment) {
			for (; p < end && *p != '\n'; p++)
				buf_putc(out, ' ');
			continue;
		}
		if (*p == '"' || *p == '\'') {
			quote = *p;
			buf_putc(out, *p++);
			while (p < end && *p != quote && *p != '\n') {
				if (*p == '\\' && p + 1 < end)
					buf_putc(out, *p++);
				buf_putc(out, *p++);
			}
			if (p < end)
				buf_putc(out, *p++);
			continue;
		}
		buf_putc(out, *p++);
	}
}

/* Emit Lua code from the template; it keeps its newlines, so the
 * generated source stays on the template's lines. */
static void
S_emit_code(tpl_comp *c, const char *pre, const char *p, size_t n,
	const char *post)
{
	size_t i;

	buf_puts(c->out, pre);
	S_copy_code(c->out, p, n);
	buf_puts(c->out, post);
	for (i = 0; i < n; i++)
		if (p[i] == '\n')
			c->gline++;
}

/* Whether only blanks stand before `open` on its line, within the text
 * that starts at p (after the previous tag); *bol is where they start. */
static int
S_alone_before(const char *src, const char *p, const char *open,
	const char **bol)
{
	const char *q = open;

	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	*bol = q;
	if (q > p)
		return q[-1] == '\n';
	/* Reached the previous tag's end: alone only at a line's start. */
	return q == src || q[-1] == '\n';
}

/* Whether only blanks follow p up to the end of its line; *eol is past the
 * newline. */
static int
S_alone_after(const char *p, const char *end, const char **eol)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p < end && *p != '\n')
		return 0;
	*eol = p < end ? p + 1 : p;
	return 1;
}

int
tpl_compile(const char *src, size_t n, const char *path, buf *out, diag *d)
{
	tpl_comp c = { src, n, path, out, 1, 1, d };
	const char *p = src, *end = src + n, *open, *close, *text_end, *bol,
	    *eol, *body, *close_tag;
	char kind;

	buf_puts(out, "local _ENV, arg = ... local _b, _n, _e, _r = {}, 0, "
	    "_escape_, _raw_ ");
	while (p < end) {
		open = memmem(p, (size_t)(end - p), "{", 1);
		while (open != NULL && open + 1 < end && open[1] != '{' &&
		    open[1] != '%' && open[1] != '#')
			open = memchr(open + 1, '{', (size_t)(end - open - 1));
		if (open == NULL || open + 1 >= end) {
			S_sync(&c, c.line);
			S_emit_text(&c, p, (size_t)(end - p));
			break;
		}
		kind = open[1];
		close_tag = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
		body = open + 2;
		close = memmem(body, (size_t)(end - body), close_tag, 2);
		if (close == NULL) {
			S_count_lines(&c, p, (size_t)(open - p));
			diag_add(d, DIAG_ERROR, path, c.line, msg(
			    "« {%c » ouvert mais jamais fermé par « %s »",
			    "\"{%c\" opened but never closed by \"%s\""),
			    kind, close_tag);
			return -1;
		}
		text_end = open;
		eol = close + 2;
		/* A statement or comment alone on its line takes the line. */
		if (kind != '{' && S_alone_before(src, p, open, &bol) &&
		    S_alone_after(close + 2, end, &eol))
			text_end = bol;
		else
			eol = close + 2;
		S_sync(&c, c.line);
		S_emit_text(&c, p, (size_t)(text_end - p));
		S_count_lines(&c, p, (size_t)(open - p));
		S_sync(&c, c.line);
		if (kind == '{' && body < close && *body == '&')
			S_emit_code(&c, "_n=_n+1 _b[_n]=_r(", body + 1,
			    (size_t)(close - body - 1), ") ");
		else if (kind == '{')
			S_emit_code(&c, "_n=_n+1 _b[_n]=_e(", body,
			    (size_t)(close - body), ") ");
		else if (kind == '%')
			S_emit_code(&c, "", body, (size_t)(close - body), " ");
		S_count_lines(&c, open, (size_t)(eol - open));
		p = eol;
	}
	buf_puts(out, " return _concat_(_b)\n");
	return 0;
}

static int
S_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
tpl_load_dir(tpl_set *set, const char *dir, diag *d)
{
	char **files = NULL;
	long nfiles, i;
	buf src, path, lua;
	int rc = 0;
	size_t len;
	lua_State *check;

	memset(set, 0, sizeof *set);
	nfiles = fs_list(dir, &files);
	if (nfiles < 0) {
		diag_add(d, DIAG_ERROR, dir, 0, "%s", msg(
		    "dossier de gabarits introuvable",
		    "templates folder not found"));
		return -1;
	}
	qsort(files, (size_t)nfiles, sizeof *files, S_name_cmp);
	set->name = mem_alloc(NULL, (size_t)(nfiles + 1) * sizeof(char *));
	set->path = mem_alloc(NULL, (size_t)(nfiles + 1) * sizeof(char *));
	set->lua = mem_alloc(NULL, (size_t)(nfiles + 1) * sizeof(char *));
	buf_init(&src, TPL_MAX_FILE);
	buf_init(&path, BUF_MAX_PATH);
	buf_init(&lua, BUF_UNBOUNDED);
	check = sbx_newstate(TPL_MAX_MEM);
	lua_newtable(check);
	for (i = 0; i < nfiles; i++) {
		len = strlen(files[i]);
		if (len < 6 || strcmp(files[i] + len - 5, ".html") != 0) {
			free(files[i]);
			continue;
		}
		buf_reset(&src);
		buf_reset(&path);
		buf_reset(&lua);
		buf_printf(&path, "%s/%s", dir, files[i]);
		if (fs_read(path.data, TPL_MAX_FILE, &src) < 0) {
			diag_add(d, DIAG_ERROR, path.data, 0, msg(
			    "lecture impossible : %s", "cannot read: %s"),
			    strerror(errno));
			rc = -1;
		} else if (tpl_compile(src.data, src.len, path.data, &lua,
		    d) < 0) {
			rc = -1;
		} else if (sbx_load(check, lua.data, lua.len, path.data, 1,
		    d) < 0) {
			/* Lua's own syntax check, so that every template's
			 * mistakes show in one run. */
			rc = -1;
		} else {
			lua_pop(check, 1);
			set->name[set->n] = mem_strndup(files[i], len - 5);
			set->path[set->n] = buf_detach(&path);
			set->lua[set->n] = buf_detach(&lua);
			set->n++;
		}
		free(files[i]);
	}
	free(files);
	sbx_close(check);
	buf_free(&src);
	buf_free(&path);
	buf_free(&lua);
	return rc;
}

void
tpl_set_free(tpl_set *set)
{
	int i;

	for (i = 0; i < set->n; i++) {
		free(set->name[i]);
		free(set->path[i]);
		free(set->lua[i]);
	}
	free(set->name);
	free(set->path);
	free(set->lua);
	memset(set, 0, sizeof *set);
}

int
tpl_has(const tpl_set *set, const char *name)
{
	int i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->name[i], name) == 0)
			return 1;
	return 0;
}

/* 1 when c may be part of a Lua name. */
static int
S_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

int
tpl_params_named(const tpl_set *set, const char *key)
{
	size_t klen = strlen(key);
	const char *src, *p, *q;
	int i;
	char quote;

	for (i = 0; i < set->n; i++) {
		src = set->lua[i];
		for (p = strstr(src, "params"); p != NULL;
		    p = strstr(p + 6, "params")) {
			if ((p > src && S_name_char(p[-1])) || S_name_char(p[6]))
				continue;
			for (q = p + 6; *q == ' '; q++)
				;
			if (*q == '.') {
				for (q++; *q == ' '; q++)
					;
				if (strncmp(q, key, klen) == 0 &&
				    !S_name_char(q[klen]))
					return 1;
				continue;
			}
			if (*q == '[') {
				for (q++; *q == ' '; q++)
					;
				if (*q != '"' && *q != '\'')
					return 1; /* params[k]: any key */
				quote = *q++;
				if (strncmp(q, key, klen) == 0 &&
				    q[klen] == quote)
					return 1;
				continue;
			}
			/* spairs(page.params), local p = page.params: what
			 * follows reads any key. */
			return 1;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Helpers the templates call
 */

static tpl_engine *
S_engine(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/*
 * Memory a helper holds while it calls Lua, which may raise (out of
 * memory, a bad argument) and longjmp past the helper's end: it must be
 * owned by the Lua stack, so that the collector frees it then (STYLE.md
 * rule 2). S_scratch pushes a userdata holding a buf, whose __gc frees
 * it; the helper may free it sooner with buf_free.
 */
#define TPL_BUF_META "eystime.buf"

static int
S_buf_gc(lua_State *L)
{
	buf_free(lua_touserdata(L, 1));
	return 0;
}

static buf *
S_scratch(lua_State *L, size_t max)
{
	buf *b = lua_newuserdatauv(L, sizeof *b, 0);

	memset(b, 0, sizeof *b);
	if (luaL_newmetatable(L, TPL_BUF_META)) {
		lua_pushcfunction(L, S_buf_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	/* Only now the malloc: nothing above can leak it. */
	buf_init(b, max);
	return b;
}

/* The string form a template prints: nil is nothing, tables are refused
 * so that a forgotten field does not print "table: 0x…". */
static const char *
S_printable(lua_State *L, int idx, size_t *len)
{
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
	case LUA_TNONE:
		*len = 0;
		return "";
	case LUA_TSTRING:
	case LUA_TNUMBER:
		return lua_tolstring(L, idx, len);
	case LUA_TBOOLEAN:
		*len = lua_toboolean(L, idx) ? 4 : 5;
		return lua_toboolean(L, idx) ? "true" : "false";
	default:
		luaL_error(L, msg("impossible d'afficher une valeur de type %s",
		    "cannot print a value of type %s"),
		    luaL_typename(L, idx));
		return NULL;
	}
}

/* _escape_(v): v's text, HTML-escaped. Most values (titles, addresses,
 * ids) have nothing to escape: those are given back as they are, without
 * a copy (the bench showed escaping at 4% of a build). */
static int
S_escape(lua_State *L)
{
	size_t n;
	const char *s = S_printable(L, 1, &n);
	buf *b;

	if (html_plain_len(s, n) == n) {
		if (lua_type(L, 1) == LUA_TSTRING)
			lua_settop(L, 1);
		else
			lua_pushlstring(L, s, n);
		return 1;
	}
	b = S_scratch(L, BUF_UNBOUNDED);
	html_escape(b, s, n);
	lua_pushlstring(L, b->data, b->len);
	buf_free(b);
	return 1;
}

static int
S_raw(lua_State *L)
{
	size_t n;
	const char *s = S_printable(L, 1, &n);

	lua_pushlstring(L, s, n);
	return 1;
}

/* Push the address of `to` (from the site root) as the page being
 * rendered reaches it. */
static void
S_push_relative(lua_State *L, tpl_engine *e, const char *to)
{
	buf *b;

	if (to[0] == '/')
		to++;
	b = S_scratch(L, TPL_MAX_URL);
	if (e->abs_base != NULL) {
		buf_puts(b, e->abs_base);
		site_link_abs(e->s, b, to);
	} else {
		site_link(e->s, b, e->cur_url, to);
	}
	lua_pushlstring(L, b->data, b->len);
	buf_free(b);
	/* The address in place of the scratch buffer. */
	lua_remove(L, -2);
}

/* url(x): x (a page or an address from the site root) relative to the
 * page being rendered. */
static int
S_url(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE) {
		lua_getfield(L, 1, "url");
		lua_replace(L, 1);
	}
	S_push_relative(L, S_engine(L), luaL_checkstring(L, 1));
	return 1;
}

/* asset("css/style.css"): the hashed copy of a theme file. */
static int
S_asset(lua_State *L)
{
	tpl_engine *e = S_engine(L);
	const char *name = luaL_checkstring(L, 1);
	char **hit;

	hit = bsearch(&name, e->assets->from, (size_t)e->assets->n,
	    sizeof(char *), S_name_cmp);
	if (hit == NULL)
		return luaL_error(L, msg("fichier de thème introuvable : "
		    "static/%s", "theme file not found: static/%s"), name);
	S_push_relative(L, e, e->assets->to[hit - e->assets->from]);
	return 1;
}

/* t(key, ...): the theme's text for key in the site's language. A table
 * {one = …, other = …} picks by the first argument (French: 0 and 1 are
 * "one"; other languages: only 1); further arguments fill the %s and %d of
 * the text (string.format). */
static int
S_t(lua_State *L)
{
	const char *key = luaL_checkstring(L, 1);
	int nargs = lua_gettop(L);

	lua_getfield(L, lua_upvalueindex(1), key);
	if (lua_istable(L, -1)) {
		lua_Number n = luaL_checknumber(L, 2);
		int one = lua_toboolean(L, lua_upvalueindex(2)) ?
		    (n >= 0 && n < 2) : n == 1;

		lua_getfield(L, -1, one ? "one" : "other");
		lua_replace(L, -2);
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, msg("texte « %s » absent des traductions "
		    "du thème (i18n)", "text \"%s\" missing from the theme's "
		    "translations (i18n)"), key);
	if (nargs == 1)
		return 1;
	/* Stack: key, args…, text → string.format(text, args…) */
	lua_replace(L, 1);
	lua_getglobal(L, "string");
	lua_getfield(L, -1, "format");
	lua_remove(L, -2);
	lua_insert(L, 1);
	lua_call(L, nargs, 1);
	return 1;
}

/* date("2026-10-05"): "5 octobre 2026", from the i18n texts months (a
 * list of 12 names) and date_format ("{d} {month} {y}"). */
static int
S_date(lua_State *L)
{
	const char *s = luaL_checkstring(L, 1), *fmt, *month, *p;
	int y, m, d;
	luaL_Buffer b;

	if (!site_date_ok(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return luaL_error(L, msg("date illisible : %s (attendu "
		    "AAAA-MM-JJ)", "unreadable date: %s (expected YYYY-MM-DD)"),
		    s);
	lua_getfield(L, lua_upvalueindex(1), "date_format");
	fmt = lua_tostring(L, -1);
	if (fmt == NULL)
		fmt = "{y}-{m}-{d}";
	lua_getfield(L, lua_upvalueindex(1), "months");
	if (lua_istable(L, -1))
		lua_geti(L, -1, m);
	else
		lua_pushnil(L);
	month = lua_tostring(L, -1);
	if (month == NULL)
		month = "";
	luaL_buffinit(L, &b);
	for (p = fmt; *p != '\0'; p++) {
		if (strncmp(p, "{d}", 3) == 0) {
			lua_pushinteger(L, d);
			luaL_addvalue(&b);
			p += 2;
		} else if (strncmp(p, "{y}", 3) == 0) {
			lua_pushinteger(L, y);
			luaL_addvalue(&b);
			p += 2;
		} else if (strncmp(p, "{m}", 3) == 0) {
			luaL_addchar(&b, (char)('0' + m / 10));
			luaL_addchar(&b, (char)('0' + m % 10));
			p += 2;
		} else if (strncmp(p, "{month}", 7) == 0) {
			luaL_addstring(&b, month);
			p += 6;
		} else {
			luaL_addchar(&b, *p);
		}
	}
	luaL_pushresult(&b);
	return 1;
}

static void S_set_str(lua_State *L, const char *key, const char *val);

/* An entry of the A–Z index. */
typedef struct az_entry {
	char *fold;        /* sort key */
	const char *title;
	const char *kind;  /* module, lesson, term */
	const char *url;   /* from the root */
	const char *anchor; /* for terms */
	const char *context; /* a lesson's module, a term's definition */
} az_entry;

static int
S_az_cmp(const void *x, const void *y)
{
	const az_entry *a = x, *b = y;
	int c = strcmp(a->fold, b->fold);

	return c != 0 ? c : strcmp(a->kind, b->kind);
}

/* The entries, owned by a userdata on the Lua stack (S_scratch says why). */
typedef struct az_list {
	az_entry *a;
	int n;
} az_list;

#define TPL_AZ_META "eystime.az"

static void
S_az_free(az_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->a[i].fold);
	free(l->a);
	l->a = NULL;
	l->n = 0;
}

static int
S_az_gc(lua_State *L)
{
	S_az_free(lua_touserdata(L, 1));
	return 0;
}

static void
S_az_add(az_list *l, const char *title, const char *kind,
	const char *url, const char *anchor, const char *context)
{
	buf f;
	az_entry *it;

	l->a = mem_alloc(l->a, (size_t)(l->n + 1) * sizeof *l->a);
	it = &l->a[l->n];
	buf_init(&f, TPL_MAX_TITLE);
	gloss_fold(&f, title, strlen(title));
	it->fold = buf_detach(&f);
	it->title = title;
	it->kind = kind;
	it->url = url;
	it->anchor = anchor;
	it->context = context;
	/* Counted once complete: __gc frees only whole entries. */
	l->n++;
}

/*
 * az_index(): modules, lessons and glossary terms in alphabetical order
 * (accents and case folded), each {letter, title, kind, url, context}:
 * for the search page's A–Z index, which works without JavaScript.
 */
static int
S_az_index(lua_State *L)
{
	tpl_engine *e = S_engine(L);
	const site *s = e->s;
	az_list *l;
	az_entry *a;
	int n, i;
	char letter[2];

	l = lua_newuserdatauv(L, sizeof *l, 0);
	l->a = NULL;
	l->n = 0;
	if (luaL_newmetatable(L, TPL_AZ_META)) {
		lua_pushcfunction(L, S_az_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	for (i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];

		if (p->kind == PAGE_LESSON)
			S_az_add(l, p->title, "lesson", p->url, NULL,
			    s->pages[p->module].title);
		else if (p->kind == PAGE_MODULE)
			S_az_add(l, p->title, "module", p->url, NULL,
			    p->summary);
	}
	for (i = 0; s->glossary.page >= 0 && i < s->glossary.n; i++)
		S_az_add(l, s->glossary.a[i].term, "term",
		    s->pages[s->glossary.page].url, s->glossary.a[i].anchor,
		    s->glossary.a[i].def);
	a = l->a;
	n = l->n;
	if (n > 1)
		qsort(a, (size_t)n, sizeof *a, S_az_cmp);
	lua_createtable(L, n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 6);
		letter[0] = (char)toupper((unsigned char)a[i].fold[0]);
		letter[1] = '\0';
		if (!isalpha((unsigned char)letter[0]))
			letter[0] = '#';
		S_set_str(L, "letter", letter);
		S_set_str(L, "title", a[i].title);
		S_set_str(L, "kind", a[i].kind);
		if (a[i].anchor != NULL)
			lua_pushfstring(L, "%s#%s", a[i].url, a[i].anchor);
		else
			lua_pushstring(L, a[i].url);
		lua_setfield(L, -2, "url");
		S_set_str(L, "context", a[i].context);
		lua_rawseti(L, -2, i + 1);
	}
	/* The list is done with: free it now rather than at the next
	 * collection (the table on top is what is returned). */
	S_az_free(l);
	return 1;
}

/* duration(minutes): "20 min", "1 h", "1 h 30". */
static int
S_duration(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);

	if (n < 60)
		lua_pushfstring(L, "%d min", (int)n);
	else if (n % 60 == 0)
		lua_pushfstring(L, "%d h", (int)(n / 60));
	else
		lua_pushfstring(L, "%d h %s%d", (int)(n / 60),
		    n % 60 < 10 ? "0" : "", (int)(n % 60));
	return 1;
}

/* layout("base"): once this template is done, its output becomes
 * `content` for the named template. */
static int
S_layout(lua_State *L)
{
	tpl_engine *e = S_engine(L);
	const char *name = luaL_checkstring(L, 1);

	free(e->layout);
	e->layout = mem_strdup(name);
	return 0;
}

/* Push the compiled template `name`, or raise an error. */
static void
S_get_template(lua_State *L, tpl_engine *e, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->tpl_ref);
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	if (!lua_isfunction(L, -1))
		luaL_error(L, msg("gabarit introuvable : templates/%s.html",
		    "template not found: templates/%s.html"), name);
}

/* partial("nav", arg): render templates/partials/nav.html with the same
 * page, and `arg` as its own variable. */
static int
S_partial(lua_State *L)
{
	tpl_engine *e = S_engine(L);
	const char *name = luaL_checkstring(L, 1);

	lua_settop(L, 2);
	lua_pushfstring(L, "partials/%s", name);
	S_get_template(L, e, lua_tostring(L, -1));
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->env_ref);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 1);
	return 1;
}

/* ---------------------------------------------------------------------
 * Pages as templates see them
 */

/*
 * Read-only tables. The site and the page summaries live as long as a
 * worker's Lua state and are seen by every page it renders: a template
 * that changed them would make a page depend on which worker rendered
 * what before it. Templates get proxies: empty tables whose metatable
 * reads from the data and refuses writes.
 */
static int
S_readonly(lua_State *L)
{
	return luaL_error(L, "%s", msg("site et page sont en lecture seule "
	    "dans les gabarits : utilisez une variable locale",
	    "site and page are read-only in templates: use a local "
	    "variable"));
}

/* The data behind proxy at idx (its metatable's __index). */
static void
S_proxy_data(lua_State *L, int idx)
{
	lua_getmetatable(L, idx);
	lua_getfield(L, -1, "__index");
	lua_remove(L, -2);
}

static int
S_proxy_len(lua_State *L)
{
	S_proxy_data(L, 1);
	lua_pushinteger(L, luaL_len(L, -1));
	return 1;
}

static int
S_proxy_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int
S_proxy_pairs(lua_State *L)
{
	lua_pushcfunction(L, S_proxy_next);
	S_proxy_data(L, 1);
	lua_pushnil(L);
	return 3;
}

static int
S_is_frozen(lua_State *L, int idx)
{
	int frozen;

	if (!lua_getmetatable(L, idx))
		return 0;
	frozen = lua_getfield(L, -1, "__frozen") != LUA_TNIL;
	lua_pop(L, 2);
	return frozen;
}

/* Replace the table on top of the stack by a read-only proxy of it;
 * with deep, its tables too (those already frozen stay as they are). */
static void
S_freeze(lua_State *L, int deep)
{
	int data = lua_gettop(L);

	if (!lua_istable(L, data) || S_is_frozen(L, data))
		return;
	luaL_checkstack(L, 6, NULL);
	if (deep) {
		lua_pushnil(L);
		while (lua_next(L, data) != 0) {
			if (lua_istable(L, -1) && !S_is_frozen(L, -1)) {
				S_freeze(L, 1);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, data);
			} else {
				lua_pop(L, 1);
			}
		}
	}
	lua_newtable(L);
	lua_createtable(L, 0, 6);
	lua_pushvalue(L, data);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, "__frozen");
	lua_pushcfunction(L, S_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, S_proxy_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, S_proxy_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_replace(L, data);
}

static void S_push_summary(lua_State *L, tpl_engine *e, int pi);

static void
S_set_str(lua_State *L, const char *key, const char *val)
{
	if (val == NULL)
		return;
	lua_pushstring(L, val);
	lua_setfield(L, -2, key);
}

/* "12", "-3", "4.5": numbers as a person writes them. "0612" (a phone
 * number) or "1e5" stay text. */
static int
S_numeric(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* Push a front-matter node as a Lua value: plain scalars that read as
 * numbers or booleans become numbers or booleans. */
static void
S_push_fm(lua_State *L, const fm_node *v)
{
	size_t i;

	switch (v->type) {
	case FM_SCALAR:
		if (v->plain && (strcmp(v->str, "true") == 0 ||
		    strcmp(v->str, "false") == 0))
			lua_pushboolean(L, v->str[0] == 't');
		else if (v->plain && S_numeric(v->str) &&
		    lua_stringtonumber(L, v->str) != 0)
			;
		else
			lua_pushstring(L, v->str);
		return;
	case FM_SEQ:
		lua_createtable(L, (int)v->n, 0);
		for (i = 0; i < v->n; i++) {
			S_push_fm(L, v->kids[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		return;
	case FM_MAP:
		lua_createtable(L, 0, (int)(v->n / 2));
		for (i = 0; i + 1 < v->n; i += 2) {
			S_push_fm(L, v->kids[i + 1]);
			lua_setfield(L, -2, v->kids[i]->str);
		}
		return;
	}
}

/*
 * __index of a page summary: the fields that lead to other pages or cost
 * a little are made on first use, then kept in the table.
 */
static int
S_summary_index(lua_State *L)
{
	tpl_engine *e = S_engine(L);
	const char *key = lua_tostring(L, 2);
	const page *p;
	const fm_node *v;
	lua_Integer pi;
	size_t i;
	int k;

	if (key == NULL)
		return 0;
	lua_getfield(L, 1, "_index");
	pi = lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (pi < 0 || pi >= e->s->npages)
		return 0;
	p = &e->s->pages[pi];
	if (strcmp(key, "module") == 0 && p->module >= 0) {
		S_push_summary(L, e, p->module);
	} else if (strcmp(key, "prev") == 0 && p->prev >= 0) {
		S_push_summary(L, e, p->prev);
	} else if (strcmp(key, "next") == 0 && p->next >= 0) {
		S_push_summary(L, e, p->next);
	} else if (strcmp(key, "lessons") == 0) {
		const page *m = p->kind == PAGE_LESSON ?
		    &e->s->pages[p->module] : p;

		lua_createtable(L, m->nlessons, 0);
		for (k = 0; k < m->nlessons; k++) {
			S_push_summary(L, e, m->lessons[k]);
			lua_rawseti(L, -2, k + 1);
		}
	} else if (strcmp(key, "nearby") == 0 && p->kind == PAGE_LESSON) {
		/* Its module's lessons, or past TPL_LESSON_LIST the
		 * 2 * TPL_NEARBY + 1 around it: a lesson page's size does not
		 * grow with its module. */
		const page *m = &e->s->pages[p->module];
		int lo = 0, hi = m->nlessons - 1;

		if (m->nlessons > TPL_LESSON_LIST) {
			lo = (int)pi - m->lessons[0] - TPL_NEARBY;
			hi = (int)pi - m->lessons[0] + TPL_NEARBY;
			if (lo < 0) {
				hi -= lo;
				lo = 0;
			}
			if (hi > m->nlessons - 1) {
				lo -= hi - (m->nlessons - 1);
				hi = m->nlessons - 1;
			}
		}
		lua_createtable(L, hi - lo + 1, 0);
		for (k = lo; k <= hi; k++) {
			S_push_summary(L, e, m->lessons[k]);
			lua_rawseti(L, -2, k - lo + 1);
		}
	} else if (strcmp(key, "objectives") == 0) {
		v = fm_get(p->fm, "objectives");
		if (v != NULL && v->type == FM_SCALAR) {
			lua_createtable(L, 1, 0);
			lua_pushstring(L, v->str);
			lua_rawseti(L, -2, 1);
		} else if (v != NULL) {
			S_push_fm(L, v);
		} else {
			lua_newtable(L);
		}
	} else if (strcmp(key, "glossary") == 0) {
		/* A list of {term, definition}, in the author's order. */
		v = fm_get(p->fm, "glossary");
		lua_newtable(L);
		for (i = 0; v != NULL && v->type == FM_MAP && i + 1 < v->n;
		    i += 2) {
			lua_createtable(L, 0, 2);
			lua_pushstring(L, v->kids[i]->str);
			lua_setfield(L, -2, "term");
			if (v->kids[i + 1]->type == FM_SCALAR)
				lua_pushstring(L, v->kids[i + 1]->str);
			else
				lua_pushliteral(L, "");
			lua_setfield(L, -2, "definition");
			lua_rawseti(L, -2, (lua_Integer)(i / 2 + 1));
		}
	} else if (strcmp(key, "params") == 0) {
		lua_newtable(L);
		for (i = 0; p->fm != NULL && i + 1 < p->fm->n; i += 2) {
			if (site_field_find(p->fm->kids[i]->str) != NULL)
				continue;
			S_push_fm(L, p->fm->kids[i + 1]);
			lua_setfield(L, -2, p->fm->kids[i]->str);
		}
	} else {
		return 0;
	}
	S_freeze(L, 1);
	lua_pushvalue(L, -1);
	lua_setfield(L, 1, key);
	return 1;
}

/* Push the summary table of page pi, made once per Lua state. */
static void
S_push_summary(lua_State *L, tpl_engine *e, int pi)
{
	const page *p = &e->s->pages[pi];

	lua_rawgeti(L, LUA_REGISTRYINDEX, e->cache_ref);
	if (lua_rawgeti(L, -1, pi + 1) == LUA_TTABLE) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	e->summaries++;
	lua_createtable(L, 0, 12);
	lua_pushinteger(L, pi);
	lua_setfield(L, -2, "_index");
	S_set_str(L, "kind", site_kind_name(p->kind));
	S_set_str(L, "id", p->id);
	S_set_str(L, "url", p->url);
	S_set_str(L, "source", p->src);
	S_set_str(L, "title", p->title);
	S_set_str(L, "title_html", p->title_html);
	S_set_str(L, "summary", p->summary);
	S_set_str(L, "level", p->level);
	S_set_str(L, "date", p->date);
	if (p->duration > 0) {
		lua_pushinteger(L, p->duration);
		lua_setfield(L, -2, "duration");
	}
	if (p->has_weight) {
		lua_pushinteger(L, p->weight);
		lua_setfield(L, -2, "weight");
	}
	if (p->kind == PAGE_LESSON) {
		const page *m = &e->s->pages[p->module];

		lua_pushinteger(L, pi - m->lessons[0] + 1);
		lua_setfield(L, -2, "number");
	}
	/* A module's count and time, without making its lessons' summaries
	 * (the home page of a large site would make them all). */
	if (p->kind == PAGE_MODULE) {
		lua_Integer total = 0;
		int k;

		for (k = 0; k < p->nlessons; k++)
			total += e->s->pages[p->lessons[k]].duration;
		lua_pushinteger(L, p->nlessons);
		lua_setfield(L, -2, "nlessons");
		if (total > 0) {
			lua_pushinteger(L, total);
			lua_setfield(L, -2, "lessons_duration");
		}
	}
	lua_pushboolean(L, p->draft);
	lua_setfield(L, -2, "draft");
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->cache_ref);
	lua_getfield(L, -1, "meta");
	lua_setmetatable(L, -3);
	lua_insert(L, -2);
	S_freeze(L, 0);
	lua_insert(L, -2);
	lua_pushvalue(L, -2);
	lua_rawseti(L, -2, pi + 1);
	lua_pop(L, 1);
	lua_remove(L, -2);
}

/* ---------------------------------------------------------------------
 * Engine
 */

/* Copy a value kept in the configuration state into this one. */
static void
S_copy_ref(lua_State *to, const cfg *c, int ref)
{
	/* The configuration's state is one for every worker, and a worker
	 * makes its state again while the others render (S_recycle). */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	lua_rawgeti(c->L, LUA_REGISTRYINDEX, ref);
	sbx_copy(c->L, -1, to, 0);
	lua_pop(c->L, 1);
	pthread_mutex_unlock(&lock);
}

static void
S_push_site(lua_State *L, tpl_engine *e)
{
	const site *s = e->s;
	int k;

	lua_createtable(L, 0, 10);
	S_set_str(L, "title", s->config.title);
	S_set_str(L, "language", s->config.language);
	S_set_str(L, "base_url", s->config.base_url);
	S_set_str(L, "root", s->config.root);
	S_set_str(L, "api", s->config.api);
	S_copy_ref(L, &s->config, s->config.params_ref);
	lua_setfield(L, -2, "params");
	if (s->home >= 0) {
		S_push_summary(L, e, s->home);
		lua_setfield(L, -2, "home");
	}
	lua_createtable(L, s->nmodules, 0);
	for (k = 0; k < s->nmodules; k++) {
		S_push_summary(L, e, s->modules[k]);
		lua_rawseti(L, -2, k + 1);
	}
	lua_setfield(L, -2, "modules");
	lua_createtable(L, s->nplain, 0);
	for (k = 0; k < s->nplain; k++) {
		S_push_summary(L, e, s->plain[k]);
		lua_rawseti(L, -2, k + 1);
	}
	lua_setfield(L, -2, "pages");
	/* Every term of the site, in alphabetical order. */
	lua_createtable(L, s->glossary.n, 0);
	for (k = 0; k < s->glossary.n; k++) {
		const gloss_term *t = &s->glossary.a[k];

		lua_createtable(L, 0, 4);
		S_set_str(L, "term", t->term);
		S_set_str(L, "definition", t->def);
		S_set_str(L, "anchor", t->anchor);
		S_push_summary(L, e, t->page);
		lua_setfield(L, -2, "page");
		lua_rawseti(L, -2, k + 1);
	}
	lua_setfield(L, -2, "glossary");
	if (s->glossary.page >= 0) {
		S_push_summary(L, e, s->glossary.page);
		lua_setfield(L, -2, "glossary_page");
	}
	S_freeze(L, 1);
}

/* spairs(t): pairs in sorted key order (numbers, then strings). */
static const char S_spairs[] =
	"local type, sort, pairs = type, table.sort, pairs\n"
	"return function(t)\n"
	"  local keys, n = {}, 0\n"
	"  for k in pairs(t) do n = n + 1; keys[n] = k end\n"
	"  sort(keys, function(a, b)\n"
	"    local ta, tb = type(a), type(b)\n"
	"    if ta ~= tb then return ta < tb end\n"
	"    return a < b\n"
	"  end)\n"
	"  local i = 0\n"
	"  return function()\n"
	"    i = i + 1\n"
	"    local k = keys[i]\n"
	"    if k ~= nil then return k, t[k] end\n"
	"  end\n"
	"end\n";

/*
 * The helpers templates call, each with what its upvalues hold. One row
 * per global name: a new helper is one function and one row here, plus
 * its line in docs/templates.md (docs/hacking.md). _escape_, _raw_ and
 * _concat_ are what compiled templates call (tpl_compile).
 */
const tpl_helper tpl_helpers[] = {
	{ "url", S_url, TPL_UP_ENGINE },
	{ "asset", S_asset, TPL_UP_ENGINE },
	{ "layout", S_layout, TPL_UP_ENGINE },
	{ "partial", S_partial, TPL_UP_ENGINE },
	{ "az_index", S_az_index, TPL_UP_ENGINE },
	{ "t", S_t, TPL_UP_I18N_PLURAL },
	{ "date", S_date, TPL_UP_I18N },
	{ "duration", S_duration, TPL_UP_NONE },
	{ "escape", S_escape, TPL_UP_NONE },
	{ "_escape_", S_escape, TPL_UP_NONE },
	{ "_raw_", S_raw, TPL_UP_NONE },
	{ NULL, NULL, TPL_UP_NONE },
};

void
tpl_push_helper(lua_State *L, tpl_engine *e, const tpl_helper *h, int i18n)
{
	switch (h->up) {
	case TPL_UP_NONE:
		lua_pushcfunction(L, h->fn);
		return;
	case TPL_UP_ENGINE:
		lua_pushlightuserdata(L, e);
		lua_pushcclosure(L, h->fn, 1);
		return;
	case TPL_UP_I18N:
		lua_pushvalue(L, i18n);
		lua_pushcclosure(L, h->fn, 1);
		return;
	case TPL_UP_I18N_PLURAL:
		lua_pushvalue(L, i18n);
		/* French says "0 leçon", English "0 lessons". */
		lua_pushboolean(L, strncmp(e->s->config.language, "fr", 2) ==
		    0);
		lua_pushcclosure(L, h->fn, 2);
		return;
	}
}

/* The globals every template sees: safe parts of the standard library,
 * Eystime's helpers and `site`. */
static void
S_push_base_env(lua_State *L, tpl_engine *e)
{
	static const char *const std[] = {
		"ipairs", "pairs", "select", "tostring", "tonumber", "type",
		"error", "assert", "rawequal", "string", "table", "math",
		"utf8", NULL,
	};
	const tpl_helper *h;
	int k, i18n;

	lua_newtable(L);
	for (k = 0; std[k] != NULL; k++) {
		lua_getglobal(L, std[k]);
		S_freeze(L, 0);
		lua_setfield(L, -2, std[k]);
	}
	/* t and date read the i18n texts, one copy for both. */
	S_copy_ref(L, &e->s->config, e->s->config.i18n_ref);
	i18n = lua_absindex(L, -1);
	for (h = tpl_helpers; h->name != NULL; h++) {
		tpl_push_helper(L, e, h, i18n);
		lua_setfield(L, -3, h->name);
	}
	lua_pop(L, 1);
	lua_getglobal(L, "table");
	lua_getfield(L, -1, "concat");
	lua_setfield(L, -3, "_concat_");
	lua_pop(L, 1);
	/* pairs() order changes from run to run; spairs keeps output the
	 * same for the same input. */
	if (luaL_loadstring(L, S_spairs) == LUA_OK && lua_pcall(L, 0, 1, 0) ==
	    LUA_OK)
		lua_setfield(L, -2, "spairs");
	else
		lua_pop(L, 1);
	S_push_site(L, e);
	lua_setfield(L, -2, "site");
}

/* The Lua state of e: helpers, site, templates. */
static int
S_open(tpl_engine *e)
{
	const tpl_set *set = e->set;
	const site *s = e->s;
	lua_State *L;
	int i, rc = 0;

	e->env_ref = LUA_NOREF;
	e->renders = 0;
	e->L = L = sbx_newstate(TPL_MAX_MEM);
	if (L == NULL)
		return -1;
	/* Page summaries live long, each render's tables die young: the
	 * generational collector does not walk the summaries again and again. */
	lua_gc(L, LUA_GCGEN, 0, 0);
	/* The summary cache and the metatable its tables share. */
	lua_newtable(L);
	lua_newtable(L);
	lua_pushlightuserdata(L, e);
	lua_pushcclosure(L, S_summary_index, 1);
	lua_setfield(L, -2, "__index");
	lua_setfield(L, -2, "meta");
	e->cache_ref = luaL_ref(L, LUA_REGISTRYINDEX);

	S_push_base_env(L, e);
	lua_newtable(L);
	for (i = 0; i < set->n; i++) {
		if (sbx_load(L, set->lua[i], strlen(set->lua[i]), set->path[i],
		    -2, s->d) < 0) {
			rc = -1;
			continue;
		}
		lua_setfield(L, -2, set->name[i]);
	}
	e->tpl_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	/* The base environment is the __index of each render's _ENV. */
	lua_newtable(L);
	lua_insert(L, -2);
	lua_setfield(L, -2, "__index");
	lua_setfield(L, LUA_REGISTRYINDEX, "eystime.envmeta");
	/* Count what renders read, not the site's own (its modules). */
	e->summaries = 0;
	return rc;
}

int
tpl_engine_init(tpl_engine *e, const site *s, const tpl_set *set,
	const tpl_assets *assets)
{
	memset(e, 0, sizeof *e);
	e->s = s;
	e->set = set;
	e->assets = assets;
	return S_open(e);
}

/*
 * A state caches the summary of every page a render reads, and a module's
 * summary keeps its lessons': over a large site each worker's state would
 * end up holding the whole site (the bench measured 45 MB of Lua at
 * 10,000 lessons). Pages render in content order, so a state that starts
 * afresh every TPL_RECYCLE pages keeps what the next pages need and lets
 * the rest go. The output is the same: templates cannot change the state.
 */
#define TPL_RECYCLE 200
/* A page that reads every lesson (the home page listing each module's
 * lessons) fills the cache at once: start afresh after it. */
#define TPL_RECYCLE_SUMMARIES 1000

int
tpl_engine_trim(tpl_engine *e)
{
	sbx_close(e->L);
	free(e->layout);
	e->layout = NULL;
	return S_open(e);
}

static int
S_recycle(tpl_engine *e)
{
	if (e->renders < TPL_RECYCLE && e->summaries < TPL_RECYCLE_SUMMARIES)
		return 0;
	return tpl_engine_trim(e);
}

void
tpl_engine_free(tpl_engine *e)
{
	sbx_close(e->L);
	free(e->layout);
	memset(e, 0, sizeof *e);
}

/* Push the table `page` for page pi: a fresh table that falls back on the
 * page's summary, with the rendered content and table of contents. */
static void
S_push_page(lua_State *L, tpl_engine *e, int pi, const md_out *md,
	const char *title, const char *kind)
{
	int k, n = 0;

	lua_createtable(L, 0, 4);
	if (pi >= 0) {
		lua_createtable(L, 0, 1);
		S_push_summary(L, e, pi);
		lua_setfield(L, -2, "__index");
		lua_setmetatable(L, -2);
	} else {
		buf esc;

		buf_init(&esc, BUF_UNBOUNDED);
		if (title != NULL)
			html_escape(&esc, title, strlen(title));
		S_set_str(L, "title", title);
		S_set_str(L, "title_html", title != NULL ? esc.data : NULL);
		buf_free(&esc);
		S_set_str(L, "url", e->special_url ? e->special_url : "");
		S_set_str(L, "kind", kind);
	}
	if (md == NULL)
		return;
	lua_pushlstring(L, md->html.data, md->html.len);
	lua_setfield(L, -2, "content");
	lua_pushboolean(L, md->nquiz > 0);
	lua_setfield(L, -2, "has_quiz");
	lua_newtable(L);
	for (k = 0; k < md->nh; k++) {
		if (!md->h[k].toc)
			continue;
		lua_createtable(L, 0, 3);
		lua_pushinteger(L, md->h[k].level);
		lua_setfield(L, -2, "level");
		S_set_str(L, "id", md->h[k].id);
		S_set_str(L, "text", md->h[k].text);
		lua_rawseti(L, -2, ++n);
	}
	lua_setfield(L, -2, "toc");
}

/* Run template `name` with _ENV at the top of the stack; leaves its output
 * string on the stack. Follows layout() calls. Runs under lua_pcall. */
static int
S_run(lua_State *L)
{
	tpl_engine *e = lua_touserdata(L, 1);
	const char *name = lua_tostring(L, 2);
	int depth;

	/* 1: engine, 2: name, 3: _ENV */
	free(e->layout);
	e->layout = NULL;
	S_get_template(L, e, name);
	lua_pushvalue(L, 3);
	lua_call(L, 1, 1);
	for (depth = 0; e->layout != NULL; depth++) {
		char *next = e->layout;

		if (depth >= TPL_MAX_LAYOUTS)
			return luaL_error(L, "%s", msg("trop de layout() "
			    "imbriqués", "too many nested layout() calls"));
		e->layout = NULL;
		lua_setfield(L, 3, "content");
		lua_pushstring(L, next);
		free(next);
		S_get_template(L, e, lua_tostring(L, -1));
		lua_pushvalue(L, 3);
		lua_call(L, 1, 1);
	}
	return 1;
}

int
tpl_render(tpl_engine *e, const char *name, int pi, const md_out *md,
	const char *title, buf *out)
{
	lua_State *L;
	const char *html;
	size_t n;
	int rc;

	if (S_recycle(e) < 0)
		return -1;
	e->renders++;
	L = e->L;
	e->cur_url = pi >= 0 ? e->s->pages[pi].url : e->special_url ?
	    e->special_url : "";
	lua_pushcfunction(L, S_run);
	lua_pushlightuserdata(L, e);
	lua_pushstring(L, name);
	/* _ENV: { page = … } over the base environment. */
	lua_createtable(L, 0, 2);
	lua_getfield(L, LUA_REGISTRYINDEX, "eystime.envmeta");
	lua_setmetatable(L, -2);
	S_push_page(L, e, pi, md, title, name);
	lua_setfield(L, -2, "page");
	lua_pushvalue(L, -1);
	e->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	sbx_budget(L, 100);
	rc = sbx_call_page(L, 3, 1, e->s->d, pi >= 0 && pi < e->s->npages ?
	    e->s->pages[pi].path : NULL);
	lua_sethook(L, NULL, 0, 0);
	luaL_unref(L, LUA_REGISTRYINDEX, e->env_ref);
	e->env_ref = LUA_NOREF;
	free(e->layout);
	e->layout = NULL;
	if (rc < 0)
		return -1;
	html = lua_tolstring(L, -1, &n);
	if (html != NULL)
		buf_add(out, html, n);
	lua_pop(L, 1);
	return 0;
}
