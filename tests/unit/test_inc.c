/* The build cache (generator/inc.c) and the front matter trees it keeps
 * (site_fm_save/load): what is written reads back the same; a damaged or
 * foreign file is no cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../generator/diag.h"
#include "../../generator/fm.h"
#include "../../generator/fs.h"
#include "../../generator/inc.h"
#include "../../generator/site.h"
#include "check.h"

static char S_dir[] = "/tmp/eystime-test-inc-XXXXXX";

static char *
S_path(const char *name)
{
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "%s/%s", S_dir, name);
	return buf_detach(&b);
}

static void
S_fill(inc_cache *c)
{
	inc_rec *r;

	inc_init(c);
	memset(c->global, 7, INC_HASH);
	c->scan_ns = 1234567890123ull;
	r = inc_add(c, "budget/01-a/index.html");
	r->kind = INC_PAGE;
	r->size = 42;
	r->mtime_ns = 99;
	r->ino = 5;
	r->src = mem_strdup("budget/01-a.md");
	memset(r->digest, 3, INC_HASH);
	r->check = mem_strdup("abc");
	r->ncheck = 3;
	r->sctime_ns = 77;
	r->body_off = 40;
	r->body_line = 6;
	r->fm = mem_strdup("xyz");
	r->nfm = 3;
	r = inc_add(c, "static/a.css");
	r->kind = INC_COPY;
	r->ssize = 10;
	r = inc_add(c, "static/a.css"); /* the later one wins */
	r->kind = INC_COPY;
	r->ssize = 11;
	r = inc_add(c, "sitemap.xml");
	r->kind = INC_GLOBAL;
	inc_index(c);
}

static void
test_roundtrip(void)
{
	inc_cache c, d;
	char *path = S_path("cache");
	const inc_rec *r;

	S_fill(&c);
	CHECK(inc_find(&c, "static/a.css")->ssize == 11);
	CHECK(!inc_is_winner(&c, 1));
	CHECK(inc_save(&c, path) == 0);
	inc_init(&d);
	CHECK(inc_load(&d, path) == 0);
	CHECK(d.n == 3); /* the loser is not saved */
	CHECK(memcmp(d.global, c.global, INC_HASH) == 0);
	CHECK(d.scan_ns == 1234567890123ull);
	r = inc_find(&d, "budget/01-a/index.html");
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(r->kind == INC_PAGE && r->size == 42 && r->mtime_ns == 99 &&
		    r->ino == 5 && r->sctime_ns == 77 && r->body_off == 40 &&
		    r->body_line == 6);
		CHECK_STR(r->src, "budget/01-a.md");
		CHECK(r->ncheck == 3 && memcmp(r->check, "abc", 3) == 0);
		CHECK(r->nfm == 3 && memcmp(r->fm, "xyz", 3) == 0);
	}
	r = inc_find(&d, "static/a.css");
	CHECK(r != NULL && r->kind == INC_COPY && r->ssize == 11);
	CHECK(inc_find(&d, "nope") == NULL);
	inc_free(&c);
	inc_free(&d);
	free(path);
}

/* Every cut of a good file, and every byte changed in its header, is
 * refused (or, for a changed byte in a value, read without harm). */
static void
test_damaged(void)
{
	inc_cache c, d;
	char *path = S_path("cache"), *bad = S_path("bad");
	buf data;
	size_t k;
	int refused = 0;

	S_fill(&c);
	CHECK(inc_save(&c, path) == 0);
	buf_init(&data, BUF_UNBOUNDED);
	CHECK(fs_read(path, BUF_UNBOUNDED, &data) == 0);
	for (k = 0; k < data.len; k++) {
		CHECK(fs_write(bad, data.data, k) == 0);
		inc_init(&d);
		refused += inc_load(&d, bad) < 0;
		inc_free(&d);
	}
	CHECK(refused == (int)data.len);
	for (k = 0; k < data.len; k++) {
		data.data[k] ^= 0x5a;
		CHECK(fs_write(bad, data.data, data.len) == 0);
		inc_init(&d);
		if (inc_load(&d, bad) == 0)
			CHECK(d.n <= 3);
		inc_free(&d);
		data.data[k] ^= 0x5a;
	}
	inc_init(&d);
	CHECK(inc_load(&d, S_dir) < 0); /* a folder */
	inc_free(&d);
	CHECK(fs_write(bad, "eystime build cache 1\n", 22) == 0);
	inc_init(&d);
	CHECK(inc_load(&d, bad) < 0); /* another version */
	inc_free(&d);
	buf_free(&data);
	inc_free(&c);
	free(path);
	free(bad);
}

static void
test_fm_tree(void)
{
	static const char src[] = "---\ntitle: \"Un: titre\"\nweight: 2\n"
	    "objectives:\n  - \"un\"\n  - deux\nglossary:\n  Mot: \"Sens\"\n"
	    "---\nCorps\n";
	diag d;
	fm_doc doc;
	fm_node *back;
	buf a, b;
	size_t k;

	diag_init(&d);
	CHECK(fm_parse(src, sizeof src - 1, "x.md", &d, &doc) == 0);
	buf_init(&a, BUF_UNBOUNDED);
	buf_init(&b, BUF_UNBOUNDED);
	site_fm_save(doc.root, &a);
	back = site_fm_load(a.data, a.len);
	CHECK(back != NULL);
	if (back != NULL) {
		site_fm_save(back, &b);
		CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
		CHECK_STR(fm_get(back, "title")->str, "Un: titre");
		CHECK(fm_get(back, "objectives")->n == 2);
		CHECK(fm_get(back, "weight")->line == 3);
	}
	free(back);
	/* Cut anywhere: refused, never a crash nor a leak. */
	for (k = 0; k < a.len; k++)
		CHECK(site_fm_load(a.data, k) == NULL);
	/* A mapping whose key is not a text. */
	buf_reset(&b);
	inc_put_u32(&b, FM_MAP);
	inc_put_u32(&b, 1);
	inc_put_u32(&b, 0);
	inc_put_u32(&b, 0);
	inc_put_u32(&b, 2);
	for (k = 0; k < 2; k++) {
		inc_put_u32(&b, FM_SEQ);
		inc_put_u32(&b, 1);
		inc_put_u32(&b, 0);
		inc_put_u32(&b, 0);
		inc_put_u32(&b, 0);
	}
	CHECK(site_fm_load(b.data, b.len) == NULL);
	fm_free(doc.root);
	buf_free(&a);
	buf_free(&b);
	diag_free(&d);
}

int
main(void)
{
	if (mkdtemp(S_dir) == NULL)
		return 1;
	RUN(test_roundtrip);
	RUN(test_damaged);
	RUN(test_fm_tree);
	fs_rmtree(S_dir);
	CHECK_EXIT();
}
