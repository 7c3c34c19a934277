/*
 * admin: `eystime-cgi admin …`, the host's commands (DESIGN.md 5).
 */
#ifndef EYSTIME_ADMIN_H
#define EYSTIME_ADMIN_H

/* argv[0] is "admin". Returns the exit status. */
int admin_main(int argc, char **argv);

/* A new join code: 6 characters from an alphabet without 0/O, 1/l/I,
 * easy to read aloud and to type. out holds at least 7 bytes. */
void admin_new_code(char *out);

#endif
