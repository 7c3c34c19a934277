/* cgi/image.c: what comes out of a participant's photo: upright, small,
 * sRGB JPEG, no metadata; what is refused, and why. Images are the
 * committed fixture (tests/fixtures/README.md) or made here by libvips. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vips/vips.h>

#include "../../cgi/image.h"
#include "../../cgi/sandbox.h"
#include "../../common/msg.h"
#include "check.h"

#define FIXTURE "tests/fixtures/photo-exif-gps.jpg"

static unsigned char *
S_read(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	p = malloc((size_t)len + 1);
	*n = fread(p, 1, (size_t)len, f);
	fclose(f);
	return p;
}

/* 1 when needle is somewhere in h[0..n). */
static int
S_has(const void *h, size_t n, const char *needle)
{
	return memmem(h, n, needle, strlen(needle)) != NULL;
}

/* The JPEG made, loaded back: NULL when libvips cannot read it. */
static VipsImage *
S_load(const image_out *o)
{
	VipsImage *img = NULL;

	if (vips_jpegload_buffer(o->jpeg.data, o->jpeg.len, &img, NULL) != 0)
		return NULL;
	return img;
}

static void
test_metadata_gone(void)
{
	size_t n;
	unsigned char *in = S_read(FIXTURE, &n);
	image_out o;
	const char *why = NULL;
	VipsImage *img;

	CHECK(in != NULL);
	if (in == NULL)
		return;
	/* The fixture does carry them. */
	CHECK(S_has(in, n, "Exif") && S_has(in, n, "SecretPhone"));
	CHECK(S_has(in, n, "Awa Secret") && S_has(in, n, "secretkeyword"));
	CHECK(S_has(in, n, "secret comment"));
	CHECK(image_reencode(in, n, 0, &o, &why) == 0);
	CHECK(why == NULL);
	CHECK(o.jpeg.len > 0 && o.jpeg.len <= IMAGE_MAX_OUT);
	CHECK(image_sniff((const unsigned char *)o.jpeg.data, o.jpeg.len) ==
	    IMAGE_JPEG);
	/* No APP1 (EXIF, XMP), APP13 (IPTC), APP2 (ICC), COM segment. */
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "Exif"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "SecretPhone"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "EystimeTestCam"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "http://ns.adobe.com"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "Awa Secret"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "Photoshop"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "secretkeyword"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "secret comment"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "ICC_PROFILE"));
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "\xff\xfe")); /* COM */
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "\xff\xe1")); /* APP1 */
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "\xff\xed")); /* APP13 */
	CHECK(!S_has(o.jpeg.data, o.jpeg.len, "\xff\xe2")); /* APP2 */
	/* And libvips, reading it back, finds none of them. */
	img = S_load(&o);
	CHECK(img != NULL);
	if (img != NULL) {
		CHECK(vips_image_get_typeof(img, VIPS_META_EXIF_NAME) == 0);
		CHECK(vips_image_get_typeof(img, VIPS_META_XMP_NAME) == 0);
		CHECK(vips_image_get_typeof(img, VIPS_META_IPTC_NAME) == 0);
		CHECK(vips_image_get_typeof(img, VIPS_META_ICC_NAME) == 0);
		CHECK(vips_image_get_typeof(img, "jpeg-comment-0") == 0);
		CHECK(vips_image_get_typeof(img, "exif-ifd3-GPSLatitude") == 0);
		CHECK(vips_image_get_typeof(img, VIPS_META_ORIENTATION) == 0);
		CHECK(vips_image_get_bands(img) == 3);
		CHECK(vips_image_guess_interpretation(img) ==
		    VIPS_INTERPRETATION_sRGB);
		g_object_unref(img);
	}
	buf_free(&o.jpeg);
	free(in);
}

