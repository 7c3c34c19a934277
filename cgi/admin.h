/*
 * admin: `eystime-cgi admin …`, the host's commands (DESIGN.md 5):
 * groups, trainer accounts, purge, backup. Talks to the store and auth
 * only; main.c calls it before any request is read.
 */
#ifndef EYSTIME_ADMIN_H
#define EYSTIME_ADMIN_H

/* argv[0] is "admin". Returns the exit status. */
int admin_main(int argc, char **argv);

#endif
