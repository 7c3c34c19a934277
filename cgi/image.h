/*
 * image: a photo a participant sends, checked and re-encoded by libvips
 * into a small, safe JPEG.
 *
 * Only JPEG, PNG and WebP are accepted, by their first bytes (never by
 * the name or the declared type). The header alone is read first and an
 * image above IMAGE_MAX_PIXELS is refused before any pixel is decoded
 * (decompression bombs). Then it is decoded, refusing on any warning
 * (a truncated or damaged file), turned upright (EXIF orientation),
 * shrunk to IMAGE_MAX_SIDE on its long side, converted to sRGB, flattened
 * on white when it has transparency, and saved as a baseline JPEG of at
 * most IMAGE_MAX_OUT bytes (quality, then size, lowered until it fits)
 * with no metadata at all: no EXIF (so no GPS), XMP, IPTC, ICC profile
 * or comment.
 *
 * JPEG rather than WebP: every browser of the participants' phones, old
 * ones and w3m's viewers alike, shows it; at 1,280 px it fits in 200 KB.
 */
#ifndef EYSTIME_IMAGE_H
#define EYSTIME_IMAGE_H

#include <stddef.h>

#include "../common/buf.h"

#define IMAGE_MAX_IN (10 * 1024 * 1024)     /* bytes sent */
#define IMAGE_MAX_PIXELS (40L * 1000 * 1000) /* width × height, 40 Mpx */
#define IMAGE_MAX_SIDE 1280                 /* px of the long side */
#define IMAGE_MAX_OUT (200 * 1024)          /* bytes of the JPEG made */

typedef enum {
	IMAGE_JPEG, IMAGE_PNG, IMAGE_WEBP, /* accepted */
	IMAGE_GIF, IMAGE_SVG, IMAGE_HEIC, IMAGE_UNKNOWN /* refused */
} image_kind;

/* The result of a re-encoding. */
typedef struct image_out {
	buf jpeg;        /* the JPEG's bytes; the caller frees with buf_free */
	int width;       /* its size in px */
	int height;
} image_out;

/*
 * Start libvips once per process, before the seccomp filter (it loads
 * its modules then): one worker thread, no operation cache, every loader
 * but JPEG, PNG and WebP blocked. argv0 names the program. Returns 0, or
 * -1 with a reason in err.
 */
int image_init(const char *argv0, char *err, size_t errsz);

/* 1 once image_init has succeeded in this process. */
int image_ready(void);

/* What the first bytes of p[0..n) say the file is. */
image_kind image_sniff(const unsigned char *p, size_t n);

/* The checks that need no decoding (size, magic bytes): 0, or -1 with
 * the reason in *why. image_reencode makes them first too. */
int image_check(const unsigned char *in, size_t n, const char **why);

/*
 * Re-encode in[0..n) into out (initialised here; on success the caller
 * buf_free()s out->jpeg), refusing images of more than max_pixels (0:
 * IMAGE_MAX_PIXELS). Returns 0, or -1 with a reason in plain words for
 * the person who sent it (msg(): French or English) in *why, out then
 * holding nothing to free. Without image_init, every photo is refused
 * ("not available here").
 */
int image_reencode(const unsigned char *in, size_t n, long max_pixels,
	image_out *out, const char **why);

#endif
