#!/usr/bin/env python3
"""Medians of bench/out/results.tsv, ratios against the peers, and whether
each goal of docs/performance.md holds. Prints Markdown."""
import os
import platform
import statistics
import subprocess
import sys
import time

res, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split()]
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
builds = {}
cgi = {}
for r in rows:
    if r[0].startswith(("cgi-", "nginx-")):
        cgi[r[0]] = r
    else:
        builds.setdefault((r[0], int(r[1])), []).append(
            [float(x) for x in r[2:6]])


def med(name, size, k):
    v = builds.get((name, size))
    return statistics.median(x[k] for x in v) if v else None


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


print("# eystime benchmark\n")
print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
print(f"- machine: {os.cpu_count()} cores, {cpu_model()}, "
      f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') >> 30} GiB")
for tool, cmd in (("hugo", ["hugo", "version"]),
                  ("cmark-gfm", ["cmark-gfm", "--version"])):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        print(f"- {tool}: {out.splitlines()[0]}")
    except (OSError, IndexError):
        pass
print("- medians of the rounds; wall and CPU in seconds, peak RSS in MiB\n")
print("| lessons | tool | wall | CPU | peak RSS | lessons/s |")
print("| ---: | --- | ---: | ---: | ---: | ---: |")
for n in sizes:
    for t in ("eystime", "incremental", "hugo", "eleventy", "floor",
              "check"):
        w = med(t, n, 0)
        if w is None:
            continue
        cpu = med(t, n, 1) + med(t, n, 2)
        rss = med(t, n, 3) / 1024
        print(f"| {n} | {t} | {w:.2f} | {cpu:.2f} | {rss:.0f} | "
              f"{n / w if w else 0:.0f} |")
print()

goals = []
big = max(sizes)
e = med("eystime", big, 0)
h, el, f = med("hugo", big, 0), med("eleventy", big, 0), med("floor", big, 0)
if e and h and el and f:
    rss = med("eystime", big, 3) / 1024
    print(f"At {big} lessons: eystime is {h / e:.1f}x faster than Hugo, "
          f"{el / e:.1f}x faster than Eleventy, and takes {e / f:.2f}x the "
          f"cmark-gfm floor.\n")
    goals += [(f"{big} lessons: ≥ 8x faster than Hugo", h / e >= 8,
               f"{h / e:.1f}x"),
              (f"{big} lessons: ≥ 15x faster than Eleventy", el / e >= 15,
               f"{el / e:.1f}x"),
              (f"{big} lessons: ≤ 1.5x the cmark-gfm floor", e / f <= 1.5,
               f"{e / f:.2f}x"),
              (f"{big} lessons: peak RSS ≤ 64 MiB", rss <= 64, f"{rss:.0f} MiB")]
    c = med("check", big, 0)
    if c:
        goals.append((f"{big} lessons: check adds less than the build",
                      c - e < e, f"check {c:.2f} s, build {e:.2f} s"))
inc = med("incremental", big, 0)
if e and inc is not None:
    print(f"At {big} lessons: after one lesson's text changes, the "
          f"incremental build takes {inc:.2f} s, {100 * inc / e:.1f}% of "
          f"the clean build ({e:.2f} s).\n")
    goals.append((f"{big} lessons: incremental one-lesson rebuild ≤ 5% of a "
                  "clean build", inc <= 0.05 * e,
                  f"{100 * inc / e:.1f}% ({inc:.2f} s against {e:.2f} s)"))
else:
    goals.append(("incremental one-lesson rebuild ≤ 5% of a clean build",
                  None, "not measured"))
if "cgi-progress" in cgi and "nginx-static" in cgi:
    s_rps = float(cgi["nginx-static"][2])
    p = cgi["cgi-progress"]
    print("| load (wrk, 2 threads, 16 connections) | requests/s | p50 ms | p99 ms | notes |")
    print("| --- | ---: | ---: | ---: | --- |")
    for k in ("nginx-static", "cgi-progress", "cgi-done",
              "nginx-static-discussion", "cgi-discussion"):
        if k in cgi:
            r = cgi[k]
            print(f"| {k} | {float(r[2]):.0f} | {r[3]} | {r[4]} | "
                  f"{r[5] if len(r) > 5 else ''} |")
    print()
    goals.append(("GET /progress ≥ 50% of nginx's static rate",
                  float(p[2]) >= 0.5 * s_rps,
                  f"{100 * float(p[2]) / s_rps:.0f}%"))
    if "cgi-done" in cgi:
        d = cgi["cgi-done"]
        notes = dict(x.split("=", 1) for x in d[5].split() if "=" in x) if len(d) > 5 else {}
        goals.append(("POST /done ≥ 5,000 requests/s", float(d[2]) >= 5000,
                      f"{float(d[2]):.0f}/s"))
        goals.append(("POST /done p99 ≤ 10 ms", float(d[4]) <= 10,
                      f"{d[4]} ms"))
        # Requests still in flight when wrk stops are written but not
        # counted: every acknowledged one must be there (rows >= acked),
        # as long as no (participant, lesson) pair came twice.
        acked, rows = int(notes.get("acked", 0)), int(notes.get("rows", 0))
        pairs = int(notes.get("pairs", 0))
        goals.append(("every acknowledged POST /done is in the database",
                      rows >= acked and acked <= pairs,
                      f"{acked} acknowledged, {rows} rows"
                      + ("" if acked <= pairs else
                         f" (more requests than the {pairs} distinct pairs: "
                         "use a larger corpus)")))
if "cgi-discussion" in cgi:
    d = cgi["cgi-discussion"]
    notes = dict(x.split("=", 1) for x in d[5].split() if "=" in x) if len(d) > 5 else {}
    line = (f"A discussion of {notes.get('messages', '?')} messages: its first "
            f"page ({notes.get('shown', '?')} messages shown) is "
            f"{int(notes.get('bytes', 0)):,} bytes and takes "
            f"{float(d[3]):.3f} ms (p50), {float(d[4]):.3f} ms (p99), "
            f"{float(d[2]):.0f} requests/s")
    if "nginx-static-discussion" in cgi:
        s_rps = float(cgi["nginx-static-discussion"][2])
        line += (f", {100 * float(d[2]) / s_rps:.0f}% of nginx's rate for "
                 "a static file of that size")
    print(line + ".\n")
print("| goal | holds | measured |")
print("| --- | --- | --- |")
for g, ok, m in goals:
    print(f"| {g} | {'yes' if ok else 'no' if ok is not None else '—'} | {m} |")
