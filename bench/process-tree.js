"use strict";
// Memory of a process tree on Linux, sampled from /proc.
const fs = require("fs");
const os = require("os");
const { setInterval, clearInterval } = require("timers");

/** Peak RSS (VmHWM) of every process below `rootPid`, sampled until `stop()`. */
function watchDescendants(rootPid) {
  const peaks = new Map();
  const children = (pid) => {
    const out = [];
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) out.push(Number(entry));
      } catch {
        // The process ended meanwhile.
      }
    }
    return out;
  };
  // Resident memory of the whole tree at each sample: what the machine needs at once.
  let combinedMax = 0;
  const rss = (status) => Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  const sample = () => {
    let combined = 0;
    try {
      combined += rss(fs.readFileSync(`/proc/${rootPid}/status`, "utf8"));
    } catch {
      // The process ended meanwhile.
    }
    const stack = children(rootPid);
    while (stack.length > 0) {
      const pid = stack.pop();
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
        combined += rss(status);
      } catch {
        // The process ended meanwhile.
      }
      stack.push(...children(pid));
    }
    combinedMax = Math.max(combinedMax, combined);
  };
  const timer = os.platform() === "linux" ? setInterval(sample, 50) : undefined;
  return {
    /** The largest peak RSS of a descendant, and the largest RSS of the tree sampled at once. */
    stop() {
      clearInterval(timer);
      return {
        descendantMax: peaks.size > 0 ? Math.max(...peaks.values()) : null,
        combinedMax: timer ? combinedMax : null,
      };
    },
  };
}

module.exports = { watchDescendants };
