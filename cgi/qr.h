/*
 * qr: QR codes as inline SVG (libqrencode), for the trainer's login
 * cards.
 */
#ifndef EYSTIME_QR_H
#define EYSTIME_QR_H

#include "../common/buf.h"

/*
 * Append an <svg class="qr"> drawing text as a QR code (error correction
 * level M, 4 modules of quiet zone, black on its own white square so it
 * scans in dark mode too), with role="img" and label (escaped here) as
 * its accessible name. Returns 0, or -1 when text cannot be encoded
 * (too long): nothing is appended then.
 */
int qr_svg(buf *b, const char *text, const char *label);

#endif
