#!/usr/bin/env python3
"""The module graph of Eystime's C code, and its cycles.

A module is a .c/.h pair (generator/site.c and generator/site.h are the
module generator/site). Module A depends on module B when a file of A
includes B's header with #include "…". The graph must have no cycle, so
that data flows one way (docs/hacking.md). Prints each cycle found, as
"cycle: a -> b -> a", and exits 1 if there is any.

  tools/includes.py [DIR...]      default: common generator cgi
  tools/includes.py --self-test   shows that a cycle is caught
"""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def modules(dirs):
    """{module: set of modules it includes}, for the .c and .h files of
    dirs (paths relative to the current folder)."""
    graph = {}
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(d, name)
            mod = os.path.normpath(path[:-2])
            deps = graph.setdefault(mod, set())
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for inc in INCLUDE.findall(text):
                target = os.path.normpath(os.path.join(d, inc))
                if not target.endswith(".h"):
                    continue
                target = target[:-2]
                if target != mod:
                    deps.add(target)
    # Only our own modules count (not a test harness's check.h).
    known = set(graph)
    return {m: {t for t in deps if t in known} for m, deps in graph.items()}


def cycles(graph):
    """Each strongly connected component of more than one module (or a
    module including itself), as one cycle through it, sorted."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(path_through(graph, set(comp)))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def path_through(graph, comp):
    """A cycle inside comp, from its smallest module back to it."""
    start = min(comp)
    prev = {start: None}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w not in comp:
                continue
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                path.reverse()
                return path + [start]
            if w not in prev:
                prev[w] = v
                queue.append(w)
    return sorted(comp)


def check(dirs):
    found = cycles(modules(dirs))
    for c in found:
        print("cycle: " + " -> ".join(c))
    if not found:
        print("no cycle among the modules of " + ", ".join(dirs))
    return 1 if found else 0


def self_test():
    """A folder with a cycle a -> b -> c -> a and one without: the first
    must fail, naming the cycle, the second pass."""
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad")
        good = os.path.join(tmp, "good")
        os.makedirs(bad)
        os.makedirs(good)
        files = {
            "bad/a.c": '#include "a.h"\n#include "b.h"\n',
            "bad/a.h": "",
            "bad/b.c": '#include "b.h"\n',
            "bad/b.h": '#include "c.h"\n',
            "bad/c.c": '#include "c.h"\n#include "a.h"\n',
            "bad/c.h": "",
            "good/a.c": '#include "a.h"\n#include "b.h"\n',
            "good/a.h": '#include "b.h"\n',
            "good/b.c": '#include "b.h"\n#include <stdio.h>\n',
            "good/b.h": '#include "../bad/a.h"\n',
        }
        for rel, text in files.items():
            with open(os.path.join(tmp, rel), "w") as f:
                f.write(text)
        got_bad = cycles(modules([bad]))
        got_good = cycles(modules([good]))
    want = [[os.path.join(bad, m) for m in ("a", "b", "c", "a")]]
    ok = got_bad == [[os.path.normpath(p) for p in want[0]]] and \
        got_good == []
    print("self-test: cycle found %s; acyclic folder %s" %
          (got_bad, "passes" if not got_good else "fails: %s" % got_good))
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(check(args or ["common", "generator", "cgi"]))
