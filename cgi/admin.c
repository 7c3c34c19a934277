#include "admin.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "auth.h"
#include "course.h"
#include "report.h"
#include "store.h"
#include "valid.h"

#define RETENTION_MONTHS 12       /* default of EYSTIME_RETENTION_MONTHS */
#define RETENTION_MAX 1200        /* months: a hundred years */
#define ADMIN_GROUP_BYTES 200     /* of a group's name given here */
#define ADMIN_ERR_SIZE 1024       /* a reason from store_open */
#define ADMIN_MAX_GROUPS 10000    /* groups of one trainer, told on remove */

static void
S_usage(FILE *f)
{
	fputs("Usage: eystime-cgi admin [--db FILE] [--site DIR] COMMAND\n"
	    "\n"
	    "  group add NAME     create a group; prints \"<id> <join code>\"\n"
	    "  group list         the groups: id, join code, members, name\n"
	    "  backup [--replace] FILE\n"
	    "                     copy the database to FILE while it runs; an\n"
	    "                     existing FILE is replaced only with --replace\n"
	    "  backup --keep N [--date YYYY-MM-DD] DIR\n"
	    "                     the day's copy DIR/eystime-YYYY-MM-DD.db, then\n"
	    "                     remove the oldest beyond N (for cron; --date\n"
	    "                     forces the day: tests, catching up)\n"
	    "  trainer add LOGIN --group ID [--group ID…]\n"
	    "                     create a trainer account following those\n"
	    "                     groups; the password is read on standard input\n"
	    "  trainer follow LOGIN ID   let a trainer follow one more group\n"
	    "                     (several trainers may follow the same group)\n"
	    "  trainer list       the trainers: login, the ids of their groups,\n"
	    "                     their last login (YYYY-MM-DD, or \"never\")\n"
	    "  trainer passwd LOGIN      set a new password (standard input)\n"
	    "  trainer remove LOGIN      remove the account and its sessions;\n"
	    "                     its groups stay, with their participants\n"
	    "  trainer title LOGIN TITLE the name the groups see on the\n"
	    "                     trainer's messages (\"Formatrice\", \"Marie,\n"
	    "                     formatrice\"; 1 to 40 characters; default\n"
	    "                     \"Formatrice ou formateur\")\n"
	    "  purge [--months N] --yes\n"
	    "                     erase participants inactive for N months\n"
	    "                     (EYSTIME_RETENTION_MONTHS, default 12), expired\n"
	    "                     sessions, login links and attempts (for cron);\n"
	    "                     without --yes, at a terminal, only says what\n"
	    "                     would go, and elsewhere refuses\n"
	    "\n"
	    "  report --from YYYY-MM-DD --to YYYY-MM-DD [--group ID]\n"
	    "                     the funders' report of that period (both days\n"
	    "                     included) for one group or all: anonymous\n"
	    "                     counts, one \"label<TAB>value\" a line; reads\n"
	    "                     the lessons' durations from EYSTIME_SITE\n"
	    "                     (or --site DIR before the command)\n"
	    "\n"
	    "The database is --db FILE, or EYSTIME_DB.\n", f);
}

static int S_ngroups; /* groups S_print_group printed */

static int
S_print_group(void *ctx, const store_group *g)
{
	(void)ctx;
	S_ngroups++;
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

/* A trainer's title: valid UTF-8, 1 to 40 characters, no control
 * character (it shows beside participants' first names). */
static int
S_title_ok(const char *s)
{
	size_t n = strlen(s), i = 0, len, chars = 0;
	unsigned cp;

	if (utf8_valid(s, n) != n)
		return 0;
	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		chars++;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return 0;
	}
	return chars >= 1 && chars <= 40;
}

