#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../common/buf.h"
#include "../common/text.h"
#include "config.h"
#include "diag.h"
#include "fs.h"

#define SERVE_MAX_BODY (64 * 1024)
/* A file of the built site it serves, and what the CGI answers. */
#define SERVE_MAX_FILE FS_MAX_FILE
#define SERVE_MAX_RESPONSE (8u << 20)
/* Room for a burst of inotify events. */
#define SERVE_EVENTS 16384
#define RELOAD_SCRIPT "<script>new EventSource(\"/__eystime/events\")" \
	".onmessage=function(){location.reload()};</script>\n"

typedef struct serve {
	build_opts opts;        /* the build, into out */
	char *out;              /* the site as built */
	char *db;               /* the development database */
	char *cgi;              /* eystime-cgi beside this program */
	char *api;              /* the api prefix of site.lua */
	char origin[64];        /* http://127.0.0.1:PORT */
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a build finished */
	unsigned long gen;      /* builds so far */
	char *errors;           /* the last build's messages when it failed */
	int stop;
} serve;

/* Build, keep the messages for the browser when it fails, and wake the
 * pages waiting for a reload. */
static void
S_build(serve *sv)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int rc;

	sv->opts.log = m;
	rc = build_run(&sv->opts);
	fclose(m);
	fputs(text, stderr);
	pthread_mutex_lock(&sv->lock);
	free(sv->errors);
	sv->errors = rc == 0 ? NULL : text;
	if (rc == 0)
		free(text);
	sv->gen++;
	pthread_cond_broadcast(&sv->changed);
	pthread_mutex_unlock(&sv->lock);
	if (rc == 0)
		fprintf(stderr, "%s", msg("eystime: site à jour\n",
		    "eystime: site up to date\n"));
}

/* ------------------------------------------------------------------ */
/* Watching the files */

static void
S_watch_tree(int fd, const char *dir, int depth)
{
	char **files = NULL;
	long n, i;
	buf sub;

	if (depth > 8 || !fs_isdir(dir))
		return;
	inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_MODIFY |
	    IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE);
	/* fs_list gives files; watch the folders that hold them. */
	n = fs_list(dir, &files);
	buf_init(&sub, BUF_MAX_PATH);
	for (i = 0; i < n; i++) {
		char *slash = strrchr(files[i], '/');

		if (slash != NULL) {
			buf_reset(&sub);
			buf_printf(&sub, "%s/%.*s", dir, (int)(slash - files[i]),
			    files[i]);
			inotify_add_watch(fd, sub.data, IN_CREATE | IN_DELETE |
			    IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO |
			    IN_CLOSE_WRITE);
		}
		free(files[i]);
	}
	free(files);
	buf_free(&sub);
}

static void
S_watch_all(serve *sv, int fd)
{
	char *p;

	p = build_join(sv->opts.site_dir, "content");
	S_watch_tree(fd, p, 0);
	free(p);
	p = build_join(sv->opts.site_dir, "themes");
	S_watch_tree(fd, p, 0);
	free(p);
	/* site.lua: watch its folder (editors replace the file). */
	inotify_add_watch(fd, sv->opts.site_dir, IN_CLOSE_WRITE |
	    IN_MOVED_TO | IN_CREATE);
}

