#include "image.h"

#include <string.h>

#include <vips/vips.h>
#include <vips/vector.h>

#include "../common/msg.h"

#define IMAGE_QUALITY_MAX 82  /* the first JPEG quality tried */
#define IMAGE_QUALITY_MIN 42  /* below it, the size is lowered instead */
#define IMAGE_QUALITY_STEP 10
#define IMAGE_SHRINK 0.75     /* each size step: the sides × this */
#define IMAGE_MIN_SIDE 160    /* never smaller than this: give up */

static int S_ready;

/* The loaders kept; every other one (SVG, GIF, HEIF, PDF, ImageMagick…)
 * is blocked, so a file that slipped past image_sniff cannot reach it. */
static const char *const S_loaders[] = {
	"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
	"VipsForeignLoadWebpBuffer",
};

int
image_init(const char *argv0, char *err, size_t errsz)
{
	size_t i;

	if (S_ready)
		return 0;
	if (VIPS_INIT(argv0 != NULL ? argv0 : "eystime-cgi") != 0) {
		snprintf(err, errsz, "libvips: %s", vips_error_buffer());
		vips_error_clear();
		return -1;
	}
	/* One thread: the seccomp filter, and a small host. No cache: a
	 * request's images must not outlive it. */
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	vips_cache_set_max_mem(0);
	vips_cache_set_max_files(0);
	/* No run-time code generation (ORC writes code into a file in
	 * $HOME and maps it executable): plain C loops, a little slower,
	 * nothing for the sandbox to allow. */
	vips_vector_set_enabled(FALSE);
	vips_block_untrusted_set(TRUE);
	vips_operation_block_set("VipsForeignLoad", TRUE);
	for (i = 0; i < sizeof S_loaders / sizeof *S_loaders; i++)
		vips_operation_block_set(S_loaders[i], FALSE);
	S_ready = 1;
	return 0;
}

int
image_ready(void)
{
	return S_ready;
}

image_kind
image_sniff(const unsigned char *p, size_t n)
{
	size_t i;

	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMAGE_PNG;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return IMAGE_WEBP;
	if (n >= 4 && memcmp(p, "GIF8", 4) == 0)
		return IMAGE_GIF;
	if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
		return IMAGE_HEIC; /* HEIC, AVIF: an ISO media file */
	/* SVG: XML text, after spaces or a byte order mark. */
	for (i = 0; i < n && i < 512; i++)
		if (p[i] == '<')
			return n - i >= 4 && (memcmp(p + i, "<svg", 4) == 0 ||
			    memcmp(p + i, "<?xm", 4) == 0 ||
			    memcmp(p + i, "<!DO", 4) == 0) ? IMAGE_SVG :
			    IMAGE_UNKNOWN;
	return IMAGE_UNKNOWN;
}

static const char *
S_refused(image_kind k)
{
	switch (k) {
	case IMAGE_GIF:
		return msg("Les images GIF ne sont pas acceptées : envoyez "
		    "une photo JPEG, PNG ou WebP.", "GIF images are not "
		    "accepted: send a JPEG, PNG or WebP photo.");
	case IMAGE_SVG:
		return msg("Les images SVG ne sont pas acceptées : envoyez "
		    "une photo JPEG, PNG ou WebP.", "SVG images are not "
		    "accepted: send a JPEG, PNG or WebP photo.");
	case IMAGE_HEIC:
		return msg("Les photos HEIC ne sont pas acceptées : réglez "
		    "l'appareil photo sur « le plus compatible » (JPEG), ou "
		    "envoyez une capture d'écran.", "HEIC photos are not "
		    "accepted: set the camera to \"most compatible\" (JPEG), "
		    "or send a screenshot.");
	default:
		return msg("Ce fichier n'est pas une photo acceptée : "
		    "envoyez une photo JPEG, PNG ou WebP.", "This file is not "
		    "an accepted photo: send a JPEG, PNG or WebP photo.");
	}
}

int
image_check(const unsigned char *in, size_t n, const char **why)
{
	image_kind k;

	if (n > IMAGE_MAX_IN) {
		*why = msg("Photo trop lourde (10 Mo au plus).",
		    "Photo too large (10 MB at most).");
		return -1;
	}
	k = image_sniff(in, n);
	if (k != IMAGE_JPEG && k != IMAGE_PNG && k != IMAGE_WEBP) {
		*why = S_refused(k);
		return -1;
	}
	return 0;
}

/* The header only (libvips loaders are lazy): no pixel is decoded. */
static int
S_header(const unsigned char *in, size_t n, image_kind k, int *w, int *h)
{
	VipsImage *img = NULL;
	void *p = (void *)in;
	int rc;

	if (k == IMAGE_JPEG)
		rc = vips_jpegload_buffer(p, n, &img, NULL);
	else if (k == IMAGE_PNG)
		rc = vips_pngload_buffer(p, n, &img, NULL);
	else
		rc = vips_webpload_buffer(p, n, &img, NULL);
	if (rc != 0)
		return -1;
	*w = vips_image_get_width(img);
	*h = vips_image_get_height(img);
	g_object_unref(img);
	return 0;
}

/*
 * in, upright, at most side px on its long side, 8-bit sRGB without
 * alpha, every metadata field removed. A new reference in *out.
 */
