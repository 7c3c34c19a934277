#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../common/text.h"
#include "store.h"
#include "auth.h"

#define RETENTION_MONTHS 12       /* default of EYSTIME_RETENTION_MONTHS */
#define RETENTION_MAX 1200        /* months: a hundred years */
#define ADMIN_GROUP_BYTES 200     /* of a group's name given here */
#define ADMIN_ERR_SIZE 1024       /* a reason from store_open */

static void
S_usage(FILE *f)
{
	fputs("Usage: eystime-cgi admin [--db FILE] COMMAND\n"
	    "\n"
	    "  group add NAME     create a group; prints \"<id> <join code>\"\n"
	    "  group list         the groups: id, join code, members, name\n"
	    "  backup FILE        copy the database to FILE while it runs\n"
	    "  trainer add LOGIN --group ID [--group ID…]\n"
	    "                     create a trainer account following those\n"
	    "                     groups; the password is read on standard input\n"
	    "  trainer follow LOGIN ID   let a trainer follow one more group\n"
	    "  trainer passwd LOGIN      set a new password (standard input)\n"
	    "  trainer remove LOGIN      remove the account and its sessions\n"
	    "  purge [--months N] erase participants inactive for N months\n"
	    "                     (EYSTIME_RETENTION_MONTHS, default 12), expired\n"
	    "                     sessions, login links and attempts (for cron)\n"
	    "\n"
	    "The database is --db FILE, or EYSTIME_DB.\n", f);
}

static int
S_print_group(void *ctx, const store_group *g)
{
	(void)ctx;
	printf("%lld\t%s\t%lld\t%s\n", g->id, g->code, g->members, g->name);
	return 0;
}

static int
S_group_add(store *db, const char *name)
{
	char code[AUTH_CODE_SIZE];
	long long id;
	int tries, rc = STORE_TAKEN;
	size_t n = strlen(name);

	if (n == 0 || n > ADMIN_GROUP_BYTES || utf8_valid(name, n) != n ||
	    strpbrk(name, "\t\n\r\033") != NULL) {
		fprintf(stderr, "eystime-cgi: a group name is 1 to %d bytes "
		    "of UTF-8 text on one line\n", ADMIN_GROUP_BYTES);
		return 1;
	}
	for (tries = 0; tries < AUTH_CODE_TRIES && rc == STORE_TAKEN;
	    tries++) {
		auth_new_code(code);
		rc = store_group_add(db, name, code, &id);
	}
	if (rc != STORE_OK) {
		fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
		return 1;
	}
	printf("%lld %s\n", id, code);
	return 0;
}

/* Read a password: one line of standard input, without echo on a
 * terminal; 8 to AUTH_PW_MAX bytes. */
