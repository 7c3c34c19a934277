/*
 * inc: what an incremental build remembers between two builds (the build
 * cache). One record per output file: what it was made from (for a page,
 * a digest of every input its render reads; for a copied file, the
 * source's size, time and inode) and the size, time and inode the file had
 * once written, so that a file changed or removed behind eystime's back is
 * made again. build.c decides what to remake; this module only keeps the
 * records, reads and writes the cache file, and serializes small values
 * (check.c keeps what its cross-page checks need of each page in it).
 *
 * The cache file is binary, versioned, and read with every length checked:
 * a damaged or foreign file is no cache (the build is then a clean one).
 */
#ifndef EYSTIME_INC_H
#define EYSTIME_INC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "../common/buf.h"

#define INC_HASH 16 /* bytes of every digest (BLAKE2b-128) */

typedef enum inc_kind {
	INC_PAGE,   /* a page of the content, index.html */
	INC_GLOBAL, /* made from the site-wide inputs only: 404, shell,
	             * manifest, search page and index, sitemap, feed */
	INC_COPY,   /* a file copied as it is (content, theme's root/) */
	INC_FILE    /* made at each build and compared (theme's static/) */
} inc_kind;

typedef struct inc_rec {
	char *rel;          /* the path under the output folder */
	inc_kind kind;
	uint64_t size;      /* the output file as it was left */
	uint64_t mtime_ns;
	uint64_t ino;
	char *src;          /* INC_PAGE: its source under content/ */
	unsigned char digest[INC_HASH]; /* INC_PAGE: its inputs */
	char *check;        /* INC_PAGE: check_page_save's bytes */
	size_t ncheck;
	uint64_t ssize;     /* INC_COPY, INC_PAGE: the source file */
	uint64_t smtime_ns;
	uint64_t sino;
	uint64_t sctime_ns; /* INC_PAGE: the source's change time */
	/* INC_PAGE: what site_scan read of the source (site.h), so that a
	 * file that did not change is not read again. */
	unsigned char hash[INC_HASH];
	unsigned char fm_hash[INC_HASH];
	uint32_t body_off, body_line;
	char *fm;           /* site_fm_save's bytes */
	size_t nfm;
	char *quiz;         /* INC_PAGE: its quiz lines of the manifest
	                     * (a lesson's; NUL-terminated), or NULL */
	size_t nquiz;
	int pending;        /* this build wrote it in the staging folder */
} inc_rec;

typedef struct inc_cache {
	unsigned char global[INC_HASH]; /* the site-wide inputs' digest */
	uint64_t scan_ns;   /* when that build began to read the content
	                     * (CLOCK_REALTIME): a file changed since may
	                     * have the same times as when it was read */
	inc_rec *a;         /* records in build order */
	long n, cap;
	long *slot;         /* hash index of a by rel: index + 1, 0 empty */
	size_t nslot;
} inc_cache;

void inc_init(inc_cache *c);
/* Frees every record and the index. */
void inc_free(inc_cache *c);

/* Append an empty record for rel (copied) and return it; the pointer is
 * good until the next inc_add. Does not index it: call inc_index once all
 * are added. */
inc_rec *inc_add(inc_cache *c, const char *rel);
/* Index the records by rel; of two with the same rel, the later one. */
void inc_index(inc_cache *c);
/* The record of rel (the later one), or NULL. Needs inc_index. */
inc_rec *inc_find(const inc_cache *c, const char *rel);
/* 1 when a[i] is the record inc_find gives for its rel. */
int inc_is_winner(const inc_cache *c, long i);

/* Read the cache file at path into c (empty, inc_init'ed) and index it.
 * Returns 0, or -1 when it is missing or not a cache of this version. */
int inc_load(inc_cache *c, const char *path);
/* Write the winners of c to path (through a temporary file and a
 * rename). Returns 0 or -1 with errno. */
int inc_save(const inc_cache *c, const char *path);

/* Fill size, time and inode of r from st. */
void inc_set_stat(inc_rec *r, const struct stat *st);
/* 1 when st is the file r describes. */
int inc_same_stat(const inc_rec *r, const struct stat *st);

/* Serialization, for the cache, check.c and site.c: integers as LEB128
 * (7 bits a byte, most take one), strings prefixed by their length. */
void inc_put_u32(buf *b, uint32_t v);
void inc_put_u64(buf *b, uint64_t v);
void inc_put_str(buf *b, const char *s);

typedef struct inc_rd {
	const unsigned char *p;
	size_t n, off;
	int bad;            /* set once a read went past the end */
} inc_rd;

uint32_t inc_get_u32(inc_rd *r);
uint64_t inc_get_u64(inc_rd *r);
/* A string of the data, copied and NUL-terminated; the caller frees.
 * NULL (and bad set) past the end or on a NUL byte inside. */
char *inc_get_str(inc_rd *r);

#endif
