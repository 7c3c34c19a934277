/* Front matter: split, libyaml, the node tree with lines. */
#include <stddef.h>
#include <stdint.h>

#include "../../generator/diag.h"
#include "../../generator/fm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	fm_doc doc;

	diag_init(&d);
	if (fm_parse((const char *)data, size, "fuzz.md", &d, &doc) == 0)
		fm_free(doc.root);
	diag_free(&d);
	return 0;
}
