/* The group's conversation: the validators of its fields, and the store's
 * rules (one level of replies, reactions that toggle, who may mark a
 * question solved, visits) on a real SQLite file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cgi/store.h"
#include "../../cgi/valid.h"
#include "check.h"

static int
S_valid(valid_fn f, const char *s, long long *n)
{
	web_value v;
	int ok;

	memset(&v, 0, sizeof v);
	v.s = s;
	ok = f(NULL, &v) == NULL;
	*n = v.n;
	free(v.own);
	return ok;
}

static void
test_fields(void)
{
	long long n;

	CHECK(S_valid(valid_page, "1", &n) && n == 1);
	CHECK(S_valid(valid_page, "100000", &n) && n == 100000);
	CHECK(!S_valid(valid_page, "100001", &n));
	CHECK(!S_valid(valid_page, "0", &n));
	CHECK(!S_valid(valid_page, "-1", &n));
	CHECK(!S_valid(valid_page, "2x", &n));
	CHECK(!S_valid(valid_page, "", &n));
	CHECK(S_valid(valid_kind, "question", &n) && n == 0);
	CHECK(S_valid(valid_kind, "ressource", &n) && n == 2);
	CHECK(S_valid(valid_kind, "moi-aussi", &n) && n == 3);
	CHECK(S_valid(valid_kind, "aide", &n) && n == 5);
	CHECK(!S_valid(valid_kind, "Merci", &n));
	CHECK(!S_valid(valid_kind, "merci ", &n));
	CHECK(strcmp(valid_reactions[1], "merci") == 0);
}

static int
S_count_cb(void *p, const store_msg *m)
{
	(void)m;
	(*(int *)p)++;
	return 0;
}

static void
test_store(void)
{
	char path[] = "/tmp/eystime-talk-XXXXXX", err[512];
	unsigned char h1[STORE_HASH_LEN] = { 1 }, h2[STORE_HASH_LEN] = { 2 };
	store *s;
	store_who a, b;
	store_post p;
	long long g, g2, q, r1, r2, last;
	int fd = mkstemp(path), count, mine, n;

	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	if (store_open(&s, path, err, sizeof err) != STORE_OK) {
		printf("#   %s\n", err);
		check_failed++;
		return;
	}
	CHECK(store_group_add(s, "G", "AAAAAA", &g) == STORE_OK);
	CHECK(store_group_add(s, "H", "BBBBBB", &g2) == STORE_OK);
	CHECK(store_join(s, g, "Awa", h1, "", &a) == STORE_OK);
	CHECK(store_join(s, g, "Bruno", h2, "", &b) == STORE_OK);
	memset(&p, 0, sizeof p);
	p.gid = g;
	p.pid = a.pid;
	p.lesson = "l1";
	p.kind = "question";
	p.body = "Q";
	CHECK(store_msg_post(s, &p, 100, 0, 5, &q) == STORE_OK);
	p.pid = b.pid;
	p.parent = q;
	p.lesson = "ignored";
	p.kind = "astuce";
	CHECK(store_msg_post(s, &p, 101, 0, 5, &r1) == STORE_OK);
	p.parent = r1;
	CHECK(store_msg_post(s, &p, 102, 0, 5, &r2) == STORE_OK);
	n = 0;
	CHECK(store_msg_replies(s, q, 100, b.pid, S_count_cb, &n) == STORE_OK);
	CHECK(n == 2);  /* the reply to the reply is under the question */
	n = 0;
	CHECK(store_msg_roots(s, g, "l1", 30, 0, b.pid, S_count_cb, &n) ==
	    STORE_OK);
	CHECK(n == 1);
	p.gid = g2;
	p.parent = q;
	CHECK(store_msg_post(s, &p, 103, 0, 5, &r2) == STORE_NONE);

	CHECK(store_react(s, q, g, b.pid, 1, 104, &count, &mine) == STORE_OK);
	CHECK(count == 1 && mine == 1);
	CHECK(store_react(s, q, g, b.pid, 1, 105, &count, &mine) == STORE_OK);
	CHECK(count == 0 && mine == 0);
	CHECK(store_react(s, q, g2, b.pid, 1, 105, &count, &mine) ==
	    STORE_NONE);

	CHECK(store_msg_solve(s, q, g, b.pid, 0, 106) == STORE_NONE);
	CHECK(store_msg_solve(s, q, g, a.pid, r1, 106) == STORE_OK);
	CHECK(store_msg_solve(s, r1, g, 0, 0, 106) == STORE_NONE);
	CHECK(store_msg_solve(s, q, g2, 0, 0, 106) == STORE_NONE);
	CHECK(store_msg_solve(s, q, g, 0, 0, 0) == STORE_OK);

	CHECK(store_visit(s, b.pid, g, "l1", &last) == STORE_OK);
	CHECK(last == 0);
	CHECK(store_visit(s, b.pid, 0, "l1", &last) == STORE_OK);
	CHECK(last == r1 + 1);  /* the newest message of the lesson */
	store_close(s);
	unlink(path);
}

int
main(void)
{
	RUN(test_fields);
	RUN(test_store);
	CHECK_EXIT();
}