static void
test_upright(void)
{
	size_t n;
	unsigned char *in = S_read(FIXTURE, &n);
	image_out o;
	const char *why = NULL;
	VipsImage *img;
	double *top = NULL, *bottom = NULL;
	int nt = 0, nb = 0;

	if (in == NULL) {
		CHECK(in != NULL);
		return;
	}
	/* 96 × 48 stored, "rotate 90° clockwise": 48 × 96 upright. */
	CHECK(image_reencode(in, n, 0, &o, &why) == 0);
	CHECK(o.width == 48 && o.height == 96);
	img = S_load(&o);
	CHECK(img != NULL);
	if (img != NULL) {
		CHECK(vips_image_get_width(img) == 48);
		CHECK(vips_image_get_height(img) == 96);
		/* The stored left edge (red low, blue high) is now on top,
		 * as the camera saw it. */
		CHECK(vips_getpoint(img, &top, &nt, 24, 3, NULL) == 0);
		CHECK(vips_getpoint(img, &bottom, &nb, 24, 92, NULL) == 0);
		CHECK(nt == 3 && nb == 3 && top[0] < 80 && bottom[0] > 160);
		CHECK(top[2] > 160 && bottom[2] < 80);
		g_free(top);
		g_free(bottom);
		g_object_unref(img);
	}
	buf_free(&o.jpeg);
	free(in);
}

/* A size × size/1.5 image of noise (which JPEG compresses badly), as kind
 * ("jpeg", "png"), alpha added when asked; into *out, *n (g_free). */
static int
S_make(int w, int h, const char *kind, int alpha, void **out, size_t *n)
{
	VipsImage *t[5] = { NULL, NULL, NULL, NULL, NULL };
	int rc = -1, i;

	/* Red: noise; green 90, blue 200; alpha 10 (nearly clear). */
	if (vips_gaussnoise(&t[0], w, h, "mean", 128.0, "sigma", 60.0,
	    NULL) != 0 || vips_cast_uchar(t[0], &t[1], NULL) != 0 ||
	    vips_bandjoin_const1(t[1], &t[2], 90.0, NULL) != 0 ||
	    vips_bandjoin_const1(t[2], &t[3], 200.0, NULL) != 0 ||
	    vips_bandjoin_const1(t[3], &t[4], 10.0, NULL) != 0)
		goto out;
	if (strcmp(kind, "png") == 0)
		rc = vips_pngsave_buffer(alpha ? t[4] : t[3], out, n, NULL);
	else
		rc = vips_jpegsave_buffer(t[3], out, n, "Q", 95, NULL);
out:
	for (i = 0; i < 5; i++)
		if (t[i] != NULL)
			g_object_unref(t[i]);
	return rc;
}

static void
test_large_shrunk(void)
{
	void *in = NULL;
	size_t n = 0;
	image_out o;
	const char *why = NULL;

	CHECK(S_make(3000, 2000, "jpeg", 0, &in, &n) == 0);
	CHECK(n > IMAGE_MAX_OUT * 4); /* noise: a heavy file */
	CHECK(image_reencode(in, n, 0, &o, &why) == 0);
	CHECK(o.width <= IMAGE_MAX_SIDE && o.height <= IMAGE_MAX_SIDE);
	CHECK(o.width > 0 && o.height > 0);
	CHECK(o.jpeg.len > 0 && o.jpeg.len <= IMAGE_MAX_OUT);
	/* The ratio is kept (3:2). */
	CHECK(o.width * 2 >= o.height * 3 - 3 && o.width * 2 <= o.height * 3 + 3);
	buf_free(&o.jpeg);
	g_free(in);
}

static void
test_png_alpha(void)
{
	void *in = NULL;
	size_t n = 0;
	image_out o;
	const char *why = NULL;
	VipsImage *img;
	double *px = NULL;
	int npx = 0;

	CHECK(S_make(300, 200, "png", 1, &in, &n) == 0);
	CHECK(image_sniff(in, n) == IMAGE_PNG);
	CHECK(image_reencode(in, n, 0, &o, &why) == 0);
	CHECK(o.width == 300 && o.height == 200);
	img = S_load(&o);
	CHECK(img != NULL);
	if (img != NULL) {
		/* Alpha gone: flattened on white (10/255 opaque: whitish). */
		CHECK(vips_image_get_bands(img) == 3);
		CHECK(vips_getpoint(img, &px, &npx, 10, 10, NULL) == 0);
		CHECK(npx == 3 && px != NULL && px[0] > 200 && px[1] > 200);
		g_free(px);
		g_object_unref(img);
	}
	buf_free(&o.jpeg);
	g_free(in);
}

