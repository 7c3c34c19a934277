/*
 * export: a participant's data as JSON, for GET /me/export and the
 * trainer's export of one participant (the right of access).
 */
#ifndef EYSTIME_EXPORT_H
#define EYSTIME_EXPORT_H

#include "../common/buf.h"
#include "store.h"

/* Append who's name, group, completions and messages as one JSON
 * object. Returns a STORE_ code. */
int export_participant(store *db, buf *b, const store_who *who);

#endif