static int
S_print_trainer(void *ctx, const char *login, const char *groups,
	long long last)
{
	char day[32];
	time_t t = (time_t)last;
	struct tm tm;

	(*(int *)ctx)++;
	if (last > 0 && localtime_r(&t, &tm) != NULL)
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	else
		snprintf(day, sizeof day, "never");
	printf("%s\t%s\t%s\n", login, *groups != '\0' ? groups : "-", day);
	return 0;
}

/* The groups a trainer follows, before the account goes. */
typedef struct gids {
	long long a[ADMIN_MAX_GROUPS];
	int n;
} gids;

static int
S_gid(void *ctx, const store_group *g)
{
	gids *x = ctx;

	if (x->n < ADMIN_MAX_GROUPS)
		x->a[x->n++] = g->id;
	return 0;
}

/*
 * trainer remove: the account and its sessions go (cascade); its
 * groups stay with their participants, who keep working. Say which
 * groups another trainer still follows and which nobody does now
 * (a host gives those to someone with `trainer follow`).
 */
static int
S_trainer_remove(store *db, const char *login)
{
	char old[crypto_pwhash_STRBYTES + 1];
	long long tid, n;
	gids g;
	int rc, i;

	if ((rc = store_trainer_find(db, login, &tid, old, sizeof old)) ==
	    STORE_NONE) {
		fprintf(stderr, "eystime-cgi: no trainer %s (admin trainer "
		    "list shows them)\n", login);
		return 1;
	}
	memset(&g, 0, sizeof g);
	if (rc != STORE_OK || store_trainer_groups(db, tid, S_gid, &g) !=
	    STORE_OK || (rc = store_trainer_remove(db, login)) != STORE_OK) {
		fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
		return 1;
	}
	printf("removed trainer %s and its sessions\n", login);
	for (i = 0; i < g.n; i++) {
		if (store_group_followers(db, g.a[i], &n) != STORE_OK)
			continue;
		if (n > 0) {
			printf("group %lld stays, followed by %lld other "
			    "trainer%s\n", g.a[i], n, n > 1 ? "s" : "");
		} else {
			printf("group %lld stays, with its participants, but no "
			    "trainer follows it now: admin trainer follow LOGIN "
			    "%lld\n", g.a[i], g.a[i]);
		}
	}
	return 0;
}