static void *
S_watcher(void *arg)
{
	serve *sv = arg;
	char ev[SERVE_EVENTS];
	int fd = inotify_init1(IN_CLOEXEC);
	struct timespec quiet = { 0, 100 * 1000000 };

	if (fd < 0)
		return NULL;
	S_watch_all(sv, fd);
	while (!sv->stop) {
		struct pollfd pf = { fd, POLLIN, 0 };
		ssize_t n;

		/* Wake up now and then to see whether we must stop. */
		if (poll(&pf, 1, 200) <= 0)
			continue;
		if ((n = read(fd, ev, sizeof ev)) <= 0)
			continue;
		/* Editors write in bursts: wait for the quiet, drain, build. */
		nanosleep(&quiet, NULL);
		fcntl(fd, F_SETFL, O_NONBLOCK);
		while (read(fd, ev, sizeof ev) > 0)
			;
		fcntl(fd, F_SETFL, 0);
		S_build(sv);
		/* New folders need their watch. */
		S_watch_all(sv, fd);
	}
	close(fd);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Answers */

typedef struct req {
	buf body;      /* a POST's body, up to SERVE_MAX_BODY */
	int too_big;
} req;

static enum MHD_Result
S_send(struct MHD_Connection *c, unsigned status, const char *type,
	const char *data, size_t n)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(n,
	    (void *)(uintptr_t)data, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* An HTML page with the reload script before </body>. */
static enum MHD_Result
S_send_html(struct MHD_Connection *c, unsigned status, const buf *html)
{
	const char *end = strstr(html->data, "</body>");
	buf b;
	enum MHD_Result rc;

	buf_init(&b, BUF_UNBOUNDED);
	if (end == NULL)
		end = html->data + html->len;
	buf_add(&b, html->data, (size_t)(end - html->data));
	buf_puts(&b, RELOAD_SCRIPT);
	buf_puts(&b, end);
	rc = S_send(c, status, "text/html; charset=utf-8", b.data, b.len);
	buf_free(&b);
	return rc;
}

static enum MHD_Result
S_error_page(struct MHD_Connection *c, const char *errors)
{
	buf b;
	enum MHD_Result rc;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head><meta "
	    "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\"><title>%s</title></head>\n<body "
	    "style=\"font: 18px/1.5 system-ui, sans-serif; margin: 1rem\">\n"
	    "<h1>%s</h1>\n<p>%s</p>\n<pre style=\"white-space: pre-wrap\">",
	    msg("fr", "en"), msg("Erreur de construction", "Build error"),
	    msg("Le site ne se construit pas", "The site does not build"),
	    msg("Corrigez le fichier et la ligne indiqués : la page "
	    "reviendra toute seule.", "Fix the file at the line shown: the "
	    "page will come back by itself."));
	html_escape(&b, errors, strlen(errors));
	buf_puts(&b, "</pre>\n</body>\n</html>\n");
	rc = S_send_html(c, 200, &b);
	buf_free(&b);
	return rc;
}

static const char *
S_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".webp", "image/webp" },
		{ ".xml", "application/xml" }, { ".pdf", "application/pdf" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static enum MHD_Result
S_static(serve *sv, struct MHD_Connection *c, const char *url)
{
	buf path, data;
	unsigned status = 200;
	enum MHD_Result rc;

	/* Paths never leave the site: no "..", no backslash. */
	if (strstr(url, "..") != NULL || strchr(url, '\\') != NULL)
		return S_send(c, 400, "text/plain", "bad path\n", 9);
	buf_init(&path, BUF_MAX_TEXT);
	buf_init(&data, SERVE_MAX_FILE);
	buf_printf(&path, "%s%s", sv->out, url);
	if (fs_isdir(path.data)) {
		if (path.data[path.len - 1] != '/')
			buf_putc(&path, '/');
		buf_puts(&path, "index.html");
	}
	if (fs_read(path.data, data.max, &data) < 0) {
		buf_reset(&path);
		buf_reset(&data);
		buf_printf(&path, "%s/404.html", sv->out);
		status = 404;
		if (fs_read(path.data, data.max, &data) < 0)
			buf_puts(&data, "404\n");
	}
	if (strcmp(S_type(path.data), S_type("x.html")) == 0)
		rc = S_send_html(c, status, &data);
	else
		rc = S_send(c, status, S_type(path.data), data.data, data.len);
	buf_free(&path);
	buf_free(&data);
	return rc;
}

/* The events stream: one "reload" when a build after this one ends. */
typedef struct sse {
	serve *sv;
	unsigned long gen; /* the build the page was made by */
	int sent;
} sse;

static ssize_t
S_sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	sse *e = cls;
	struct timespec until;
	static const char ping[] = ": ping\n\n", reload[] = "data: reload\n\n";
	int got;

	(void)pos;
	if (e->sent || max < sizeof reload)
		return MHD_CONTENT_READER_END_OF_STREAM;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 15;
	pthread_mutex_lock(&e->sv->lock);
	while (e->sv->gen == e->gen && !e->sv->stop &&
	    pthread_cond_timedwait(&e->sv->changed, &e->sv->lock,
	    &until) == 0)
		;
	got = e->sv->gen != e->gen;
	pthread_mutex_unlock(&e->sv->lock);
	if (e->sv->stop)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (!got) {
		memcpy(out, ping, sizeof ping - 1);
		return (ssize_t)(sizeof ping - 1);
	}
	e->sent = 1;
	memcpy(out, reload, sizeof reload - 1);
	return (ssize_t)(sizeof reload - 1);
}

static enum MHD_Result
S_events(serve *sv, struct MHD_Connection *c)
{
	sse *e = mem_alloc(NULL, sizeof *e);
	struct MHD_Response *r;
	enum MHD_Result rc;

	e->sv = sv;
	e->sent = 0;
	pthread_mutex_lock(&sv->lock);
	e->gen = sv->gen;
	pthread_mutex_unlock(&sv->lock);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64,
	    S_sse_read, e, free);
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* ------------------------------------------------------------------ */
/* eystime-cgi, run as a plain CGI */

typedef struct env {
	char *v[32];
	int n;
} env;

static void
S_env(env *e, const char *name, const char *value)
{
	buf b;

	if (value == NULL || e->n >= 31)
		return;
	buf_init(&b, BUF_MAX_TEXT);
	buf_printf(&b, "%s=%s", name, value);
	e->v[e->n++] = buf_detach(&b);
	e->v[e->n] = NULL;
}

