#!/usr/bin/env python3
"""Interleaved timing of short commands on a host whose speed drifts.

hyperfine runs each command's runs in one block, so a VM that slows down
between blocks moves the ratio between commands (on this 2-core VM the same
binary's time drifts by 25 % from one minute to the next). Here every round
runs each command once, in an order rotated per round, and the ratio to the
first command is taken per round: the drift cancels out of it.

Usage: interleave.py ROUNDS OUT.json NAME=COMMAND... (each COMMAND a string
split with shlex). Prints a Markdown table: per command the median wall,
user and system time and minor faults over the rounds, and the median of
the per-round ratios to the first command (with its 25th-75th percentiles).
"""
import json
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "user": after.ru_utime - before.ru_utime,
        "sys": after.ru_stime - before.ru_stime,
        "minflt": after.ru_minflt - before.ru_minflt,
    }


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main():
    rounds, out_path = int(sys.argv[1]), sys.argv[2]
    commands = []
    for spec in sys.argv[3:]:
        name, _, command = spec.partition("=")
        commands.append((name, shlex.split(command)))
    samples = {name: [] for name, _ in commands}
    for r in range(rounds):
        k = r % len(commands)
        for name, argv in commands[k:] + commands[:k]:
            samples[name].append(run_once(argv))
    ref_name = commands[0][0]
    ref_walls = [s["wall"] for s in samples[ref_name]]
    report = {"rounds": rounds, "reference": ref_name, "commands": {}}
    print(f"Interleaved, {rounds} rounds (ratio: median of the per-round ratios to `{ref_name}`, "
          "25th-75th percentile in brackets):\n")
    print("| command | median wall ms | user ms | sys ms | minor faults | × reference |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _ in commands:
        s = samples[name]
        med = lambda key: statistics.median(x[key] for x in s)
        ratios = [x["wall"] / ref for x, ref in zip(s, ref_walls)]
        ratio = statistics.median(ratios)
        report["commands"][name] = {
            "wall_ms": med("wall") * 1e3, "user_ms": med("user") * 1e3, "sys_ms": med("sys") * 1e3,
            "minflt": med("minflt"), "ratio": ratio,
            "ratio_p25": quantile(ratios, 0.25), "ratio_p75": quantile(ratios, 0.75),
            "walls_ms": [x["wall"] * 1e3 for x in s],
        }
        c = report["commands"][name]
        print(f"| `{name}` | {c['wall_ms']:.2f} | {c['user_ms']:.2f} | {c['sys_ms']:.2f} | "
              f"{c['minflt']:.0f} | {ratio:.2f} [{c['ratio_p25']:.2f}–{c['ratio_p75']:.2f}] |")
    with open(out_path, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