static int
S_prepare(const unsigned char *in, size_t n, int side, VipsImage **out)
{
	VipsImage *t[5] = { NULL, NULL, NULL, NULL, NULL };
	double white[3] = { 255, 255, 255 };
	VipsArrayDouble *bg = NULL;
	gchar **fields = NULL;
	int rc = -1, i;

	/* Decode refusing any warning: a truncated or damaged file. */
	if (vips_thumbnail_buffer((void *)in, n, &t[0], side, "height", side,
	    "size", VIPS_SIZE_DOWN, "option_string", "fail_on=warning",
	    NULL) != 0)
		goto out;
	if (vips_colourspace(t[0], &t[1], VIPS_INTERPRETATION_sRGB,
	    NULL) != 0)
		goto out;
	if (vips_image_hasalpha(t[1])) {
		bg = vips_array_double_new(white, 3);
		if (vips_flatten(t[1], &t[2], "background", bg, NULL) != 0)
			goto out;
	} else if (vips_copy(t[1], &t[2], NULL) != 0) {
		goto out;
	}
	if (vips_cast_uchar(t[2], &t[3], NULL) != 0)
		goto out;
	/* Decoded once into memory (at most 1,280² × 3 bytes): the
	 * quality loop saves it again and again, and a sequential decode
	 * cannot be read twice. */
	if ((t[4] = vips_image_copy_memory(t[3])) == NULL)
		goto out;
	g_object_unref(t[3]);
	t[3] = t[4];
	t[4] = NULL;
	/* Nothing of the sender's file goes on: EXIF, XMP, IPTC, ICC,
	 * comments, PNG text chunks… every field but the image's own. */
	fields = vips_image_get_fields(t[3]);
	for (i = 0; fields != NULL && fields[i] != NULL; i++)
		if (vips_image_get_typeof(t[3], fields[i]) != 0 &&
		    strcmp(fields[i], "width") != 0 &&
		    strcmp(fields[i], "height") != 0 &&
		    strcmp(fields[i], "bands") != 0 &&
		    strcmp(fields[i], "format") != 0 &&
		    strcmp(fields[i], "coding") != 0 &&
		    strcmp(fields[i], "interpretation") != 0 &&
		    strcmp(fields[i], "xoffset") != 0 &&
		    strcmp(fields[i], "yoffset") != 0 &&
		    strcmp(fields[i], "xres") != 0 &&
		    strcmp(fields[i], "yres") != 0 &&
		    strcmp(fields[i], "filename") != 0 &&
		    strcmp(fields[i], "mode") != 0 &&
		    strcmp(fields[i], "scale") != 0 &&
		    strcmp(fields[i], "offset") != 0)
			vips_image_remove(t[3], fields[i]);
	*out = t[3];
	t[3] = NULL;
	rc = 0;
out:
	g_strfreev(fields);
	if (bg != NULL)
		vips_area_unref(VIPS_AREA(bg));
	for (i = 0; i < 5; i++)
		if (t[i] != NULL)
			g_object_unref(t[i]);
	return rc;
}

/* img as a JPEG of quality q into out (replacing its content). */
static int
S_save(VipsImage *img, int q, buf *out)
{
	void *data = NULL;
	size_t len = 0;
	int rc;

	if (vips_jpegsave_buffer(img, &data, &len, "Q", q, "strip", TRUE,
	    "optimize_coding", TRUE, "interlace", FALSE, NULL) != 0)
		return -1;
	buf_reset(out);
	rc = buf_add(out, data, len);
	g_free(data);
	return rc;
}

int
image_reencode(const unsigned char *in, size_t n, long max_pixels,
	image_out *out, const char **why)
{
	VipsImage *img = NULL;
	image_kind k;
	int w, h, side, q;

	memset(out, 0, sizeof *out);
	if (max_pixels <= 0)
		max_pixels = IMAGE_MAX_PIXELS;
	if (image_check(in, n, why) < 0)
		return -1;
	k = image_sniff(in, n);
	if (!S_ready) {
		*why = msg("Les photos ne sont pas disponibles ici pour le "
		    "moment.", "Photos are not available here for now.");
		return -1;
	}
	if (S_header(in, n, k, &w, &h) < 0) {
		vips_error_clear();
		*why = msg("Photo illisible ou abîmée : reprenez la photo et "
		    "envoyez-la de nouveau.", "Unreadable or damaged photo: "
		    "take it again and send it again.");
		return -1;
	}
	if (w <= 0 || h <= 0 || (double)w * (double)h > (double)max_pixels) {
		*why = msg("Photo trop grande (40 millions de pixels au "
		    "plus) : envoyez une photo plus petite.", "Photo too big "
		    "(40 megapixels at most): send a smaller one.");
		return -1;
	}
	buf_init(&out->jpeg, IMAGE_MAX_OUT);
	/* Lower the quality, then the size, until it fits. */
	for (side = IMAGE_MAX_SIDE; side >= IMAGE_MIN_SIDE;
	    side = (int)(side * IMAGE_SHRINK)) {
		if (S_prepare(in, n, side, &img) < 0)
			goto bad;
		for (q = IMAGE_QUALITY_MAX; q >= IMAGE_QUALITY_MIN;
		    q -= IMAGE_QUALITY_STEP) {
			if (S_save(img, q, &out->jpeg) == 0) {
				out->width = vips_image_get_width(img);
				out->height = vips_image_get_height(img);
				g_object_unref(img);
				return 0;
			}
			if (!out->jpeg.overflow)
				goto bad;
			out->jpeg.overflow = 0;
		}
		g_object_unref(img);
		img = NULL;
	}
bad:
	if (img != NULL)
		g_object_unref(img);
	vips_error_clear();
	buf_free(&out->jpeg);
	memset(out, 0, sizeof *out);
	*why = msg("Photo illisible ou abîmée : reprenez la photo et "
	    "envoyez-la de nouveau.", "Unreadable or damaged photo: take it "
	    "again and send it again.");
	return -1;
}
