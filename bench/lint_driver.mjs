// Times write-good or alex on one message per line, for bench/compare.sh.
//
//   node lint_driver.mjs NPM_PREFIX write-good|alex FILE [EVERY]
//
// NPM_PREFIX is where `npm install --prefix` put the packages (they are
// resolved from there, not from this file's folder). EVERY > 1 takes every
// EVERY-th line, a sample spread over the whole file. Prints one JSON object:
// messages, flagged, the mean per message from whole-loop timing (wall and
// process CPU time), and the median and p99 of per-message wall timings. Node start-up and module loading are
// outside the timing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [prefix, tool, file, everyArg] = process.argv.slice(2);
if (!prefix || !file || !['write-good', 'alex'].includes(tool)) {
  console.error('usage: node lint_driver.mjs NPM_PREFIX write-good|alex FILE [EVERY]');
  process.exit(2);
}
const every = Math.max(1, Number(everyArg ?? 1));
const require = createRequire(join(prefix, 'node_modules', 'noop.js'));

// One function per tool: text in, number of findings out.
let check;
if (tool === 'write-good') {
  const writeGood = require('write-good');
  check = (line) => writeGood(line).length;
} else {
  // alex is ESM-only since v10; import it by its resolved path.
  const alex = await import(pathToFileURL(require.resolve('alex')).href);
  check = (line) => alex.text(line).messages.length;
}

const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line, i) => line.length > 0 && i % every === 0);

// Warm up the JIT on a few lines before timing.
for (const line of lines.slice(0, 200)) check(line);

let flagged = 0;
const perMessage = new Float64Array(lines.length);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < lines.length; ++i) {
  const t0 = process.hrtime.bigint();
  if (check(lines[i]) > 0) ++flagged;
  perMessage[i] = Number(process.hrtime.bigint() - t0) / 1e3;
}
const totalUs = Number(process.hrtime.bigint() - start) / 1e3;
const cpu = process.cpuUsage(cpuStart);
perMessage.sort();
const rank = (p) => perMessage[Math.min(lines.length - 1, Math.max(0, Math.ceil((p / 100) * lines.length) - 1))];
console.log(JSON.stringify({
  tool,
  messages: lines.length,
  flagged,
  mean_us: totalUs / lines.length,
  cpu_us: (cpu.user + cpu.system) / lines.length,
  median_us: rank(50),
  p99_us: rank(99),
}));
