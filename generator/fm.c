#include "fm.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../common/buf.h"
#include "../common/text.h"

#define FM_MAX_DEPTH 16
#define FM_MAX_NODES 5000

typedef struct fm_ctx {
	yaml_parser_t parser;
	const char *path; /* for messages */
	int line0;        /* file line of the first YAML line, minus 1 */
	int nodes;        /* nodes made so far, bounded by FM_MAX_NODES */
	diag *d;
} fm_ctx;

void
fm_free(fm_node *node)
{
	size_t i;

	if (node == NULL)
		return;
	for (i = 0; i < node->n; i++)
		fm_free(node->kids[i]);
	free(node->kids);
	free(node->str);
	free(node);
}

const fm_node *
fm_get(const fm_node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != FM_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

static void
S_yaml_error(fm_ctx *c)
{
	const char *problem = c->parser.problem ? c->parser.problem : "?";
	int line = c->line0 + (int)c->parser.problem_mark.line + 1;

	if (strstr(problem, "mapping values are not allowed"))
		diag_add(c->d, DIAG_ERROR, c->path, line, "%s", msg(
		    "en-tête YAML invalide : une valeur contient « : ». "
		    "Mettez la valeur entre guillemets.",
		    "invalid YAML front matter: a value contains \": \". "
		    "Put the value between quotes."));
	else if (strstr(problem, "found character that cannot start"))
		diag_add(c->d, DIAG_ERROR, c->path, line, "%s", msg(
		    "en-tête YAML invalide : caractère inattendu (tabulation "
		    "ou signe spécial). Utilisez des espaces, et des "
		    "guillemets autour du texte.",
		    "invalid YAML front matter: unexpected character (a tab "
		    "or a special sign). Use spaces, and quotes around text."));
	else
		diag_add(c->d, DIAG_ERROR, c->path, line, msg(
		    "en-tête YAML invalide : %s%s%s",
		    "invalid YAML front matter: %s%s%s"), problem,
		    c->parser.context ? " " : "",
		    c->parser.context ? c->parser.context : "");
}

static fm_node *
S_node(fm_ctx *c, fm_type type, const yaml_event_t *ev)
{
	fm_node *node = mem_alloc(NULL, sizeof *node);

	memset(node, 0, sizeof *node);
	node->type = type;
	node->line = c->line0 + (int)ev->start_mark.line + 1;
	c->nodes++;
	return node;
}

static void
S_append(fm_node *parent, fm_node *kid)
{
	parent->kids = mem_alloc(parent->kids,
	    (parent->n + 1) * sizeof *parent->kids);
	parent->kids[parent->n++] = kid;
}

/* Parse one node whose first event is ev (already read). */
static fm_node *
S_parse_node(fm_ctx *c, yaml_event_t *ev, int depth)
{
	fm_node *node = NULL, *kid;
	yaml_event_t next;
	int line = c->line0 + (int)ev->start_mark.line + 1;

	if (depth > FM_MAX_DEPTH || c->nodes > FM_MAX_NODES) {
		diag_add(c->d, DIAG_ERROR, c->path, line, "%s", msg(
		    "en-tête trop imbriqué ou trop long",
		    "front matter nested too deep or too long"));
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		node = S_node(c, FM_SCALAR, ev);
		node->str = mem_strndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return node;
	case YAML_ALIAS_EVENT:
		diag_add(c->d, DIAG_ERROR, c->path, line, "%s", msg(
		    "les alias YAML (*nom) ne sont pas acceptés",
		    "YAML aliases (*name) are not accepted"));
		return NULL;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		node = S_node(c, ev->type == YAML_SEQUENCE_START_EVENT ?
		    FM_SEQ : FM_MAP, ev);
		break;
	default:
		return NULL;
	}
	for (;;) {
		if (!yaml_parser_parse(&c->parser, &next)) {
			S_yaml_error(c);
			fm_free(node);
			return NULL;
		}
		if (next.type == YAML_SEQUENCE_END_EVENT ||
		    next.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&next);
			return node;
		}
		kid = S_parse_node(c, &next, depth + 1);
		yaml_event_delete(&next);
		if (kid == NULL) {
			fm_free(node);
			return NULL;
		}
		if (node->type == FM_MAP && node->n % 2 == 0) {
			if (kid->type != FM_SCALAR) {
				diag_add(c->d, DIAG_ERROR, c->path, kid->line,
				    "%s", msg("une clé doit être un simple mot",
				    "a key must be a plain word"));
				fm_free(kid);
				fm_free(node);
				return NULL;
			}
			if (fm_get(node, kid->str) != NULL) {
				diag_add(c->d, DIAG_ERROR, c->path, kid->line,
				    msg("la clé « %s » est écrite deux fois",
				    "the key \"%s\" is written twice"),
				    kid->str);
				fm_free(kid);
				fm_free(node);
				return NULL;
			}
		}
		S_append(node, kid);
	}
}