static int
S_read_password(char *out, size_t outsz)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), ok;
	size_t n;

	if (tty) {
		fputs("Password: ", stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(out, (int)outsz, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n < AUTH_PW_MIN || n > AUTH_PW_MAX || utf8_valid(out, n) != n) {
		fprintf(stderr, "eystime-cgi: a password is %d to %d bytes of "
		    "text on one line\n", AUTH_PW_MIN, AUTH_PW_MAX);
		return -1;
	}
	return 0;
}

static int
S_hash_password(char hash[crypto_pwhash_STRBYTES])
{
	char pw[AUTH_PW_MAX + 2];
	int rc;

	if (S_read_password(pw, sizeof pw) < 0)
		return -1;
	rc = auth_pw_hash(hash, pw, AUTH_PW_OPS, AUTH_PW_MEM);
	sodium_memzero(pw, sizeof pw);
	if (rc < 0)
		fprintf(stderr, "eystime-cgi: not enough memory to hash the "
		    "password\n");
	return rc;
}

static int
S_login_arg(const char *login)
{
	if (auth_login_ok(login))
		return 0;
	fprintf(stderr, "eystime-cgi: a login is 1 to 64 of a-z 0-9 . _ @ -\n");
	return -1;
}

static int
S_trainer(store *db, int argc, char **argv)
{
	char hash[crypto_pwhash_STRBYTES], old[crypto_pwhash_STRBYTES + 1];
	long long tid, gid;
	int i, rc;

	if (argc >= 2 && strcmp(argv[0], "add") == 0) {
		if (S_login_arg(argv[1]) < 0)
			return 1;
		if (argc < 4 || (argc - 2) % 2 != 0) {
			S_usage(stderr);
			return 2;
		}
		for (i = 2; i < argc; i += 2)
			if (strcmp(argv[i], "--group") != 0 ||
			    (gid = strtoll(argv[i + 1], NULL, 10)) <= 0) {
				S_usage(stderr);
				return 2;
			}
		if (store_trainer_find(db, argv[1], &tid, old, sizeof old) ==
		    STORE_OK) {
			fprintf(stderr, "eystime-cgi: trainer %s exists\n",
			    argv[1]);
			return 1;
		}
		if (S_hash_password(hash) < 0)
			return 1;
		if (store_trainer_add(db, argv[1], hash, &tid) != STORE_OK) {
			fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
			return 1;
		}
		for (i = 2; i < argc; i += 2) {
			gid = strtoll(argv[i + 1], NULL, 10);
			if ((rc = store_trainer_follow(db, tid, gid)) !=
			    STORE_OK) {
				fprintf(stderr, "eystime-cgi: no group %lld\n",
				    gid);
				store_trainer_remove(db, argv[1]);
				return 1;
			}
		}
		return 0;
	}
	if (argc == 3 && strcmp(argv[0], "follow") == 0) {
		if (store_trainer_find(db, argv[1], &tid, old, sizeof old) !=
		    STORE_OK) {
			fprintf(stderr, "eystime-cgi: no trainer %s\n", argv[1]);
			return 1;
		}
		gid = strtoll(argv[2], NULL, 10);
		if (gid <= 0 || store_trainer_follow(db, tid, gid) != STORE_OK) {
			fprintf(stderr, "eystime-cgi: no group %s\n", argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "passwd") == 0) {
		if (store_trainer_find(db, argv[1], &tid, old, sizeof old) !=
		    STORE_OK) {
			fprintf(stderr, "eystime-cgi: no trainer %s\n", argv[1]);
			return 1;
		}
		if (S_hash_password(hash) < 0)
			return 1;
		return store_trainer_passwd(db, tid, hash) == STORE_OK ? 0 : 1;
	}
	if (argc == 2 && strcmp(argv[0], "remove") == 0) {
		if ((rc = store_trainer_remove(db, argv[1])) == STORE_NONE) {
			fprintf(stderr, "eystime-cgi: no trainer %s\n", argv[1]);
			return 1;
		}
		return rc == STORE_OK ? 0 : 1;
	}
	S_usage(stderr);
	return 2;
}

static int
S_months(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return RETENTION_MONTHS;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 1 && v <= RETENTION_MAX ? (int)v : -1;
}

static int
S_purge(store *db, int argc, char **argv)
{
	int months = S_months(getenv("EYSTIME_RETENTION_MONTHS"));
	time_t now = time(NULL), cutoff;
	store_purged p;
	struct tm tm;

	if (argc == 2 && strcmp(argv[0], "--months") == 0)
		months = S_months(argv[1]);
	else if (argc != 0) {
		S_usage(stderr);
		return 2;
	}
	if (months < 0) {
		fprintf(stderr, "eystime-cgi: the retention is 1 to %d "
		    "months\n", RETENTION_MAX);
		return 2;
	}
	localtime_r(&now, &tm);
	tm.tm_mon -= months;
	tm.tm_isdst = -1;
	cutoff = mktime(&tm);
	if (store_purge(db, (long long)cutoff, (long long)now -
	    AUTH_SESSION_LIFE, (long long)now, &p) != STORE_OK) {
		fprintf(stderr, "eystime-cgi: purge: %s\n", store_error(db));
		return 1;
	}
	printf("purged: %lld participants inactive for %d months, %lld "
	    "sessions, %lld trainer sessions, %lld login links, %lld "
	    "attempts\n", p.participants, months, p.sessions,
	    p.trainer_sessions, p.links, p.attempts);
	return 0;
}

/* The commands S_usage lists, with their number of arguments. */
static int
S_known(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[0], "group") == 0)
		return strcmp(argv[1], "add") == 0;
	if (argc == 2 && strcmp(argv[0], "group") == 0)
		return strcmp(argv[1], "list") == 0;
	if (argc >= 3 && strcmp(argv[0], "trainer") == 0)
		return (strcmp(argv[1], "add") == 0 && argc >= 5 &&
		    (argc - 3) % 2 == 0) ||
		    (strcmp(argv[1], "follow") == 0 && argc == 4) ||
		    ((strcmp(argv[1], "passwd") == 0 ||
		    strcmp(argv[1], "remove") == 0) && argc == 3);
	if (strcmp(argv[0], "purge") == 0)
		return argc == 1 || (argc == 3 &&
		    strcmp(argv[1], "--months") == 0);
	return argc == 2 && strcmp(argv[0], "backup") == 0;
}

