#include "qr.h"

#include <string.h>

#include <qrencode.h>

#include "../common/text.h"

#define QUIET 4 /* modules of white around the code, as the standard asks */

int
qr_svg(buf *b, const char *text, const char *label)
{
	QRcode *q;
	int w, n, x, y, run;

	if (text == NULL || *text == '\0' || strlen(text) > 1000)
		return -1;
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return -1;
	w = q->width;
	n = w + 2 * QUIET;
	buf_printf(b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"", n, n, 4 * n, 4 * n);
	html_escape(b, label, strlen(label));
	buf_printf(b, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" "
	    "height=\"%d\" fill=\"#fff\"></rect><path fill=\"#000\" "
	    "stroke=\"none\" d=\"", n, n);
	/* One rectangle per horizontal run of dark modules: a third of the
	 * bytes of one square per module. */
	for (y = 0; y < w; y++) {
		for (x = 0; x < w; x++) {
			if (!(q->data[y * w + x] & 1))
				continue;
			for (run = 1; x + run < w &&
			    (q->data[y * w + x + run] & 1); run++)
				;
			buf_printf(b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET,
			    run, run);
			x += run - 1;
		}
	}
	buf_puts(b, "\"></path></svg>");
	QRcode_free(q);
	return 0;
}
