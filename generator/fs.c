#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
fs_read(const char *path, size_t max, buf *b)
{
	char tmp[BUF_CHUNK];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		n = read(fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b->len + (size_t)n > max || buf_add(b, tmp, (size_t)n) < 0) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
	}
	close(fd);
	return n < 0 ? -1 : 0;
}

/* mkdir -p, from the deepest folder up: a page's folder usually lacks
 * only its last part, so that costs one mkdir, not one per level. */
int
fs_mkdirs(const char *path)
{
	char *p, *slash;
	int rc;

	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	p = mem_strdup(path);
	slash = strrchr(p, '/');
	while (slash != NULL && slash > p && slash[1] == '\0') {
		*slash = '\0';
		slash = strrchr(p, '/');
	}
	rc = -1;
	if (slash != NULL && slash > p) {
		*slash = '\0';
		rc = fs_mkdirs(p);
	}
	free(p);
	if (rc == 0 && mkdir(path, 0755) < 0 && errno != EEXIST)
		rc = -1;
	return rc;
}

static int
S_mkparent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (slash == NULL || slash == path)
		return 0;
	dir = mem_strndup(path, (size_t)(slash - path));
	rc = fs_mkdirs(dir);
	free(dir);
	return rc;
}

int
fs_write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
S_open_out(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 && errno == ENOENT && S_mkparent(path) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	return fd;
}

int
fs_write(const char *path, const void *data, size_t n)
{
	int fd = S_open_out(path), rc;

	if (fd < 0)
		return -1;
	rc = fs_write_all(fd, data, n);
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

int
fs_copy(const char *src, const char *dst)
{
	char tmp[BUF_CHUNK];
	ssize_t n;
	int in, out, rc = 0;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = S_open_out(dst);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, tmp, sizeof tmp)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fs_write_all(out, tmp, (size_t)n) < 0) {
			rc = -1;
			break;
		}
	}
	close(in);
	if (close(out) < 0)
		rc = -1;
	return rc;
}

int
fs_isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fs_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int
fs_rmtree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	buf p;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	d = opendir(path);
	if (d == NULL)
		return -1;
	buf_init(&p, BUF_MAX_PATH);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", path, e->d_name);
		if (p.overflow || fs_rmtree(p.data) < 0)
			rc = -1;
	}
	closedir(d);
	buf_free(&p);
	if (rmdir(path) < 0)
		rc = -1;
	return rc;
}

typedef struct list {
	char **a;
	long n, cap;
} list;

static void
S_push(list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->a = mem_alloc(l->a, (size_t)l->cap * sizeof *l->a);
	}
	l->a[l->n++] = s;
}

/* Walk root/rel; rel is "" at the top. Depth is capped to stop loops made
 * by bind mounts and to bound the work. */
static int
S_walk(const char *root, const char *rel, list *l, int depth)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	buf full, sub;
	int rc = 0;

	if (depth > 16)
		return 0;
	buf_init(&full, BUF_MAX_PATH);
	buf_printf(&full, "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(full.data);
	if (d == NULL) {
		buf_free(&full);
		return -1;
	}
	buf_init(&sub, BUF_MAX_PATH);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		buf_truncate(&full, strlen(root));
		buf_printf(&full, "/%s", sub.data);
		if (full.overflow || sub.overflow)
			continue;
		/* The entry's own type (a link is a link, as with lstat),
		 * when the file system gives it: one lstat less per file. */
		if (e->d_type == DT_DIR)
			st.st_mode = S_IFDIR;
		else if (e->d_type == DT_REG)
			st.st_mode = S_IFREG;
		else if (e->d_type != DT_UNKNOWN)
			continue;
		else if (lstat(full.data, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc |= S_walk(root, sub.data, l, depth + 1);
		else if (S_ISREG(st.st_mode))
			S_push(l, buf_detach(&sub));
	}
	closedir(d);
	buf_free(&full);
	buf_free(&sub);
	return rc;
}

static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long
fs_list(const char *root, char ***out)
{
	list l = { NULL, 0, 0 };

	if (S_walk(root, "", &l, 0) < 0 && l.n == 0) {
		free(l.a);
		return -1;
	}
	if (l.n > 1)
		qsort(l.a, (size_t)l.n, sizeof *l.a, S_strcmp);
	*out = l.a;
	return l.n;
}