static uint32_t
S_crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void
S_chunk(unsigned char *out, size_t *n, const char *type,
	const unsigned char *data, size_t len)
{
	uint32_t crc;

	out[*n] = (unsigned char)(len >> 24);
	out[*n + 1] = (unsigned char)(len >> 16);
	out[*n + 2] = (unsigned char)(len >> 8);
	out[*n + 3] = (unsigned char)len;
	memcpy(out + *n + 4, type, 4);
	memcpy(out + *n + 8, data, len);
	crc = S_crc(out + *n + 4, len + 4);
	*n += 8 + len;
	out[*n] = (unsigned char)(crc >> 24);
	out[*n + 1] = (unsigned char)(crc >> 16);
	out[*n + 2] = (unsigned char)(crc >> 8);
	out[*n + 3] = (unsigned char)crc;
	*n += 4;
}

static void
test_bomb_header(void)
{
	/* A PNG header for 60,000 × 60,000 (3.6 Gpx, 10 GB decoded) and a
	 * few bytes of data: the pixel limit refuses it from the header;
	 * decoding it would have failed as damaged instead. */
	unsigned char png[128], ihdr[13] = { 0, 0, 0xea, 0x60, 0, 0, 0xea,
	    0x60, 8, 2, 0, 0, 0 }, idat[8] = { 0x78, 0x9c, 0, 0, 0, 0, 0, 0 };
	size_t n = 8;
	image_out o;
	const char *why = NULL;
	void *small = NULL;
	size_t ns = 0;

	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	S_chunk(png, &n, "IHDR", ihdr, sizeof ihdr);
	S_chunk(png, &n, "IDAT", idat, sizeof idat);
	CHECK(image_sniff(png, n) == IMAGE_PNG);
	CHECK(image_reencode(png, n, 0, &o, &why) == -1);
	CHECK(why != NULL && strstr(why, "40 millions de pixels") != NULL);
	CHECK(o.jpeg.data == NULL);
	/* A real image above a lowered limit: refused the same way. */
	CHECK(S_make(400, 300, "png", 0, &small, &ns) == 0);
	why = NULL;
	CHECK(image_reencode(small, ns, 100000, &o, &why) == -1);
	CHECK(why != NULL && strstr(why, "trop grande") != NULL);
	why = NULL;
	CHECK(image_reencode(small, ns, 120000, &o, &why) == 0);
	buf_free(&o.jpeg);
	g_free(small);
}

static void
test_refused(void)
{
	static const char svg[] = "<?xml version=\"1.0\"?><svg xmlns="
	    "\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
	static const char svg2[] = "\xef\xbb\xbf  <svg></svg>";
	static const char gif[] = "GIF89a\x01\x00\x01\x00\x00\x00\x00;";
	static const char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";
	static const char text[] = "Bonjour, voici ma photo";
	const char *why = NULL;
	image_out o;
	size_t n;
	unsigned char *in = S_read(FIXTURE, &n);

	CHECK(image_reencode((const unsigned char *)svg, sizeof svg - 1, 0,
	    &o, &why) == -1 && why != NULL && strstr(why, "SVG") != NULL);
	CHECK(image_sniff((const unsigned char *)svg2, sizeof svg2 - 1) ==
	    IMAGE_SVG);
	CHECK(image_reencode((const unsigned char *)gif, sizeof gif - 1, 0,
	    &o, &why) == -1 && strstr(why, "GIF") != NULL);
	CHECK(image_reencode((const unsigned char *)heic, sizeof heic - 1, 0,
	    &o, &why) == -1 && strstr(why, "HEIC") != NULL);
	CHECK(image_reencode((const unsigned char *)text, sizeof text - 1, 0,
	    &o, &why) == -1 && strstr(why, "JPEG, PNG ou WebP") != NULL);
	CHECK(image_reencode((const unsigned char *)"", 0, 0, &o, &why) == -1);
	CHECK(image_reencode((const unsigned char *)"\xff\xd8\xff", 3, 0, &o,
	    &why) == -1 && strstr(why, "abîmée") != NULL);
	if (in != NULL) {
		/* Cut in the middle of the pixels: refused, not grey. */
		why = NULL;
		CHECK(image_reencode(in, n - 300, 0, &o, &why) == -1);
		CHECK(why != NULL && strstr(why, "abîmée") != NULL);
		CHECK(o.jpeg.data == NULL);
	}
	why = NULL;
	CHECK(image_reencode((const unsigned char *)"x", IMAGE_MAX_IN + 1, 0,
	    &o, &why) == -1 && strstr(why, "10 Mo") != NULL);
	free(in);
}

