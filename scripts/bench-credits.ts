// The credits benchmark (`npm run bench:credits`; `-- --full` for every population's curve over three seeds): the
// shipped scheduler and budget rules against fixed-interval polling, in simulated time over synthetic populations.
// Pure Node, deterministic, no browser. It writes its section of BENCHMARKS.md (between the markers in report.ts) with
// every figure next to its target; a missed target says so.
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { makeCreators, makeSignals, makeUse, POPULATIONS, type Use } from './credits-sim/population.ts';
import { simulate, type Result, type Strategy } from './credits-sim/simulate.ts';
import { REPORT_FILE, report, withSection, type Run } from './credits-sim/report.ts';

const SEEDS = [20261125, 20261207, 20270101];
/** Credits per creator per day the curve is drawn at. */
export const BUDGETS = [1, 2, 4, 8, 12, 24, 48, 144];
const CURVE_POPULATIONS = ['main', 'all random'];

export interface Job {
  population: string;
  label: string;
  strategy: Strategy;
  faults: boolean;
  use: Use;
  seed: number;
}

/** Smart and fixed polling at the same spend, each with and without free signals. */
function atBudget(population: string, budget: number, seed: number): Job[] {
  const minutes = 1440 / budget;
  const job = (label: string, strategy: Strategy): Job => ({ population, label, strategy, faults: true, use: 'normal', seed });
  return [
    job(`smart ${budget}`, { kind: 'smart', perCreatorPerDay: budget, signals: false }),
    job(`smart ${budget} + signals`, { kind: 'smart', perCreatorPerDay: budget, signals: true }),
    job(`fixed ${budget}`, { kind: 'fixed', minutes, signals: false }),
    job(`fixed ${budget} + signals`, { kind: 'fixed', minutes, signals: true }),
  ];
}

function jobs(full: boolean): Job[] {
  const seeds = full ? SEEDS : SEEDS.slice(0, 1);
  const out: Job[] = [];
  for (const seed of seeds) {
    for (const population of Object.keys(POPULATIONS)) {
      const curve = full || CURVE_POPULATIONS.includes(population);
      for (const budget of curve ? BUDGETS : [12]) out.push(...atBudget(population, budget, seed));
    }
    const main = (label: string, strategy: Strategy, more: Partial<Job> = {}): Job => ({ population: 'main', label, strategy, faults: true, use: 'normal', seed, ...more });
    const smart12: Strategy = { kind: 'smart', perCreatorPerDay: 12, signals: true };
    out.push(
      main('fixed 2 min', { kind: 'fixed', minutes: 2, signals: false }),
      main('smart 72 + signals', { kind: 'smart', perCreatorPerDay: 72, signals: true }),
      main('smart 12 + signals, no faults', smart12, { faults: false }),
      main('fixed 12 + signals, no faults', { kind: 'fixed', minutes: 120, signals: true }, { faults: false }),
      main('smart 12 + signals, heavy use', smart12, { use: 'heavy' }),
      main('smart 12 + signals, hostile page', smart12, { use: 'hostile' }),
    );
  }
  return out;
}

function runJob(job: Job): Result {
  const creators = makeCreators(POPULATIONS[job.population]!, job.seed);
  const signals = makeSignals(creators, job.seed + 1);
  return simulate(creators, signals, { strategy: job.strategy, faults: job.faults, use: makeUse(creators, job.use, job.seed + 3) }, job.seed + 2);
}

/** A share of the jobs in a child process: the machine's cores share the work. */
function inChild(share: Job[]): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: process.execArgv });
    child.once('message', (message) => resolve(message as Result[]));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`a share of the simulation stopped: exit ${code}`)));
    child.send(share);
  });
}

if (process.argv.includes('--child')) {
  process.once('message', (share) => process.send!((share as Job[]).map(runJob), () => process.disconnect()));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const full = process.argv.includes('--full');
  const started = performance.now();
  const all = jobs(full);
  const workers = Math.max(1, Math.min(cpus().length, 8));
  // Dealt round-robin: the costly high budgets spread evenly.
  const shares = Array.from({ length: workers }, (_, w) => all.filter((_, i) => i % workers === w));
  const results = await Promise.all(shares.map(inChild));
  const runs: Run[] = shares.flatMap((share, w) => share.map((job, i) => ({ ...job, result: results[w]![i]! })));
  const section = report(runs, { seconds: (performance.now() - started) / 1000, full, seeds: full ? SEEDS : SEEDS.slice(0, 1), budgets: BUDGETS });
  const existing = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '# Benchmarks\n';
  writeFileSync(REPORT_FILE, withSection(existing, section));
  console.log(section);
}