static int
S_trainer(store *db, int argc, char **argv)
{
	char hash[crypto_pwhash_STRBYTES], old[crypto_pwhash_STRBYTES + 1];
	long long tid, gid, revoked;
	int i, rc, n = 0;

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if (store_trainer_list(db, S_print_trainer, &n) != STORE_OK) {
			fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
			return 1;
		}
		if (n == 0)
			fprintf(stderr, "no trainer yet: admin trainer add LOGIN "
			    "--group ID\n");
		return 0;
	}
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
		printf("added trainer %s, following group", argv[1]);
		for (i = 2; i < argc; i += 2)
			printf("%s %s", i == 2 ? (argc > 4 ? "s" : "") : ",",
			    argv[i + 1]);
		putchar('\n');
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
		printf("trainer %s follows group %lld\n", argv[1], gid);
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
		if (store_trainer_passwd(db, tid, hash, &revoked) !=
		    STORE_OK) {
			fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
			return 1;
		}
		printf("new password set for trainer %s; %lld session%s "
		    "ended (log in again with the new password)\n", argv[1],
		    revoked, revoked == 1 ? "" : "s");
		return 0;
	}
	if (argc == 3 && strcmp(argv[0], "title") == 0) {
		if (!S_title_ok(argv[2])) {
			fprintf(stderr, "eystime-cgi: a title is 1 to 40 "
			    "characters of UTF-8, none of them a control "
			    "character\n");
			return 1;
		}
		if ((rc = store_trainer_title_set(db, argv[1], argv[2])) ==
		    STORE_NONE) {
			fprintf(stderr, "eystime-cgi: no trainer %s\n", argv[1]);
			return 1;
		}
		if (rc != STORE_OK)
			return 1;
		printf("trainer %s's messages now show \"%s\"\n", argv[1],
		    argv[2]);
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "remove") == 0)
		return S_trainer_remove(db, argv[1]);
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
	long long life;
	int i, yes = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc)
			months = S_months(argv[++i]);
		else {
			S_usage(stderr);
			return 2;
		}
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
	life = auth_session_life(getenv("EYSTIME_SESSION_DAYS"));
	if (life < 0) {
		fprintf(stderr, "eystime-cgi: EYSTIME_SESSION_DAYS is 1 to "
		    "%d days\n", AUTH_SESSION_DAYS_MAX);
		return 2;
	}
	/* Erasing people is never one mistyped line: by hand, see first. */
	if (!yes && !isatty(STDIN_FILENO)) {
		fprintf(stderr, "eystime-cgi: purge erases participants for "
		    "ever: add --yes (nothing was erased)\n");
		return 2;
	}
	if (!yes) {
		if (store_purge_preview(db, (long long)cutoff, (long long)now -
		    life, (long long)now, &p) != STORE_OK) {
			fprintf(stderr, "eystime-cgi: purge: %s\n",
			    store_error(db));
			return 1;
		}
		printf("would purge: %lld participants inactive for %d "
		    "months (their messages and photos with them), %lld "
		    "sessions, %lld trainer sessions, %lld login links, %lld "
		    "attempts\nnothing was erased: run it again with --yes to "
		    "erase them\n", p.participants, months, p.sessions,
		    p.trainer_sessions, p.links, p.attempts);
		return 1;
	}
	if (store_purge(db, (long long)cutoff, (long long)now -
	    life, (long long)now, &p) != STORE_OK) {
		fprintf(stderr, "eystime-cgi: purge: %s\n", store_error(db));
		return 1;
	}
	printf("purged: %lld participants inactive for %d months, %lld "
	    "sessions, %lld trainer sessions, %lld login links, %lld "
	    "attempts\n", p.participants, months, p.sessions,
	    p.trainer_sessions, p.links, p.attempts);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Backups */

#define BACKUP_KEEP_MAX 1000

/* What `admin backup` was asked: one file, or a rotation in a folder. */
typedef struct backup_opts {
	const char *path;  /* FILE, or DIR with keep */
	int replace;       /* --replace: FILE may exist, it is replaced */
	int keep;          /* --keep N: 0 for one file */
	const char *date;  /* --date YYYY-MM-DD, or NULL for today */
} backup_opts;

/* A YYYY-MM-DD that is a day of the calendar. */
static int
S_date_ok(const char *s)
{
	struct tm tm;
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (tm.tm_year < 70 || mktime(&tm) == (time_t)-1)
		return 0;
	/* mktime moves 2026-02-30 to March: not a day. */
	return tm.tm_year == atoi(s) - 1900 && tm.tm_mon == atoi(s + 5) - 1 &&
	    tm.tm_mday == atoi(s + 8);
}

/* Parse the arguments after "backup"; -1 when they are not a command. */
static int
S_backup_args(int argc, char **argv, backup_opts *o)
{
	char *end;
	long v;
	int i;

	memset(o, 0, sizeof *o);
	for (i = 0; i < argc - 1; i++) {
		if (strcmp(argv[i], "--replace") == 0) {
			o->replace = 1;
		} else if (strcmp(argv[i], "--keep") == 0 && i + 2 < argc) {
			v = strtol(argv[++i], &end, 10);
			if (*argv[i] == '\0' || *end != '\0' || v < 1 ||
			    v > BACKUP_KEEP_MAX)
				return -1;
			o->keep = (int)v;
		} else if (strcmp(argv[i], "--date") == 0 && i + 2 < argc) {
			o->date = argv[++i];
		} else {
			return -1;
		}
	}
	if (argc < 1 || argv[argc - 1][0] == '\0' || argv[argc - 1][0] == '-')
		return -1;
	o->path = argv[argc - 1];
	/* --date names the day of a rotation; --replace is for one file
	 * (a rotation replaces the day's copy by itself). */
	if ((o->date != NULL && o->keep == 0) || (o->replace && o->keep))
		return -1;
	return 0;
}

