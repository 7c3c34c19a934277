/* cgi/sandbox.c: the seccomp allow-list lets the program work and stops
 * it, with a log line, on a call outside the list. Each case runs in a
 * child process (a filter cannot be removed). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../cgi/sandbox.h"
#include "check.h"

/* Run fn in a child with the filter on; its exit status, 99 when the
 * filter is not installed here (ASan build, EYSTIME_NO_SECCOMP). Its
 * standard error goes to errbuf. */
static int
S_child(int (*fn)(void), char *errbuf, size_t errsz)
{
	int p[2], status;
	pid_t pid;
	ssize_t n;

	if (pipe(p) < 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char err[256];
		int rc;

		close(p[0]);
		dup2(p[1], 2);
		rc = sandbox_filter(err, sizeof err);
		if (rc < 0) {
			fprintf(stderr, "%s\n", err);
			_exit(98);
		}
		if (rc == 0)
			_exit(99);
		_exit(fn());
	}
	close(p[1]);
	n = read(p[0], errbuf, errsz - 1);
	errbuf[n > 0 ? n : 0] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* What serving does: open, write, sync, read back, remove a file. */
static int
S_files(void)
{
	char path[] = "/tmp/eystime-sandbox-XXXXXX", b[4];
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, "abc", 3) != 3 || fdatasync(fd) < 0 ||
	    pread(fd, b, 3, 0) != 3 || memcmp(b, "abc", 3) != 0)
		return 1;
	close(fd);
	if ((fd = open(path, O_RDONLY)) < 0)
		return 2;
	close(fd);
	return unlink(path) == 0 ? 0 : 3;
}

/* What an attacker would do next: open a network connection. */
static int
S_socket(void)
{
	socket(AF_INET, SOCK_STREAM, 0);
	return 0;
}

static int
S_exec(void)
{
	execl("/bin/true", "true", (char *)NULL);
	return 0;
}

static void
test_allowed_calls_work(void)
{
	char err[512];
	int rc = S_child(S_files, err, sizeof err);

	if (rc == 99) {
		printf("# seccomp not installed in this build: skipped\n");
		return;
	}
	CHECK(rc == 0);
	CHECK_STR(err, "");
}

static void
test_socket_is_refused_with_a_log_line(void)
{
	char err[512];
	int rc = S_child(S_socket, err, sizeof err);

	if (rc == 99)
		return;
	CHECK(rc == 70);
	CHECK(strstr(err, "eystime-cgi: seccomp: system call ") == err);
	CHECK(strstr(err, "refused, stopping") != NULL);
}

static void
test_exec_is_refused(void)
{
	char err[512];
	int rc = S_child(S_exec, err, sizeof err);

	if (rc == 99)
		return;
	CHECK(rc == 70);
}

static void
test_drop_as_other_user_is_a_no_op(void)
{
	char err[256];

	/* Not root: nothing to drop. As root (CI), the suite checks the
	 * real drop on a running worker (tests/faults/run). */
	if (geteuid() != 0)
		CHECK(sandbox_drop(err, sizeof err) == 0);
}

int
main(void)
{
	RUN(test_allowed_calls_work);
	RUN(test_socket_is_refused_with_a_log_line);
	RUN(test_exec_is_refused);
	RUN(test_drop_as_other_user_is_a_no_op);
	CHECK_EXIT();
}
