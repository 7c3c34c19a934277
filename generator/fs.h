/*
 * fs: the file-system chores of the generator. Paths are plain C strings;
 * every function returns 0 on success and -1 with errno set on failure.
 */
#ifndef EYSTIME_FS_H
#define EYSTIME_FS_H

#include <stddef.h>

#include "../common/buf.h"

/* The largest file eystime copies into a site (a theme's static file) or
 * its preview serves. */
#define FS_MAX_FILE (64u << 20)

/* Read a whole file into b (appended). Fails with EFBIG past max bytes. */
int fs_read(const char *path, size_t max, buf *b);
/* Write n bytes to path, creating its parent folders. */
int fs_write(const char *path, const void *data, size_t n);
/* Write all of p[0..n) to fd (again after a short write or EINTR). */
int fs_write_all(int fd, const char *p, size_t n);
/* Copy the file src to dst, creating dst's parent folders. */
int fs_copy(const char *src, const char *dst);
/* mkdir -p */
int fs_mkdirs(const char *path);
/* rm -rf; a path that does not exist is fine. */
int fs_rmtree(const char *path);
/* 1 when path is a folder, 0 otherwise. */
int fs_isdir(const char *path);
int fs_exists(const char *path);

/*
 * The regular files below root, as paths relative to root, sorted bytewise.
 * Hidden names (starting with '.') and symbolic links are skipped: a site
 * never reaches outside its folder. The caller frees each string and the
 * array. Returns the count, or -1 when root cannot be read.
 */
long fs_list(const char *root, char ***out);

#endif
