#include "inc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"

#define INC_MAGIC "eystime build cache 4\n"
#define INC_MAX_FILE (1u << 30)

void
inc_init(inc_cache *c)
{
	memset(c, 0, sizeof *c);
}

void
inc_free(inc_cache *c)
{
	long i;

	for (i = 0; i < c->n; i++) {
		free(c->a[i].rel);
		free(c->a[i].src);
		free(c->a[i].check);
		free(c->a[i].fm);
		free(c->a[i].quiz);
	}
	free(c->a);
	free(c->slot);
	memset(c, 0, sizeof *c);
}

inc_rec *
inc_add(inc_cache *c, const char *rel)
{
	inc_rec *r;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap + c->cap / 2 : 64;
		c->a = mem_alloc(c->a, (size_t)c->cap * sizeof *c->a);
	}
	r = &c->a[c->n++];
	memset(r, 0, sizeof *r);
	r->rel = mem_strdup(rel);
	return r;
}

/* FNV-1a: rels are short and few. */
static size_t
S_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void
inc_index(inc_cache *c)
{
	size_t want = 64, h;
	long i;

	while (want < (size_t)c->n * 2 + 1)
		want *= 2;
	free(c->slot);
	c->nslot = want;
	c->slot = mem_alloc(NULL, want * sizeof *c->slot);
	memset(c->slot, 0, want * sizeof *c->slot);
	for (i = 0; i < c->n; i++) {
		h = S_hash(c->a[i].rel) & (want - 1);
		while (c->slot[h] != 0 &&
		    strcmp(c->a[c->slot[h] - 1].rel, c->a[i].rel) != 0)
			h = (h + 1) & (want - 1);
		c->slot[h] = i + 1;
	}
}

inc_rec *
inc_find(const inc_cache *c, const char *rel)
{
	size_t h;

	if (c->nslot == 0)
		return NULL;
	h = S_hash(rel) & (c->nslot - 1);
	while (c->slot[h] != 0) {
		if (strcmp(c->a[c->slot[h] - 1].rel, rel) == 0)
			return &c->a[c->slot[h] - 1];
		h = (h + 1) & (c->nslot - 1);
	}
	return NULL;
}

int
inc_is_winner(const inc_cache *c, long i)
{
	return inc_find(c, c->a[i].rel) == &c->a[i];
}

void
inc_set_stat(inc_rec *r, const struct stat *st)
{
	r->size = (uint64_t)st->st_size;
	r->mtime_ns = (uint64_t)st->st_mtim.tv_sec * 1000000000u +
	    (uint64_t)st->st_mtim.tv_nsec;
	r->ino = (uint64_t)st->st_ino;
}

int
inc_same_stat(const inc_rec *r, const struct stat *st)
{
	inc_rec now;

	inc_set_stat(&now, st);
	return S_ISREG(st->st_mode) && now.size == r->size &&
	    now.mtime_ns == r->mtime_ns && now.ino == r->ino;
}

/* ------------------------------------------------------------------ */
/* Serialization */

