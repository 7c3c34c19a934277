/*
 * par: run fn(ctx, worker, i) for i in [0, n) on `jobs` threads. Items are
 * handed out one at a time from a shared counter, so a slow page does not
 * hold up a whole slice. Worker numbers run from 0 to jobs-1, so each
 * thread can keep its own state (a Lua state, buffers) in ctx.
 */
#ifndef EYSTIME_PAR_H
#define EYSTIME_PAR_H

typedef void (*par_fn)(void *ctx, int worker, long i);

void par_for(long n, int jobs, par_fn fn, void *ctx);

#endif