/* Re-encode the fixture with the program's seccomp filter on. */
static int
S_sandboxed(void)
{
	size_t n;
	unsigned char *in = S_read(FIXTURE, &n);
	image_out o;
	const char *why;
	void *big = NULL;
	size_t nb = 0;

	if (in == NULL)
		return 3;
	if (image_reencode(in, n, 0, &o, &why) != 0 || o.width != 48)
		return 4;
	buf_free(&o.jpeg);
	/* A large one too: the shrinking and quality loop, more threads'
	 * work. */
	if (S_make(2000, 1500, "jpeg", 0, &big, &nb) != 0 ||
	    image_reencode(big, nb, 0, &o, &why) != 0) {
		fprintf(stderr, "%s\n", vips_error_buffer());
		return 5;
	}
	buf_free(&o.jpeg);
	g_free(big);
	free(in);
	return 0;
}

static void
test_inside_seccomp(void)
{
	int p[2], status = 0, rc;
	char err[512], tmp[512];
	size_t got;
	ssize_t k;
	pid_t pid;

	CHECK(pipe(p) == 0);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char e[256];

		close(p[0]);
		dup2(p[1], 2);
		/* As main.c does: libvips started, then the filter. */
		if (image_init("test_cgi_image", e, sizeof e) < 0)
			_exit(97);
		rc = sandbox_filter(e, sizeof e);
		if (rc < 0) {
			fprintf(stderr, "%s\n", e);
			_exit(98);
		}
		if (rc == 0)
			_exit(99);
		_exit(S_sandboxed());
	}
	close(p[1]);
	/* All of it (the child must not meet a closed pipe), the start
	 * kept. */
	for (got = 0; (k = read(p[0], got < sizeof err - 1 ? err + got : tmp,
	    got < sizeof err - 1 ? sizeof err - 1 - got : sizeof tmp)) > 0;)
		if (got < sizeof err - 1)
			got += (size_t)k;
	err[got] = '\0';
	close(p[0]);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	if (WIFSIGNALED(status))
		printf("#   child killed by signal %d\n", WTERMSIG(status));
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (rc == 99) {
		printf("# no seccomp filter in this build (ASan, valgrind, "
		    "EYSTIME_NO_SECCOMP): the sandboxed re-encoding is not "
		    "checked\n");
		return;
	}
	if (rc != 0)
		printf("#   child exited %d: %s\n", rc, err);
	CHECK(rc == 0);
}

int
main(int argc, char **argv)
{
	char err[256];

	(void)argc;
	msg_set_language("fr");
	RUN(test_inside_seccomp); /* first: in a child, before our init */
	if (image_init(argv[0], err, sizeof err) < 0) {
		printf("not ok - image_init: %s\n", err);
		return 1;
	}
	RUN(test_metadata_gone);
	RUN(test_upright);
	RUN(test_large_shrunk);
	RUN(test_png_alpha);
	RUN(test_bomb_header);
	RUN(test_refused);
	return check_tests_failed != 0;
}
