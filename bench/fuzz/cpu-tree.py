#!/usr/bin/env python3
"""CPU seconds (user + system) used by a process and all its descendants while it runs.

Usage: cpu-tree.py PID  -- polls /proc every 0.25 s until PID exits, then prints the total. Per process the last
value seen counts, so descendants that come and go (afl-fuzz restarting a dotnet fork server) add up; what a
process used after its last poll is missed (at most 0.25 s each)."""
import os, sys, time

root = int(sys.argv[1])
tick = os.sysconf("SC_CLK_TCK")
seen = {}  # (pid, start time) -> cpu ticks


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12]), fields[19]  # ppid, utime + stime, starttime


while os.path.exists(f"/proc/{root}"):
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                table[int(entry)] = stat(entry)
            except (OSError, IndexError):
                pass
    tree, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        tree.add(pid)
        frontier.extend(p for p, (ppid, _, _) in table.items() if ppid == pid and p not in tree)
    for pid in tree:
        if pid in table:
            _, ticks, start = table[pid]
            seen[(pid, start)] = ticks
    time.sleep(0.25)
print(f"{sum(seen.values()) / tick:.1f}")