static enum MHD_Result
S_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
	const char *value)
{
	buf *b = cls;
	const char *parts[2];
	int k;

	(void)kind;
	parts[0] = key;
	parts[1] = value ? value : "";
	if (b->len > 0)
		buf_putc(b, '&');
	for (k = 0; k < 2; k++) {
		const unsigned char *p;

		if (k == 1)
			buf_putc(b, '=');
		for (p = (const unsigned char *)parts[k]; *p != '\0'; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("-_.~/", *p))
				buf_putc(b, (char)*p);
			else
				buf_printf(b, "%%%02X", *p);
	}
	return MHD_YES;
}

static enum MHD_Result
S_cgi(serve *sv, struct MHD_Connection *c, const char *method,
	const char *url, const req *rq)
{
	char len[32];
	int in[2], out[2], status;
	pid_t pid;
	env e = { { NULL }, 0 };
	buf resp, line, qs;
	struct MHD_Response *r;
	unsigned code = 200;
	enum MHD_Result rc;
	ssize_t k;
	char tmp[BUF_CHUNK];
	const char *p, *body;

	/* libmicrohttpd hands the query string decoded: encode it again. */
	buf_init(&qs, BUF_MAX_TEXT);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, S_query_arg, &qs);
	S_env(&e, "PATH", "/usr/bin:/bin");
	S_env(&e, "GATEWAY_INTERFACE", "CGI/1.1");
	S_env(&e, "REQUEST_METHOD", method);
	S_env(&e, "PATH_INFO", url + strlen(sv->api));
	S_env(&e, "SCRIPT_NAME", sv->api);
	S_env(&e, "REMOTE_ADDR", "127.0.0.1");
	S_env(&e, "QUERY_STRING", qs.data);
	buf_free(&qs);
	S_env(&e, "CONTENT_TYPE", MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, "Content-Type"));
	snprintf(len, sizeof len, "%zu", rq->body.len);
	S_env(&e, "CONTENT_LENGTH", len);
	S_env(&e, "HTTP_COOKIE", MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, "Cookie"));
	S_env(&e, "HTTP_ORIGIN", MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, "Origin"));
	S_env(&e, "HTTP_REFERER", MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, "Referer"));
	S_env(&e, "HTTP_ACCEPT", MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, "Accept"));
	S_env(&e, "EYSTIME_DB", sv->db);
	S_env(&e, "EYSTIME_SITE", sv->out);
	S_env(&e, "EYSTIME_ORIGIN", sv->origin);
	/* A local preview: the program runs as whoever runs serve, and
	 * writes its database in the preview's folder (as root, it would
	 * otherwise become www-data; docs/security.md). */
	if (geteuid() == 0)
		S_env(&e, "EYSTIME_USER", "root");
	if (pipe(in) < 0 || pipe(out) < 0)
		return S_send(c, 503, "text/plain", "pipe\n", 5);
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execve(sv->cgi, (char *const[]){ sv->cgi, NULL }, e.v);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (rq->body.len > 0)
		(void)!write(in[1], rq->body.data, rq->body.len);
	close(in[1]);
	buf_init(&resp, SERVE_MAX_RESPONSE);
	while ((k = read(out[0], tmp, sizeof tmp)) > 0)
		buf_add(&resp, tmp, (size_t)k);
	close(out[0]);
	waitpid(pid, &status, 0);
	for (k = 0; k < e.n; k++)
		free(e.v[k]);
	/* CGI headers, a blank line, the body. */
	body = strstr(resp.data, "\r\n\r\n");
	if (body == NULL) {
		buf_free(&resp);
		return S_send(c, 502, "text/plain", "eystime-cgi?\n", 13);
	}
	r = MHD_create_response_from_buffer(resp.len - (size_t)(body + 4 -
	    resp.data), (void *)(uintptr_t)(body + 4), MHD_RESPMEM_MUST_COPY);
	buf_init(&line, BUF_MAX_PATH);
	for (p = resp.data; p < body;) {
		const char *eol = strstr(p, "\r\n"), *colon;

		buf_reset(&line);
		buf_add(&line, p, (size_t)(eol - p));
		p = eol + 2;
		colon = strchr(line.data, ':');
		if (colon == NULL)
			continue;
		line.data[colon - line.data] = '\0';
		colon++;
		while (*colon == ' ')
			colon++;
		if (strcmp(line.data, "Status") == 0)
			code = (unsigned)strtoul(colon, NULL, 10);
		else if (strcmp(line.data, "Content-Length") != 0)
			MHD_add_response_header(r, line.data, colon);
	}
	buf_free(&line);
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	buf_free(&resp);
	return rc;
}

