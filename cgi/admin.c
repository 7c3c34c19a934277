#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../common/text.h"
#include "store.h"

static const char S_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

void
admin_new_code(char *out)
{
	int i;

	for (i = 0; i < 6; i++)
		out[i] = S_alphabet[randombytes_uniform(sizeof S_alphabet - 1)];
	out[6] = '\0';
}

static void
S_usage(FILE *f)
{
	fputs("Usage: eystime-cgi admin [--db FILE] COMMAND\n"
	    "\n"
	    "  group add NAME     create a group; prints \"<id> <join code>\"\n"
	    "  group list         the groups: id, join code, members, name\n"
	    "  backup FILE        copy the database to FILE while it runs\n"
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
	char code[8];
	long long id;
	int tries, rc = STORE_TAKEN;
	size_t n = strlen(name);

	if (n == 0 || n > 200 || utf8_valid(name, n) != n ||
	    strpbrk(name, "\t\n\r\033") != NULL) {
		fprintf(stderr, "eystime-cgi: a group name is 1 to 200 bytes "
		    "of UTF-8 text on one line\n");
		return 1;
	}
	for (tries = 0; tries < 20 && rc == STORE_TAKEN; tries++) {
		admin_new_code(code);
		rc = store_group_add(db, name, code, &id);
	}
	if (rc != STORE_OK) {
		fprintf(stderr, "eystime-cgi: %s\n", store_error(db));
		return 1;
	}
	printf("%lld %s\n", id, code);
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
	return argc == 2 && strcmp(argv[0], "backup") == 0;
}

int
admin_main(int argc, char **argv)
{
	const char *dbpath = getenv("EYSTIME_DB");
	char err[1024];
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