/* The folder of path, into dir. */
static void
S_dirname(const char *path, char *dir, size_t dirsz)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, dirsz, ".");
	else if (slash == path)
		snprintf(dir, dirsz, "/");
	else
		snprintf(dir, dirsz, "%.*s", (int)(slash - path), path);
}

static void
S_user_name(uid_t uid, char *out, size_t outsz)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(out, outsz, "%s", pw->pw_name);
	else
		snprintf(out, outsz, "uid %lu", (unsigned long)uid);
}

static void
S_group_name(gid_t gid, char *out, size_t outsz)
{
	struct group *gr = getgrgid(gid);

	if (gr != NULL)
		snprintf(out, outsz, "%s", gr->gr_name);
	else
		snprintf(out, outsz, "gid %lu", (unsigned long)gid);
}

/*
 * A failed backup, said so that the host can fix it: the file, the
 * cause (errno, or the database's message when err is not NULL), who the
 * program runs as, the folder's owner and mode, and what to do.
 */
static void
S_backup_fail(const char *path, int e, const char *err)
{
	char dir[4096], me[256], mygroup[256], owner[256], group[256];
	struct stat st;
	const char *cause = err != NULL ? err : strerror(e);

	S_dirname(path, dir, sizeof dir);
	S_user_name(geteuid(), me, sizeof me);
	S_group_name(getegid(), mygroup, sizeof mygroup);
	if (stat(dir, &st) < 0) {
		fprintf(stderr, "eystime-cgi: backup to %s failed: the folder "
		    "%s does not exist (%s); eystime-cgi runs as %s. Create "
		    "it: install -d -o %s -g %s -m 750 %s\n", path, dir,
		    strerror(errno), me, me, mygroup, dir);
		return;
	}
	S_user_name(st.st_uid, owner, sizeof owner);
	S_group_name(st.st_gid, group, sizeof group);
	if (e == ENOSPC || e == EDQUOT)
		cause = "the disk is full";
	fprintf(stderr, "eystime-cgi: backup to %s failed: %s; eystime-cgi "
	    "runs as %s, the folder %s belongs to %s:%s with mode %04o",
	    path, cause, me, dir, owner, group,
	    (unsigned)(st.st_mode & 07777));
	if (e == EACCES || e == EPERM)
		fprintf(stderr, ". Give it to %s: chown %s:%s %s (or run the "
		    "backup as %s)", me, me, mygroup, dir, owner);
	else if (e == ENOSPC || e == EDQUOT)
		fputs(". Free some space (df -h), or back up elsewhere", stderr);
	fputs("; nothing was replaced\n", stderr);
}

/* Remove what a failed backup wrote: the temporary copy, its journal. */
static void
S_backup_clean(const char *tmp)
{
	char journal[4300];

	unlink(tmp);
	snprintf(journal, sizeof journal, "%s-journal", tmp);
	unlink(journal);
}

