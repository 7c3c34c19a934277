#!/usr/bin/env python3
"""Write to stdout the C file that embeds a theme folder in eystime
(generator/theme.h declares what it defines). Hidden files are left out,
as fs_list leaves them out of a theme on disk.

    python3 tools/embed.py themes/default > build/generator/theme_files.c
"""
import hashlib
import os
import sys


def files(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for n in names:
            if n.startswith("."):
                continue
            full = os.path.join(d, n)
            if os.path.isfile(full) and not os.path.islink(full):
                out.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(out, key=lambda s: s.encode())


def main():
    root = sys.argv[1]
    names = files(root)
    h = hashlib.sha256()
    w = sys.stdout.write
    w("/* Made by tools/embed.py from %s: do not edit. */\n" % root)
    w('#include "theme.h"\n\n')
    for i, n in enumerate(names):
        with open(os.path.join(root, n), "rb") as f:
            data = f.read()
        h.update(n.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
        w("static const unsigned char S_f%d[] = {" % i)
        for k in range(0, len(data), 16):
            w("\n\t" + ", ".join("0x%02x" % b for b in data[k:k + 16]) + ",")
        w("\n\t0x00\n};\n")
    w("\nconst theme_file theme_files[] = {\n")
    for i, n in enumerate(names):
        w('\t{ "%s", S_f%d, sizeof S_f%d - 1 },\n' % (n, i, i))
    w("\t{ NULL, NULL, 0 },\n};\n")
    w('const char theme_files_hash[] = "%s";\n' % h.hexdigest()[:16])


main()
