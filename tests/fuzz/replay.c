/*
 * Replays files through a fuzz harness without libFuzzer: make test runs
 * every input kept in tests/fuzz/regress/<harness>/ (crashes found once)
 * and the seed corpus, with the normal (or ASan) build.
 *   replay FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data;
		long n;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 2;
		}
		data = malloc((size_t)n + 1);
		if (fread(data, 1, (size_t)n, f) != (size_t)n) {
			perror(argv[i]);
			return 2;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data, (size_t)n);
		free(data);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