/* The same file as the database or its write-ahead log: never a target. */
static int
S_is_database(const char *path, const char *dbpath)
{
	struct stat a, b;
	char wal[4200];
	int k;

	if (stat(path, &a) < 0)
		return 0;
	for (k = 0; k < 3; k++) {
		snprintf(wal, sizeof wal, "%s%s", dbpath,
		    k == 0 ? "" : k == 1 ? "-wal" : "-shm");
		if (stat(wal, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return 1;
	}
	return 0;
}

/*
 * Copy the database to path without ever leaving a half-written file
 * under that name: a temporary file in the same folder, SQLite's online
 * backup into it, fsync, then rename (replace) or link (a new name only),
 * then fsync the folder so that the new name survives a crash too.
 */
static int
S_backup_file(store *db, const char *dbpath, const char *path, int replace)
{
	char tmp[4200], dir[4096];
	struct stat st;
	int fd, rc, e;

	if (strlen(path) > 4000) {
		fprintf(stderr, "eystime-cgi: backup: the path is too long\n");
		return 1;
	}
	if (lstat(path, &st) == 0) {
		if (!replace) {
			fprintf(stderr, "eystime-cgi: %s exists: choose another "
			    "name, or add --replace to replace it\n", path);
			return 1;
		}
		if (!S_ISREG(st.st_mode) || S_is_database(path, dbpath)) {
			fprintf(stderr, "eystime-cgi: %s is the database or not "
			    "a plain file: it is never replaced\n", path);
			return 1;
		}
	}
	S_dirname(path, dir, sizeof dir);
	snprintf(tmp, sizeof tmp, "%s/.eystime-backup.XXXXXX", dir);
	/* mkstemp: mode 0600, a copy of everyone's data is private. */
	if ((fd = mkstemp(tmp)) < 0) {
		S_backup_fail(path, errno, NULL);
		return 1;
	}
	close(fd);
	if ((rc = store_backup(db, tmp)) != STORE_OK) {
		e = rc == STORE_FULL ? ENOSPC : 0;
		S_backup_fail(path, e, rc == STORE_FULL ? NULL :
		    store_error(db));
		S_backup_clean(tmp);
		return 1;
	}
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) < 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		S_backup_fail(path, e, NULL);
		S_backup_clean(tmp);
		return 1;
	}
	close(fd);
	if (replace) {
		rc = rename(tmp, path);
	} else if ((rc = link(tmp, path)) == 0) {
		unlink(tmp);
	} else if (errno != EEXIST) {
		/* A file system without hard links: checked above. */
		rc = rename(tmp, path);
	}
	if (rc < 0) {
		e = errno;
		if (e == EEXIST)
			fprintf(stderr, "eystime-cgi: %s exists: choose another "
			    "name, or add --replace to replace it\n", path);
		else
			S_backup_fail(path, e, NULL);
		S_backup_clean(tmp);
		return 1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    fsync(fd) < 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		S_backup_fail(path, e, NULL);
		return 1;
	}
	close(fd);
	printf("backup written to %s\n", path);
	return 0;
}

/* eystime-YYYY-MM-DD.db, the names a rotation writes and removes. */
static int
S_rotated(const struct dirent *d)
{
	const char *n = d->d_name;
	char day[11];

	if (strlen(n) != 21 || strncmp(n, "eystime-", 8) != 0 ||
	    strcmp(n + 18, ".db") != 0)
		return 0;
	memcpy(day, n + 8, 10);
	day[10] = '\0';
	return S_date_ok(day);
}

/*
 * --keep N DIR: the day's copy DIR/eystime-YYYY-MM-DD.db (replaced if it
 * exists: a second run the same day), then remove the oldest copies
 * beyond N. The names sort as the days do.
 */
static int
S_backup_keep(store *db, const char *dbpath, const backup_opts *o)
{
	char day[16], path[4200], old[4200];
	struct dirent **names = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int n, i, status;

	if (o->date != NULL) {
		snprintf(day, sizeof day, "%s", o->date);
	} else {
		localtime_r(&now, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	}
	snprintf(path, sizeof path, "%s/eystime-%s.db", o->path, day);
	if ((status = S_backup_file(db, dbpath, path, 1)) != 0)
		return status;
	if ((n = scandir(o->path, &names, S_rotated, alphasort)) < 0) {
		S_backup_fail(path, errno, NULL);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i < n - o->keep) {
			snprintf(old, sizeof old, "%s/%s", o->path,
			    names[i]->d_name);
			if (unlink(old) < 0) {
				fprintf(stderr, "eystime-cgi: backup: cannot "
				    "remove the old copy %s: %s\n", old,
				    strerror(errno));
				status = 1;
			} else {
				printf("removed the old copy %s\n", old);
			}
		}
		free(names[i]);
	}
	free(names);
	return status;
}

