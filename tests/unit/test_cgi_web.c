/* The web helpers (cgi/web.c) answer the same way in both spaces: the
 * participants' pages and the trainer space. Before issue 13 the trainer
 * space had its own copies, which had drifted: no JSON error, no
 * Retry-After on 429, no disk-full words, no Secure cookie when only
 * EYSTIME_ORIGIN said https. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../../cgi/web.h"
#include "../../common/msg.h"
#include "check.h"

static web_app S_app;
static char S_dir[] = "/tmp/eystime-test-web-XXXXXX";

static void
S_open(void)
{
	char manifest[] = "# eystime manifest 1\n"
	    "site\tfr\t/api\t/\tEystime\n"
	    "module\tm\tm\tm/\tUn module\n"
	    "lesson\tm/l1\tm\tm/l1/\tUne leçon\n";
	char err[512], path[256];

	if (mkdtemp(S_dir) == NULL || sodium_init() < 0) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(path, sizeof path, "%s/test.db", S_dir);
	memset(&S_app, 0, sizeof S_app);
	if (course_parse(&S_app.site, manifest, err, sizeof err) < 0 ||
	    store_open(&S_app.db, path, err, sizeof err) != STORE_OK) {
		printf("# %s\n", err);
		exit(2);
	}
	S_app.site.shell = mem_strdup("<title>@@eystime-title@@</title>"
	    "<main>@@eystime-main@@</main>");
	S_app.origin = mem_strdup("http://127.0.0.1:8080");
	msg_set_language("fr");
}

static void
S_close(void)
{
	char path[256];

	store_close(S_app.db);
	course_free(&S_app.site);
	free(S_app.origin);
	snprintf(path, sizeof path, "%s/test.db", S_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/test.db-wal", S_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/test.db-shm", S_dir);
	unlink(path);
	rmdir(S_dir);
}

/* One request of either space, answered into res. */
static void
S_ctx(web_ctx *c, http_req *req, http_res *res, const char *path,
	int json)
{
	memset(req, 0, sizeof *req);
	req->method = HTTP_GET;
	req->method_name = "GET";
	req->path = path;
	req->addr = "127.0.0.1";
	req->wants_json = json;
	http_res_init(res);
	memset(c, 0, sizeof *c);
	c->a = &S_app;
	c->req = req;
	c->res = res;
	c->trainer = strncmp(path, "/trainer", 8) == 0;
}

static int
S_has(const buf *b, const char *s)
{
	return b->data != NULL && strstr(b->data, s) != NULL;
}

/* 429 in JSON, from a trainer route as from a participant one. */
static void
test_fail_json_and_retry_after_in_both_spaces(void)
{
	static const char *const paths[] = { "/trainer/groups/1", "/done" };
	http_req req;
	http_res res;
	web_ctx c;
	int i;

	for (i = 0; i < 2; i++) {
		S_ctx(&c, &req, &res, paths[i], 1);
		web_fail(&c, 429, "Trop d'essais \"vite\".");
		CHECK(res.status == 429);
		CHECK_STR(res.type, "application/json");
		CHECK_STR(res.body.data,
		    "{\"error\":\"Trop d'essais \\\"vite\\\".\"}");
		CHECK(S_has(&res.headers, "Retry-After: 60\r\n"));
		http_res_free(&res);
	}
}

/* A full disk says so, from a trainer route too, with the trainer's
 * look and way back. */
static void
test_store_fail_disk_full_in_the_trainer_space(void)
{
	http_req req;
	http_res res;
	web_ctx c;

	S_ctx(&c, &req, &res, "/trainer/groups/1", 0);
	web_store_fail(&c, STORE_FULL);
	CHECK(res.status == 503);
	CHECK(strncmp(res.type, "text/html", 9) == 0);
	CHECK(S_has(&res.body, "n&#39;a plus de place pour enregistrer") ||
	    S_has(&res.body, "n'a plus de place pour enregistrer"));
	CHECK(S_has(&res.body, "<div class=\"trainer\">"));
	CHECK(S_has(&res.body, "href=\"/api/trainer\""));
	CHECK(S_has(&res.headers, "Retry-After: 60\r\n"));
	http_res_free(&res);

	S_ctx(&c, &req, &res, "/comments", 0);
	web_store_fail(&c, STORE_BUSY);
	CHECK(res.status == 503);
	CHECK(S_has(&res.body, "très occupé"));
	CHECK(!S_has(&res.body, "<div class=\"trainer\">"));
	CHECK(S_has(&res.headers, "Retry-After: 60\r\n"));
	http_res_free(&res);
}

/* The trainer's cookie: its own path and SameSite, and Secure when the
 * site's origin is https even if the proxy does not say HTTPS=on. */
static void
test_cookie_of_each_space(void)
{
	http_req req;
	http_res res;
	web_ctx c;
	char *plain = S_app.origin;

	S_ctx(&c, &req, &res, "/trainer/login", 0);
	web_cookie(&c, "abc", 60);
	CHECK(S_has(&res.headers, "Set-Cookie: eystime_trainer=abc; "
	    "Path=/api/trainer; Max-Age=60; HttpOnly; SameSite=Strict\r\n"));
	http_res_free(&res);

	S_app.origin = mem_strdup("https://cours.example.org");
	S_ctx(&c, &req, &res, "/trainer/login", 0);
	web_cookie(&c, "abc", 60);
	CHECK(S_has(&res.headers, "SameSite=Strict; Secure\r\n"));
	http_res_free(&res);
	S_ctx(&c, &req, &res, "/join", 0);
	web_cookie(&c, "abc", 60);
	CHECK(S_has(&res.headers, "Set-Cookie: eystime=abc; Path=/api; "
	    "Max-Age=60; HttpOnly; SameSite=Lax; Secure\r\n"));
	http_res_free(&res);
	free(S_app.origin);
	S_app.origin = plain;
}

/* A redirect of the trainer space goes through http_location too. */
static void
test_redirect_api(void)
{
	http_req req;
	http_res res;
	web_ctx c;

	S_ctx(&c, &req, &res, "/trainer/groups", 0);
	web_redirect_api(&c, "/trainer/groups/%lld", 12LL);
	CHECK(res.status == 303);
	CHECK(S_has(&res.headers, "Location: /api/trainer/groups/12\r\n"));
	http_res_free(&res);
}

int
main(void)
{
	S_open();
	RUN(test_fail_json_and_retry_after_in_both_spaces);
	RUN(test_store_fail_disk_full_in_the_trainer_space);
	RUN(test_cookie_of_each_space);
	RUN(test_redirect_api);
	S_close();
	return check_tests_failed ? 1 : 0;
}
