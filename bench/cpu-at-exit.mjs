// Preloaded (node --import) into the processes the start-up benchmark spawns: appends the process's
// whole CPU time (user + system, ms, bootstrap included) to $TLAB_BENCH_CPU_FILE when it exits. On a
// busy machine CPU time varies far less than wall-clock time, so the suite reports both.
import { appendFileSync } from 'node:fs';

const file = process.env.TLAB_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