/* A --date that is not a day: said before the database is opened. */
static int
S_bad_date(int argc, char **argv)
{
	backup_opts o;

	if (S_backup_args(argc, argv, &o) < 0 || o.date == NULL ||
	    S_date_ok(o.date))
		return 0;
	fprintf(stderr, "eystime-cgi: --date %s: give a day of the calendar "
	    "as YYYY-MM-DD\n", o.date);
	return 1;
}

static int
S_backup(store *db, const char *dbpath, int argc, char **argv)
{
	backup_opts o;

	if (S_backup_args(argc, argv, &o) < 0) {
		S_usage(stderr);
		return 2;
	}
	if (o.keep > 0)
		return S_backup_keep(db, dbpath, &o);
	return S_backup_file(db, dbpath, o.path, o.replace);
}

/* ------------------------------------------------------------------ */
/* The funders' report */

static int
S_is_group(void *ctx, const store_group *g)
{
	long long *gid = ctx;

	if (g->id != *gid)
		return 0;
	*gid = 0;
	return 1;
}

/* 1 when group gid exists. */
static int
S_group_exists(store *db, long long gid)
{
	return store_group_list(db, S_is_group, &gid) == STORE_OK && gid == 0;
}

/* report --from D --to D [--group ID]: the same figures as the trainer
 * space's page (report_compute), for one group or every group. */
static int
S_report(store *db, const char *site_dir, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	char err[ADMIN_ERR_SIZE];
	report_row rows[REPORT_NROWS];
	report_figures f;
	store_scope sc;
	long long start, end, last;
	course site;
	int i, rc;

	memset(&sc, 0, sizeof sc);
	for (i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--from") == 0 && from == NULL)
			from = argv[i + 1];
		else if (strcmp(argv[i], "--to") == 0 && to == NULL)
			to = argv[i + 1];
		else if (strcmp(argv[i], "--group") == 0 && sc.gid == 0 &&
		    (sc.gid = valid_id_parse(argv[i + 1])) != 0)
			continue;
		else
			break;
	}
	if (i != argc || from == NULL || to == NULL) {
		S_usage(stderr);
		return 2;
	}
	if (valid_day_parse(from, &start, NULL) < 0 ||
	    valid_day_parse(to, &last, &end) < 0) {
		fprintf(stderr, "eystime-cgi: report: give days of the "
		    "calendar as YYYY-MM-DD (--from %s --to %s)\n", from, to);
		return 2;
	}
	if (start > last) {
		fprintf(stderr, "eystime-cgi: report: --from %s is after --to "
		    "%s\n", from, to);
		return 2;
	}
	if (site_dir == NULL || *site_dir == '\0') {
		fprintf(stderr, "eystime-cgi: report: set EYSTIME_SITE or give "
		    "--site DIR (the built site: the lessons and their "
		    "durations)\n");
		return 2;
	}
	if (course_load(&site, site_dir, err, sizeof err) < 0) {
		fprintf(stderr, "eystime-cgi: report: %s\n", err);
		course_free(&site);
		return 1;
	}
	msg_set_language(site.language);
	if (sc.gid != 0 && !S_group_exists(db, sc.gid)) {
		fprintf(stderr, "eystime-cgi: report: no group %lld (admin "
		    "group list shows them)\n", sc.gid);
		course_free(&site);
		return 1;
	}
	if ((rc = report_compute(db, &site, &sc, start, end, &f)) !=
	    STORE_OK) {
		fprintf(stderr, "eystime-cgi: report: %s\n", store_error(db));
		course_free(&site);
		return 1;
	}
	report_rows(&f, rows);
	printf("%s\t%s\n%s\t%s\n", msg("Du", "From"), from, msg("Au", "To"),
	    to);
	if (sc.gid != 0)
		printf("%s\t%lld\n", msg("Groupe", "Group"), sc.gid);
	else
		printf("%s\t%s\n", msg("Groupe", "Group"), msg("Tous les "
		    "groupes", "All groups"));
	for (i = 0; i < REPORT_NROWS; i++)
		printf("%s\t%s\n", rows[i].label, rows[i].value);
	course_free(&site);
	return 0;
}