int
admin_main(int argc, char **argv)
{
	const char *dbpath = getenv("EYSTIME_DB");
	char err[ADMIN_ERR_SIZE];
	store *db;
	int i = 1, status = 2;

	if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
		dbpath = argv[i + 1];
		i += 2;
	}
	if (i >= argc || strcmp(argv[i], "--help") == 0 ||
	    strcmp(argv[i], "-h") == 0) {
		S_usage(i >= argc ? stderr : stdout);
		return i >= argc ? 2 : 0;
	}
	/* A mistyped command must not create a database. */
	if (!S_known(argc - i, argv + i)) {
		S_usage(stderr);
		return 2;
	}
	if (dbpath == NULL || *dbpath == '\0') {
		fprintf(stderr, "eystime-cgi: set EYSTIME_DB or give --db "
		    "FILE\n");
		return 2;
	}
	if (sodium_init() < 0 || store_open(&db, dbpath, err, sizeof err) !=
	    STORE_OK) {
		fprintf(stderr, "eystime-cgi: %s\n", err);
		return 1;
	}
	if (strcmp(argv[i], "group") == 0 && i + 2 < argc &&
	    strcmp(argv[i + 1], "add") == 0 && i + 3 == argc) {
		status = S_group_add(db, argv[i + 2]);
	} else if (strcmp(argv[i], "group") == 0 && i + 2 == argc &&
	    strcmp(argv[i + 1], "list") == 0) {
		status = store_group_list(db, S_print_group, NULL) == STORE_OK ?
		    0 : 1;
	} else if (strcmp(argv[i], "trainer") == 0) {
		status = S_trainer(db, argc - i - 1, argv + i + 1);
	} else if (strcmp(argv[i], "purge") == 0) {
		status = S_purge(db, argc - i - 1, argv + i + 1);
	} else if (strcmp(argv[i], "backup") == 0 && i + 2 == argc) {
		/* A backup never replaces a file: it could be the database. */
		if (access(argv[i + 1], F_OK) == 0) {
			fprintf(stderr, "eystime-cgi: %s exists: choose another "
			    "name\n", argv[i + 1]);
			status = 1;
		} else {
			status = store_backup(db, argv[i + 1]) == STORE_OK ?
			    0 : 1;
			if (status != 0) {
				fprintf(stderr, "eystime-cgi: backup to %s "
				    "failed: %s\n", argv[i + 1],
				    store_error(db));
				/* Not a backup: it did not exist before. */
				unlink(argv[i + 1]);
			}
			else
				chmod(argv[i + 1], 0600);
		}
	} else {
		S_usage(stderr);
	}
	store_close(db);
	return status;
}