/* LEB128: 7 bits a byte, low first; most values here take one byte. */
void
inc_put_u64(buf *b, uint64_t v)
{
	unsigned char x[10];
	size_t n = 0;

	do {
		x[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			x[n] |= 0x80;
		n++;
	} while (v != 0);
	buf_add(b, x, n);
}

void
inc_put_u32(buf *b, uint32_t v)
{
	inc_put_u64(b, v);
}

static void
S_put_bytes(buf *b, const void *p, size_t n)
{
	inc_put_u32(b, (uint32_t)n);
	buf_add(b, p, n);
}

void
inc_put_str(buf *b, const char *s)
{
	S_put_bytes(b, s ? s : "", s ? strlen(s) : 0);
}

static const unsigned char *
S_take(inc_rd *r, size_t n)
{
	const unsigned char *p;

	if (r->bad || n > r->n - r->off) {
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

uint64_t
inc_get_u64(inc_rd *r)
{
	const unsigned char *x;
	uint64_t v = 0;
	int shift;

	for (shift = 0; shift < 64; shift += 7) {
		if ((x = S_take(r, 1)) == NULL)
			return 0;
		if (shift == 63 && (*x & 0x7e) != 0)
			break;
		v |= (uint64_t)(*x & 0x7f) << shift;
		if (!(*x & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

uint32_t
inc_get_u32(inc_rd *r)
{
	uint64_t v = inc_get_u64(r);

	if (v > UINT32_MAX) {
		r->bad = 1;
		return 0;
	}
	return (uint32_t)v;
}

/* Bytes of a length-prefixed string, borrowed from the data. */
static const unsigned char *
S_get_bytes(inc_rd *r, size_t *n)
{
	*n = inc_get_u32(r);
	return S_take(r, *n);
}

char *
inc_get_str(inc_rd *r)
{
	size_t n;
	const unsigned char *p = S_get_bytes(r, &n);

	if (p == NULL || memchr(p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	return mem_strndup((const char *)p, n);
}

/* ------------------------------------------------------------------ */
/* The cache file */

int
inc_load(inc_cache *c, const char *path)
{
	buf data;
	inc_rd r;
	const unsigned char *g;
	long n, i;
	size_t ml = strlen(INC_MAGIC);

	buf_init(&data, INC_MAX_FILE);
	if (fs_read(path, INC_MAX_FILE, &data) < 0 || data.len < ml ||
	    memcmp(data.data, INC_MAGIC, ml) != 0) {
		buf_free(&data);
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.p = (const unsigned char *)data.data;
	r.n = data.len;
	r.off = ml;
	if ((g = S_take(&r, INC_HASH)) != NULL)
		memcpy(c->global, g, INC_HASH);
	c->scan_ns = inc_get_u64(&r);
	n = (long)inc_get_u32(&r);
	for (i = 0; i < n && !r.bad; i++) {
		char *rel = inc_get_str(&r);
		inc_rec *rec;
		const unsigned char *p;
		size_t k;

		if (rel == NULL)
			break;
		rec = inc_add(c, rel);
		free(rel);
		rec->kind = (inc_kind)inc_get_u32(&r);
		rec->size = inc_get_u64(&r);
		rec->mtime_ns = inc_get_u64(&r);
		rec->ino = inc_get_u64(&r);
		if (rec->kind == INC_PAGE) {
			rec->src = inc_get_str(&r);
			if ((p = S_take(&r, INC_HASH)) != NULL)
				memcpy(rec->digest, p, INC_HASH);
			if ((p = S_get_bytes(&r, &k)) != NULL) {
				rec->check = mem_alloc(NULL, k + 1);
				memcpy(rec->check, p, k);
				rec->ncheck = k;
			}
			rec->ssize = inc_get_u64(&r);
			rec->smtime_ns = inc_get_u64(&r);
			rec->sino = inc_get_u64(&r);
			rec->sctime_ns = inc_get_u64(&r);
			if ((p = S_take(&r, INC_HASH)) != NULL)
				memcpy(rec->hash, p, INC_HASH);
			if ((p = S_take(&r, INC_HASH)) != NULL)
				memcpy(rec->fm_hash, p, INC_HASH);
			rec->body_off = inc_get_u32(&r);
			rec->body_line = inc_get_u32(&r);
			if ((p = S_get_bytes(&r, &k)) != NULL) {
				rec->fm = mem_alloc(NULL, k + 1);
				memcpy(rec->fm, p, k);
				rec->nfm = k;
			}
			/* Its quiz lines: a string, "" for none. */
			if ((p = S_get_bytes(&r, &k)) != NULL && k > 0) {
				rec->quiz = mem_alloc(NULL, k + 1);
				memcpy(rec->quiz, p, k);
				rec->quiz[k] = '\0';
				rec->nquiz = k;
			}
		} else if (rec->kind == INC_COPY) {
			rec->ssize = inc_get_u64(&r);
			rec->smtime_ns = inc_get_u64(&r);
			rec->sino = inc_get_u64(&r);
		} else if (rec->kind != INC_GLOBAL && rec->kind != INC_FILE) {
			r.bad = 1;
		}
	}
	buf_free(&data);
	if (r.bad || i < n || r.off != r.n) {
		inc_free(c);
		return -1;
	}
	inc_index(c);
	return 0;
}

/* Write what out holds to fd once it passes INC_CHUNK bytes (or at the
 * end, with all): the cache of a 10,000-lesson site is several MB, and
 * holding it whole at the end of a build raised the peak memory. */
#define INC_CHUNK (256 * 1024)

static int
S_flush(int fd, buf *out, int all)
{
	int rc = 0;

	if (out->len >= INC_CHUNK || (all && out->len > 0)) {
		rc = fs_write_all(fd, out->data, out->len);
		buf_reset(out);
	}
	return rc;
}

int
inc_save(const inc_cache *c, const char *path)
{
	buf out, tmp;
	long i, n = 0;
	int rc = 0, fd;

	buf_init(&tmp, BUF_UNBOUNDED);
	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		buf_free(&tmp);
		return -1;
	}
	buf_init(&out, BUF_UNBOUNDED);
	buf_puts(&out, INC_MAGIC);
	buf_add(&out, c->global, INC_HASH);
	inc_put_u64(&out, c->scan_ns);
	for (i = 0; i < c->n; i++)
		n += inc_is_winner(c, i);
	inc_put_u32(&out, (uint32_t)n);
	for (i = 0; i < c->n && rc == 0; i++) {
		const inc_rec *r = &c->a[i];

		if (!inc_is_winner(c, i))
			continue;
		inc_put_str(&out, r->rel);
		inc_put_u32(&out, (uint32_t)r->kind);
		inc_put_u64(&out, r->size);
		inc_put_u64(&out, r->mtime_ns);
		inc_put_u64(&out, r->ino);
		if (r->kind == INC_PAGE) {
			inc_put_str(&out, r->src);
			buf_add(&out, r->digest, INC_HASH);
			S_put_bytes(&out, r->check ? r->check : "", r->ncheck);
			inc_put_u64(&out, r->ssize);
			inc_put_u64(&out, r->smtime_ns);
			inc_put_u64(&out, r->sino);
			inc_put_u64(&out, r->sctime_ns);
			buf_add(&out, r->hash, INC_HASH);
			buf_add(&out, r->fm_hash, INC_HASH);
			inc_put_u32(&out, r->body_off);
			inc_put_u32(&out, r->body_line);
			S_put_bytes(&out, r->fm ? r->fm : "", r->nfm);
			S_put_bytes(&out, r->quiz ? r->quiz : "", r->nquiz);
		} else if (r->kind == INC_COPY) {
			inc_put_u64(&out, r->ssize);
			inc_put_u64(&out, r->smtime_ns);
			inc_put_u64(&out, r->sino);
		}
		rc = S_flush(fd, &out, 0);
	}
	if (rc == 0)
		rc = S_flush(fd, &out, 1);
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp.data, path) < 0)
		rc = -1;
	if (rc < 0) {
		int e = errno;

		unlink(tmp.data);
		errno = e;
	}
	buf_free(&tmp);
	buf_free(&out);
	return rc;
}
