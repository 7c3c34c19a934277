/*
 * sandbox: least privilege for eystime-cgi (docs/security.md).
 *
 * Started as root (a hand-made init script, spawn-fcgi without -u), the
 * program first becomes an unprivileged user; then, on Linux, it limits
 * itself to the system calls it needs (seccomp, libseccomp). Both happen
 * once, before the first request is read.
 */
#ifndef EYSTIME_SANDBOX_H
#define EYSTIME_SANDBOX_H

#include <stddef.h>

/*
 * When the process runs as root: switch to EYSTIME_USER (default
 * www-data, else nobody) — supplementary groups, group, then user — and
 * check that root cannot be taken back. EYSTIME_USER=root keeps root
 * (eystime serve's local preview run by root). Does nothing for another
 * user.
 * Returns 0, or -1 with a reason in err: the caller must stop.
 */
int sandbox_drop(char *err, size_t errsz);

/*
 * Install the system call allow-list (Linux). A call outside it stops
 * the process with one log line naming the call (SIGSYS handler). Not
 * installed when EYSTIME_NO_SECCOMP=1, under AddressSanitizer (its leak
 * checker needs ptrace and clone at exit) or under valgrind. Returns 1
 * when installed, 0 when not, -1 with a reason in err on failure.
 */
int sandbox_filter(char *err, size_t errsz);

#endif