static enum MHD_Result
S_handle(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *upload,
	size_t *upload_size, void **con_cls)
{
	serve *sv = cls;
	req *rq = *con_cls;
	size_t alen = strlen(sv->api);
	char *errors = NULL;
	enum MHD_Result rc;

	(void)version;
	if (rq == NULL) {
		rq = mem_alloc(NULL, sizeof *rq);
		buf_init(&rq->body, SERVE_MAX_BODY);
		rq->too_big = 0;
		*con_cls = rq;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (buf_add(&rq->body, upload, *upload_size) < 0)
			rq->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (strncmp(url, sv->api, alen) == 0 &&
	    (url[alen] == '/' || url[alen] == '\0'))
		return rq->too_big ? S_send(c, 413, "text/plain",
		    "too large\n", 10) : S_cgi(sv, c, method, url, rq);
	if (strcmp(url, "/__eystime/events") == 0)
		return S_events(sv, c);
	pthread_mutex_lock(&sv->lock);
	if (sv->errors != NULL)
		errors = mem_strdup(sv->errors);
	pthread_mutex_unlock(&sv->lock);
	if (errors != NULL && (strstr(url, ".") == NULL ||
	    strstr(url, ".html") != NULL)) {
		rc = S_error_page(c, errors);
		free(errors);
		return rc;
	}
	free(errors);
	return S_static(sv, c, url);
}

static void
S_done(void *cls, struct MHD_Connection *c, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	req *rq = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (rq != NULL) {
		buf_free(&rq->body);
		free(rq);
	}
	*con_cls = NULL;
}

static void
S_free(serve *sv)
{
	free(sv->out);
	free(sv->db);
	free(sv->cgi);
	free(sv->api);
	free(sv->errors);
	pthread_mutex_destroy(&sv->lock);
	pthread_cond_destroy(&sv->changed);
}

/* eystime-cgi next to this program, else in PATH. */
static char *
S_find_cgi(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;
	buf b;

	buf_init(&b, PATH_MAX * 2);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			buf_printf(&b, "%s/eystime-cgi", self);
			if (access(b.data, X_OK) == 0)
				return buf_detach(&b);
		}
	}
	buf_reset(&b);
	buf_puts(&b, "/usr/local/bin/eystime-cgi");
	if (access(b.data, X_OK) != 0) {
		buf_reset(&b);
		buf_puts(&b, "/usr/bin/eystime-cgi");
	}
	return buf_detach(&b);
}

int
serve_run(const build_opts *o, int port)
{
	serve sv;
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	pthread_t watcher;
	sigset_t sigs;
	int sig;
	char *dir;
	cfg c;
	diag dg;

	memset(&sv, 0, sizeof sv);
	sv.opts = *o;
	dir = build_join(o->site_dir, ".eystime-serve");
	fs_mkdirs(dir);
	sv.out = build_join(dir, "public");
	sv.db = build_join(dir, "dev.db");
	free(dir);
	sv.opts.out_dir = sv.out;
	sv.opts.quiet = 0;
	sv.cgi = S_find_cgi();
	snprintf(sv.origin, sizeof sv.origin, "http://127.0.0.1:%d", port);
	/* The api prefix, from site.lua. */
	diag_init(&dg);
	dir = build_join(o->site_dir, "site.lua");
	if (cfg_load(&c, dir, &dg) == 0 && c.api[0] == '/')
		sv.api = mem_strdup(c.api);
	else
		sv.api = mem_strdup("/api");
	cfg_free(&c);
	diag_free(&dg);
	free(dir);
	pthread_mutex_init(&sv.lock, NULL);
	pthread_cond_init(&sv.changed, NULL);

	/* Ctrl-C and SIGTERM are waited for by this thread only. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	S_build(&sv);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port, NULL, NULL,
	    S_handle, &sv, MHD_OPTION_SOCK_ADDR, &addr,
	    MHD_OPTION_NOTIFY_COMPLETED, S_done, &sv,
	    MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, msg("eystime: le port %d est pris : essayez "
		    "-p %d\n", "eystime: port %d is taken: try -p %d\n"), port,
		    port + 1);
		S_free(&sv);
		return 1;
	}
	pthread_create(&watcher, NULL, S_watcher, &sv);
	printf(msg("Aperçu : http://127.0.0.1:%d/  (Ctrl-C pour arrêter)\n",
	    "Preview: http://127.0.0.1:%d/  (Ctrl-C to stop)\n"), port);
	fflush(stdout);
	sigwait(&sigs, &sig);
	pthread_mutex_lock(&sv.lock);
	sv.stop = 1;
	pthread_cond_broadcast(&sv.changed);
	pthread_mutex_unlock(&sv.lock);
	MHD_stop_daemon(d);
	pthread_join(watcher, NULL);
	S_free(&sv);
	fprintf(stderr, "%s", msg("eystime: arrêté\n", "eystime: stopped\n"));
	return 0;
}
