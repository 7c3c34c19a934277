/* Front matter: split, libyaml, the node tree with lines; and every
 * scalar through the readers of dates and durations as authors write
 * them (site_date_parse, site_duration_parse). */
#include <stddef.h>
#include <stdint.h>

#include "../../generator/diag.h"
#include "../../generator/fm.h"
#include "../../generator/site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
S_scalars(const fm_node *n)
{
	char day[11];
	long minutes;
	size_t i;

	if (n->type == FM_SCALAR) {
		(void)site_date_parse(n->str, day);
		(void)site_duration_parse(n->str, &minutes);
		return;
	}
	for (i = 0; i < n->n; i++)
		S_scalars(n->kids[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	fm_doc doc;

	diag_init(&d);
	if (fm_parse((const char *)data, size, "fuzz.md", &d, &doc) == 0) {
		if (doc.root != NULL)
			S_scalars(doc.root);
		fm_free(doc.root);
	}
	diag_free(&d);
	return 0;
}
