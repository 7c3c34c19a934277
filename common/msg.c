#include "msg.h"

#include <string.h>

static int msg_en;

void
msg_set_language(const char *lang)
{
	msg_en = lang != NULL && strncmp(lang, "fr", 2) != 0;
}

const char *
msg(const char *fr, const char *en)
{
	return msg_en ? en : fr;
}

int
msg_is_en(void)
{
	return msg_en;
}