/* The commands S_usage lists, with their number of arguments. */
/* purge's arguments: --months N and --yes, each once at most. */
static int
S_purge_args(int argc, char **argv)
{
	int i, months = 0, yes = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0 && !yes)
			yes = 1;
		else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc &&
		    !months)
			months = 1, i++;
		else
			return 0;
	}
	return 1;
}

static int
S_known(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[0], "group") == 0)
		return strcmp(argv[1], "add") == 0;
	if (argc == 2 && strcmp(argv[0], "group") == 0)
		return strcmp(argv[1], "list") == 0;
	if (argc == 2 && strcmp(argv[0], "trainer") == 0)
		return strcmp(argv[1], "list") == 0;
	if (strcmp(argv[0], "report") == 0)
		return argc >= 5 && argc <= 7 && (argc - 1) % 2 == 0;
	if (argc >= 3 && strcmp(argv[0], "trainer") == 0)
		return (strcmp(argv[1], "add") == 0 && argc >= 5 &&
		    (argc - 3) % 2 == 0) ||
		    ((strcmp(argv[1], "follow") == 0 ||
		    strcmp(argv[1], "title") == 0) && argc == 4) ||
		    ((strcmp(argv[1], "passwd") == 0 ||
		    strcmp(argv[1], "remove") == 0) && argc == 3);
	if (strcmp(argv[0], "purge") == 0)
		return S_purge_args(argc - 1, argv + 1);
	if (strcmp(argv[0], "backup") == 0) {
		backup_opts o;

		return S_backup_args(argc - 1, argv + 1, &o) == 0;
	}
	return 0;
}

int
admin_main(int argc, char **argv)
{
	const char *dbpath = getenv("EYSTIME_DB");
	const char *site_dir = getenv("EYSTIME_SITE");
	char err[ADMIN_ERR_SIZE];
	store *db;
	int i = 1, status = 2;

	while (i + 1 < argc && (strcmp(argv[i], "--db") == 0 ||
	    strcmp(argv[i], "--site") == 0)) {
		if (strcmp(argv[i], "--db") == 0)
			dbpath = argv[i + 1];
		else
			site_dir = argv[i + 1];
		i += 2;
	}
	if (i >= argc || strcmp(argv[i], "--help") == 0 ||
	    strcmp(argv[i], "-h") == 0) {
		S_usage(i >= argc ? stderr : stdout);
		return i >= argc ? 2 : 0;
	}
	/* A mistyped command must not create a database. */
	if (strcmp(argv[i], "backup") == 0 && S_bad_date(argc - i - 1,
	    argv + i + 1))
		return 2;
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
		status = store_group_list(db, S_print_group, NULL) ==
		    STORE_OK ? 0 : 1;
		if (status == 0 && S_ngroups == 0)
			fprintf(stderr, "no group yet: admin group add NAME\n");
	} else if (strcmp(argv[i], "trainer") == 0) {
		status = S_trainer(db, argc - i - 1, argv + i + 1);
	} else if (strcmp(argv[i], "purge") == 0) {
		status = S_purge(db, argc - i - 1, argv + i + 1);
	} else if (strcmp(argv[i], "backup") == 0) {
		status = S_backup(db, dbpath, argc - i - 1, argv + i + 1);
	} else if (strcmp(argv[i], "report") == 0) {
		status = S_report(db, site_dir, argc - i - 1, argv + i + 1);
	} else {
		S_usage(stderr);
	}
	store_close(db);
	return status;
}
