// Where the machine's CPU went between start() and stop(), by named groups of processes (Linux /proc).
import os from 'node:os';
import { busyTicks, HZ, readProcesses } from './system.mjs';

/**
 * `classify(pid, comm)` returns a group name for a process, or null for "other processes". The
 * account reports each group's share of the whole machine (100 % = every core busy), how busy the
 * machine was in all, the rest as "others", and the busiest other processes still running at the end
 * (processes that ended in between took their per-process ticks with them).
 */
export function cpuGroups(classify) {
  const before = readProcesses();
  const busyBefore = busyTicks();
  const startedAt = process.hrtime.bigint();
  return () => {
    const after = readProcesses();
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const capacity = seconds * HZ * os.cpus().length;
    const groups = new Map();
    const others = new Map();
    for (const [pid, { comm, ticks }] of after) {
      const delta = ticks - (before.get(pid)?.comm === comm ? before.get(pid).ticks : 0);
      if (delta <= 0) continue;
      const group = classify(pid, comm);
      if (group) groups.set(group, (groups.get(group) ?? 0) + delta);
      else others.set(comm, (others.get(comm) ?? 0) + delta);
    }
    const pct = (ticks) => Math.round((1000 * ticks) / capacity) / 10;
    const ownTotal = [...groups.values()].reduce((a, b) => a + b, 0);
    const busy = busyTicks() - busyBefore;
    return {
      seconds,
      busyPct: pct(busy),
      groups: Object.fromEntries([...groups.entries()].map(([k, v]) => [k, pct(v)])),
      /** CPU time per group in milliseconds (independent of how long the window was). */
      groupsMs: Object.fromEntries([...groups.entries()].map(([k, v]) => [k, Math.round((1000 * v) / HZ)])),
      // Everything else the machine did, including processes that started and ended in between
      // (test runners, compilers), which no per-process account sees.
      othersPct: pct(Math.max(0, busy - ownTotal)),
      othersTop: [...others.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([comm, ticks]) => `${comm} ${pct(ticks)}%`),
    };
  };
}