/* Find the line that closes the front matter: "---" or "...", alone. */
static const char *
S_find_close(const char *p, const char *end, const char **after)
{
	const char *eol, *q;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (eol - p >= 3 && (memcmp(p, "---", 3) == 0 ||
		    memcmp(p, "...", 3) == 0)) {
			for (q = p + 3; q < eol && (*q == ' ' || *q == '\t' ||
			    *q == '\r'); q++)
				;
			if (q == eol) {
				*after = eol < end ? eol + 1 : end;
				return p;
			}
		}
		p = eol + 1;
	}
	return NULL;
}

int
fm_parse(const char *src, size_t n, const char *path, diag *d, fm_doc *doc)
{
	const char *orig = src, *end = src + n, *start, *close, *after;
	fm_ctx c;
	yaml_event_t ev;
	fm_node *root = NULL;
	int ok = 0, line;

	doc->root = NULL;
	doc->body_off = 0;
	doc->body_line = 1;
	if (n >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
		src += 3;
		doc->body_off = 3;
	}
	if (end - src < 4 || memcmp(src, "---", 3) != 0 ||
	    (src[3] != '\n' && src[3] != '\r'))
		return 0;
	start = memchr(src, '\n', (size_t)(end - src));
	if (start == NULL)
		return 0;
	start++;
	close = S_find_close(start, end, &after);
	if (close == NULL) {
		diag_add(d, DIAG_ERROR, path, 1, "%s", msg(
		    "l'en-tête n'est pas fermé : ajoutez une ligne --- après "
		    "les champs",
		    "the front matter is not closed: add a line --- after "
		    "the fields"));
		return -1;
	}

	memset(&c, 0, sizeof c);
	c.path = path;
	c.line0 = 1;
	c.d = d;
	if (!yaml_parser_initialize(&c.parser))
		return -1;
	yaml_parser_set_input_string(&c.parser, (const unsigned char *)start,
	    (size_t)(close - start));
	yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
	/* Stream start, document start (or stream end when empty), root. */
	for (;;) {
		if (!yaml_parser_parse(&c.parser, &ev)) {
			S_yaml_error(&c);
			goto out;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			ok = 1;
			goto out;
		}
		if (ev.type == YAML_STREAM_START_EVENT ||
		    ev.type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		break;
	}
	line = c.line0 + (int)ev.start_mark.line + 1;
	root = S_parse_node(&c, &ev, 0);
	yaml_event_delete(&ev);
	if (root == NULL)
		goto out;
	if (root->type != FM_MAP) {
		diag_add(d, DIAG_ERROR, path, line, "%s", msg(
		    "l'en-tête doit être une liste de lignes « clé: valeur »",
		    "the front matter must be lines of \"key: value\""));
		fm_free(root);
		root = NULL;
		goto out;
	}
	/* The document must end here: a second document is a mistake. */
	if (!yaml_parser_parse(&c.parser, &ev)) {
		S_yaml_error(&c);
		goto out;
	}
	yaml_event_delete(&ev);
	ok = 1;
out:
	yaml_parser_delete(&c.parser);
	if (!ok) {
		fm_free(root);
		return -1;
	}
	doc->root = root;
	doc->body_off = (size_t)(after - orig);
	doc->body_line = text_line_of(orig, doc->body_off);
	return 0;
}
