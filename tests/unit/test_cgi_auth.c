/* The keys of the rate limits (cgi/auth.c, auth_addr_key): an IPv4
 * address as it is, an IPv6 one by its /64, and an IPv4-mapped one
 * (::ffff:a.b.c.d, what a dual-stack socket gives for IPv4 clients) as
 * its IPv4 address: before issue 18 every IPv4 client of such a socket
 * had the one key "::", so one client spent the join limit of all. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../../cgi/auth.h"
#include "check.h"

static void
S_key(const char *addr, const char *want)
{
	char out[INET6_ADDRSTRLEN];

	auth_addr_key(addr, out, sizeof out);
	CHECK_STR(out, want);
}

static void
test_addr_key(void)
{
	S_key("192.0.2.7", "192.0.2.7");
	S_key("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::");
	S_key("2001:db8:1:2:ffff:4:5:6", "2001:db8:1:2::");
	S_key("::1", "::");
}

static void
test_addr_key_mapped(void)
{
	S_key("::ffff:192.0.2.7", "192.0.2.7");
	S_key("::ffff:198.51.100.1", "198.51.100.1");
	S_key("::FFFF:203.0.113.9", "203.0.113.9");
	/* Two IPv4 clients: two keys. */
	{
		char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

		auth_addr_key("::ffff:192.0.2.7", a, sizeof a);
		auth_addr_key("::ffff:192.0.2.8", b, sizeof b);
		CHECK(strcmp(a, b) != 0);
	}
	/* Not mapped: an IPv6 address whose /64 happens to be zero. */
	S_key("::fffe:192.0.2.7", "::");
}

static void
test_code_lengths(void)
{
	char code[AUTH_CODE_SIZE];

	auth_new_code(code);
	CHECK(strlen(code) == AUTH_CODE_LEN);
	CHECK(AUTH_CODE_LEN >= 8);
	auth_new_pcode(code);
	CHECK(strlen(code) == AUTH_PCODE_LEN);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_addr_key);
	RUN(test_addr_key_mapped);
	RUN(test_code_lengths);
	CHECK_EXIT();
}
