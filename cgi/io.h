/*
 * io: the only place that knows whether we run under FastCGI or as plain
 * CGI. libfcgi's FCGI_Accept does both: as CGI it accepts once.
 */
#ifndef EYSTIME_IO_H
#define EYSTIME_IO_H

#include <stddef.h>

/* Wait for the next request; 0 when there is none (end of the loop). */
int io_accept(void);
/* Read up to n bytes of the request body; returns the count (0 at end). */
size_t io_read(void *p, size_t n);
/* Write the response. */
void io_write(const void *p, size_t n);
/* A line for the web server's error log (stderr of CGI or FastCGI). */
void io_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
