#include "par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "../common/buf.h"

typedef struct par_job {
	par_fn fn;        /* what to run on each item */
	void *ctx;        /* given to fn */
	long n;           /* number of items */
	atomic_long next; /* next item to hand out */
} par_job;

typedef struct par_worker {
	par_job *job;
	int id;
} par_worker;

static void *
S_run(void *arg)
{
	par_worker *w = arg;
	long i;

	while ((i = atomic_fetch_add(&w->job->next, 1)) < w->job->n)
		w->job->fn(w->job->ctx, w->id, i);
	return NULL;
}

void
par_for(long n, int jobs, par_fn fn, void *ctx)
{
	par_job job;
	par_worker *w;
	pthread_t *t;
	int k, started = 1;

	job.fn = fn;
	job.ctx = ctx;
	job.n = n;
	atomic_init(&job.next, 0);
	if (jobs < 1)
		jobs = 1;
	w = mem_alloc(NULL, (size_t)jobs * sizeof *w);
	t = mem_alloc(NULL, (size_t)jobs * sizeof *t);
	for (k = 0; k < jobs; k++) {
		w[k].job = &job;
		w[k].id = k;
	}
	/* Worker 0 is this thread; a thread that cannot start is no loss,
	 * the others take its share. */
	for (k = 1; k < jobs; k++)
		if (pthread_create(&t[k], NULL, S_run, &w[k]) == 0)
			started = k + 1;
		else
			break;
	S_run(&w[0]);
	for (k = 1; k < started; k++)
		pthread_join(t[k], NULL);
	free(w);
	free(t);
}
