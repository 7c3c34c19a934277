#include "sandbox.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#include <seccomp.h>
#include <sys/prctl.h>
#endif

#define SANDBOX_LINE 128  /* the log line of a refused system call */
#define SANDBOX_DIGITS 24 /* its number, written by hand */

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif

int
sandbox_drop(char *err, size_t errsz)
{
	const char *name = getenv("EYSTIME_USER");
	struct passwd *pw;
	uid_t uid;
	gid_t gid;

	if (geteuid() != 0 && getuid() != 0)
		return 0;
	if (name != NULL && strcmp(name, "root") == 0)
		return 0;
	if (name == NULL || *name == '\0') {
		name = "www-data";
		if (getpwnam(name) == NULL)
			name = "nobody";
	}
	errno = 0;
	if ((pw = getpwnam(name)) == NULL) {
		snprintf(err, errsz, "started as root, and there is no user "
		    "%s to run as (set EYSTIME_USER)", name);
		return -1;
	}
	uid = pw->pw_uid;
	gid = pw->pw_gid;
	if (uid == 0) {
		snprintf(err, errsz, "EYSTIME_USER=%s is root: give an "
		    "unprivileged user", name);
		return -1;
	}
	/* Groups first: once the user changed, they cannot be changed. */
	if (setgroups(1, &gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0) {
		snprintf(err, errsz, "cannot become %s: %s", name,
		    strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || seteuid(0) == 0 || getuid() != uid ||
	    geteuid() != uid || getgid() != gid || getegid() != gid) {
		snprintf(err, errsz, "still able to become root after "
		    "switching to %s", name);
		return -1;
	}
	return 0;
}

#ifdef __linux__
/*
 * The calls eystime-cgi makes after start-up, found with strace on the
 * test suite (nginx + spawn-fcgi, mod_fcgid, plain CGI, eystime serve):
 * libfcgi's accept loop, stdio, SQLite in WAL mode (locks with fcntl,
 * the -shm file mapped, -wal truncated or removed, fsync), libsodium's
 * getrandom, glibc's allocator and clock. Names a platform lacks (open
 * on arm64…) are skipped.
 */
static const char *const S_allowed[] = {
	/* files and the database */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
	"close", "open", "openat", "stat", "lstat", "fstat", "newfstatat",
	"statx", "access", "faccessat", "faccessat2", "readlink",
	"readlinkat", "getcwd", "fcntl", "fcntl64", "flock", "fsync",
	"fdatasync", "ftruncate", "fallocate", "unlink", "unlinkat",
	"fchown", "fchmod", "getdents64", "dup", "dup2", "dup3",
	/* memory */
	"mmap", "mmap2", "munmap", "mremap", "mprotect", "madvise", "brk",
	/* the FastCGI socket (libfcgi) */
	"accept", "accept4", "shutdown", "getpeername", "getsockname",
	"setsockopt", "getsockopt", "poll", "ppoll", "select", "pselect6",
	"recvfrom", "sendto", "sendmsg", "recvmsg",
	/* time, randomness, identity */
	"clock_gettime", "clock_gettime64", "gettimeofday", "time",
	"nanosleep", "clock_nanosleep", "clock_nanosleep_time64",
	"getrandom", "getpid", "gettid", "getuid", "geteuid", "getgid",
	"getegid", "uname", "sysinfo",
	/* threads' and signals' plumbing in glibc */
	"futex", "futex_time64", "set_robust_list", "rseq",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigreturn",
	"sched_yield", "restart_syscall", "exit", "exit_group",
};

/* SIGSYS: a call outside the list. Only async-signal-safe calls here;
 * the number is written by hand (scmp_sys_resolver N names it). */
static void
S_denied(int sig, siginfo_t *info, void *uctx)
{
	static const char tail[] = " refused, stopping (docs/security.md)\n";
	char line[SANDBOX_LINE] = "eystime-cgi: seccomp: system call ";
	char num[SANDBOX_DIGITS];
	size_t n = strlen(line), k = 0;
	int nr = info->si_syscall;

	(void)sig;
	(void)uctx;
	if (nr < 0)
		nr = 0;
	do {
		num[k++] = (char)('0' + nr % 10);
		nr /= 10;
	} while (nr > 0 && k < sizeof num);
	while (k > 0)
		line[n++] = num[--k];
	memcpy(line + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	(void)!write(2, line, n);
	_exit(70);
}

int
sandbox_filter(char *err, size_t errsz)
{
	const char *off = getenv("EYSTIME_NO_SECCOMP");
	/* (By hand: clang finds SCMP_A0()'s initialisers incomplete.) */
	const struct scmp_arg_cmp thread = { 0, SCMP_CMP_MASKED_EQ,
	    CLONE_THREAD, CLONE_THREAD };
	const struct scmp_arg_cmp name = { 0, SCMP_CMP_EQ, PR_SET_NAME, 0 };
	struct sigaction sa;
	scmp_filter_ctx f;
	size_t i;
	int nr, rc;

	if (off != NULL && strcmp(off, "1") == 0)
		return 0;
#ifdef SANDBOX_ASAN
	return 0;
#endif
#ifdef RUNNING_ON_VALGRIND
	if (RUNNING_ON_VALGRIND)
		return 0;
#endif
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = S_denied;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0) {
		snprintf(err, errsz, "seccomp: sigaction: %s", strerror(errno));
		return -1;
	}
	/* TRAP rather than KILL_PROCESS: the same end (the process stops)
	 * but with a line in the web server's log naming the call. */
	if ((f = seccomp_init(SCMP_ACT_TRAP)) == NULL) {
		snprintf(err, errsz, "seccomp: cannot start a filter");
		return -1;
	}
	/* Every thread of the process, should a library have started one
	 * before (libvips starts none at its init; tests check). */
	(void)seccomp_attr_set(f, SCMP_FLTATR_CTL_TSYNC, 1);
	for (i = 0; i < sizeof S_allowed / sizeof *S_allowed; i++) {
		nr = seccomp_syscall_resolve_name(S_allowed[i]);
		if (nr == __NR_SCMP_ERROR || nr < 0)
			continue;
		if ((rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, nr, 0)) < 0) {
			snprintf(err, errsz, "seccomp: %s: %s", S_allowed[i],
			    strerror(-rc));
			seccomp_release(f);
			return -1;
		}
	}
	/* ioctl: only the terminal probe stdio makes (isatty). */
	rc = seccomp_rule_add(f, SCMP_ACT_ERRNO(ENOTTY), SCMP_SYS(ioctl), 0);
	/* Threads, not processes: libvips (cgi/image.c) decodes a photo
	 * in its one worker thread. clone only with CLONE_THREAD (a fork
	 * or an exec'd child has not); clone3, whose flags sit in memory a
	 * filter cannot read, answers ENOSYS, and glibc falls back to
	 * clone. */
	if (rc == 0)
		rc = seccomp_rule_add_array(f, SCMP_ACT_ALLOW,
		    SCMP_SYS(clone), 1, &thread);
	if (rc == 0)
		rc = seccomp_rule_add(f, SCMP_ACT_ERRNO(ENOSYS),
		    SCMP_SYS(clone3), 0);
	/* GLib names its threads (prctl PR_SET_NAME); nothing else of
	 * prctl. */
	if (rc == 0)
		rc = seccomp_rule_add_array(f, SCMP_ACT_ALLOW,
		    SCMP_SYS(prctl), 1, &name);
	if (rc == 0)
		rc = seccomp_load(f);
	seccomp_release(f);
	if (rc < 0) {
		snprintf(err, errsz, "seccomp: cannot install the filter: %s",
		    strerror(-rc));
		return -1;
	}
	return 1;
}
#else
int
sandbox_filter(char *err, size_t errsz)
{
	(void)err;
	(void)errsz;
	return 0;
}
#endif
