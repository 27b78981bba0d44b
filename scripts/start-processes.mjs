// Which processes a stop of `npm start` may end while its cluster is still starting: the start script and every
// process under it (build steps, start.sh), by PID, but not the cluster's components start.sh already recorded in
// $STATE/pids (nor what runs under them, such as containerd's shims): stop.sh stops those in order (drain the node,
// end the containers through containerd, then the control plane), which a signal to all of them would skip.
import fs from 'node:fs';
import path from 'node:path';

/** PID → parent PID of every process now (Linux /proc). */
function parents() {
  const map = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")"
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(entry), ppid);
    } catch { /* exited meanwhile */ }
  }
  return map;
}

/** The recorded component PIDs (`pid exe` per file). */
function recorded(pidsDir) {
  if (!fs.existsSync(pidsDir)) return new Set();
  return new Set(fs.readdirSync(pidsDir).map((f) => Number(fs.readFileSync(path.join(pidsDir, f), 'utf8').split(' ')[0])));
}

/** `root` and its descendants, leaving out each recorded component and the processes under it. */
export function descendantsOutside(root, pidsDir) {
  const ppid = parents();
  const keep = recorded(pidsDir);
  const children = new Map();
  for (const [pid, parent] of ppid) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    if (keep.has(pid) || !ppid.has(pid)) continue;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}
