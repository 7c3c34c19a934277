/* Photos (cgi/image.c): any bytes through image_reencode, as a handler
 * would pass an uploaded file, libvips and its decoders (libjpeg-turbo,
 * libpng, libwebp) included. The pixel limit is lowered to 4 Mpx so
 * that each input stays quick. Aborts when a success breaks the promise:
 * a JPEG, at most 1,280 px and 200 KB, with no EXIF or XMP segment. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/image.h"

#define FUZZ_PIXELS (4L * 1000 * 1000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char err[256];
	const char *why = NULL;
	image_out o;

	if (!ready) {
		if (image_init("fuzz_image", err, sizeof err) < 0)
			abort();
		ready = 1;
	}
	if (image_reencode(data, size, FUZZ_PIXELS, &o, &why) < 0) {
		if (why == NULL || o.jpeg.data != NULL)
			abort();
		return 0;
	}
	if (o.jpeg.len == 0 || o.jpeg.len > IMAGE_MAX_OUT ||
	    image_sniff((const unsigned char *)o.jpeg.data, o.jpeg.len) !=
	    IMAGE_JPEG || o.width <= 0 || o.height <= 0 ||
	    o.width > IMAGE_MAX_SIDE || o.height > IMAGE_MAX_SIDE ||
	    memmem(o.jpeg.data, o.jpeg.len, "Exif", 4) != NULL ||
	    memmem(o.jpeg.data, o.jpeg.len, "http://ns.adobe.com", 19) != NULL)
		abort();
	buf_free(&o.jpeg);
	return 0;
}
