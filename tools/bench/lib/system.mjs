// What the machine is and who else used it while we measured (Linux /proc).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
export const HZ = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)),
  };
}

/** VmRSS and VmHWM (peak) of a process in MB. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMB: NaN, peakMB: NaN };
  }
}

/**
 * Which database a PostgreSQL process works for, from its process title ("postgres: 15/main: user
 * db 127.0.0.1(5432) SELECT", "… autovacuum worker db"); null for the server's own processes.
 */
function postgresDatabase(pid) {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const backend = /^postgres: [^:]+: \S+ (\S+) (\[local\]|\S+\(\d+\))/.exec(title);
    const worker = /autovacuum worker (\S+)/.exec(title);
    return backend?.[1] ?? worker?.[1] ?? null;
  } catch {
    return null;
  }
}

export function readProcesses() {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      let comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (comm === 'postgres') {
        const db = postgresDatabase(entry);
        if (db) comm = `postgres:${db}`;
      }
      // Fields 14 and 15 of stat (utime, stime); fields[0] is field 3 (state).
      procs.set(Number(entry), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return procs;
}

export function busyTicks() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  return cpu.reduce((a, b) => a + b, 0) - cpu[3] - (cpu[4] ?? 0);
}

/**
 * A CPU account between start() and stop(): how much of the machine the benchmark's own processes
 * (harness with autocannon, api, floor, PostgreSQL's backends for the bench database and its
 * background processes) used, and how much everything else did (other processes, and PostgreSQL
 * backends working for other databases). Processes that ended in between are not counted.
 */
export function cpuAccount(ownPids, database) {
  const before = readProcesses();
  const busyBefore = busyTicks();
  const startedAt = process.hrtime.bigint();
  return () => {
    const after = readProcesses();
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    let own = 0;
    let others = 0;
    const busiest = new Map();
    for (const [pid, { comm, ticks }] of after) {
      const delta = ticks - (before.get(pid)?.comm === comm ? before.get(pid).ticks : 0);
      if (delta <= 0) continue;
      if (ownPids.includes(pid) || comm === 'postgres' || comm === `postgres:${database}`) own += delta;
      else {
        others += delta;
        busiest.set(comm, (busiest.get(comm) ?? 0) + delta);
      }
    }
    const capacity = seconds * HZ * os.cpus().length;
    return {
      busyPct: Math.round((100 * (busyTicks() - busyBefore)) / capacity),
      ownPct: Math.round((100 * own) / capacity),
      othersPct: Math.round((100 * others) / capacity),
      othersTop: [...busiest.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([comm, ticks]) => `${comm} ${Math.round((100 * ticks) / capacity)}%`),
    };
  };
}
