#include "gate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

static int S_fd = -1;

int
gate_open(const char *db)
{
	char path[4096];

	if (S_fd >= 0)
		return 0;
	if ((size_t)snprintf(path, sizeof path, "%s-logins.lock", db) >=
	    sizeof path)
		return -1;
	S_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (S_fd < 0) {
		io_log("no bound on password checks: %s: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Lock (F_WRLCK) or unlock byte `slot` of the file, without waiting. */
static int
S_lock(int slot, short type)
{
	struct flock l;

	memset(&l, 0, sizeof l);
	l.l_type = type;
	l.l_whence = SEEK_SET;
	l.l_start = slot;
	l.l_len = 1;
	return fcntl(S_fd, F_OFD_SETLK, &l);
}

int
gate_enter(void)
{
	int i;

	if (S_fd < 0)
		return GATE_SLOTS; /* no gate: all pass */
	for (i = 0; i < GATE_SLOTS; i++)
		if (S_lock(i, F_WRLCK) == 0)
			return i;
	return -1;
}

void
gate_leave(int slot)
{
	if (S_fd >= 0 && slot >= 0 && slot < GATE_SLOTS)
		S_lock(slot, F_UNLCK);
}

void
gate_close(void)
{
	if (S_fd >= 0)
		close(S_fd);
	S_fd = -1;
}
