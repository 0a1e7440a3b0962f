// The credits benchmark (`npm run bench:credits`): the shipped scheduler (lib/domain/schedule) against fixed-interval
// polling, in simulated time over synthetic populations. Pure Node, deterministic, no browser. It writes its section
// of BENCHMARKS.md (between the markers below) with every figure next to its target; a missed target says so.
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeCreators, makeSignals, PARAMETERS, POPULATIONS } from './credits-sim/population.ts';
import { simulate, type Result, type Strategy } from './credits-sim/simulate.ts';

/** Where the benchmarks write their report: BENCHMARKS.md, or BENCHMARKS_FILE (the suite's run of them). */
export const REPORT_FILE = process.env.BENCHMARKS_FILE ?? 'BENCHMARKS.md';
export const START = '<!-- credits-simulation:start -->';
const END = '<!-- credits-simulation:end -->';
const SEED = 20261125;

const STRATEGIES: [string, Strategy][] = [
  ['fixed 2 min', { kind: 'fixed', minutes: 2, signals: false }],
  ['fixed 10 min', { kind: 'fixed', minutes: 10, signals: false }],
  ['fixed 10 min + signals', { kind: 'fixed', minutes: 10, signals: true }],
  ['fixed 20 min (72/day)', { kind: 'fixed', minutes: 20, signals: false }],
  ['fixed 20 min (72/day) + signals', { kind: 'fixed', minutes: 20, signals: true }],
  ['smart, 144/day', { kind: 'smart', perCreatorPerDay: 144, signals: false }],
  ['smart, 144/day + signals', { kind: 'smart', perCreatorPerDay: 144, signals: true }],
  ['smart, 72/day', { kind: 'smart', perCreatorPerDay: 72, signals: false }],
  ['smart, 72/day + signals', { kind: 'smart', perCreatorPerDay: 72, signals: true }],
];

type Table = Record<string, Record<string, Result>>;

function runPopulation(name: string): Record<string, Result> {
  const creators = makeCreators(POPULATIONS[name]!, SEED);
  const signals = makeSignals(creators, SEED + 1);
  return Object.fromEntries(STRATEGIES.map(([label, strategy]) => [label, simulate(creators, signals, strategy, SEED + 2)]));
}

/** Each population in its own process: the machine's cores share the work. */
function inChild(name: string): Promise<Record<string, Result>> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--population', name], { execArgv: process.execArgv });
    child.once('message', (message) => resolve(message as Record<string, Result>));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${name}: exit ${code}`)));
  });
}

const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function report(table: Table, seconds: number): string {
  const main = table.main!;
  const rows = (pop: string) =>
    STRATEGIES.map(([label]) => {
      const r = table[pop]![label]!;
      return `| ${label} | ${f(r.creditsPerDay, 1)} | ${f(r.medianMin)} | ${f(r.p90Min)} | ${f(r.missedPct)} % | ${r.falseNotifications} |`;
    }).join('\n');
  const fixed2 = main['fixed 2 min']!;
  const fixed10 = main['fixed 10 min']!;
  const s144 = main['smart, 144/day + signals']!;
  const s72 = main['smart, 72/day + signals']!;
  const targets: [string, string, boolean][] = [
    [`144/day, smart + signals: median ≤ fixed 2 min's (${f(fixed2.medianMin)})`, f(s144.medianMin), s144.medianMin <= fixed2.medianMin],
    [`144/day, smart + signals: p90 ≤ half of fixed 10 min's (${f(fixed10.p90Min / 2)})`, f(s144.p90Min), s144.p90Min <= fixed10.p90Min / 2],
    [`144/day, smart + signals: missed ≤ fixed 10 min's (${f(fixed10.missedPct)} %)`, `${f(s144.missedPct)} %`, s144.missedPct <= fixed10.missedPct],
    [`72/day, smart + signals: median ≤ fixed 2 min's (${f(fixed2.medianMin)})`, f(s72.medianMin), s72.medianMin <= fixed2.medianMin],
    [`72/day, smart + signals: p90 ≤ fixed 10 min's (${f(fixed10.p90Min)})`, f(s72.p90Min), s72.p90Min <= fixed10.p90Min],
    [`72/day, smart + signals: missed ≤ fixed 10 min's + 1 point (${f(fixed10.missedPct + 1)} %)`, `${f(s72.missedPct)} %`, s72.missedPct <= fixed10.missedPct + 1],
  ];
  // Never a bad bet: on populations without (much) regularity, smart within 10 % of fixed polling at the same budget.
  for (const pop of ['all random', 'mostly random']) {
    for (const [smart, fixed] of [
      ['smart, 144/day', 'fixed 10 min'],
      ['smart, 144/day + signals', 'fixed 10 min + signals'],
      ['smart, 72/day', 'fixed 20 min (72/day)'],
      ['smart, 72/day + signals', 'fixed 20 min (72/day) + signals'],
    ] as const) {
      const s = table[pop]![smart]!;
      const x = table[pop]![fixed]!;
      for (const [what, a, b] of [['median', s.medianMin, x.medianMin], ['p90', s.p90Min, x.p90Min]] as const) {
        targets.push([`${pop}: ${smart} ${what} within 10 % of ${fixed} (${f(b)})`, `${f(a)} (${a <= b ? '' : '+'}${f((100 * (a - b)) / b, 1)} %)`, a <= 1.1 * b]);
      }
    }
  }
  const falses = Object.values(table).flatMap((byStrategy) => Object.values(byStrategy)).reduce((n, r) => n + r.falseNotifications, 0);
  targets.push(['false notifications, every scenario', String(falses), falses === 0]);

  return `${START}
## Credits per detected go-live (simulation)

Measured by \`npm run bench:credits\` (\`scripts/bench-credits.ts\`, ${f(seconds, 0)} s on this machine), seed ${SEED}. It runs the
shipped scheduler (\`lib/domain/schedule\`) in simulated time: ${PARAMETERS.creators} creators over ${PARAMETERS.days} days, the first
${PARAMETERS.learnDays} learned, the rest measured. Credits are paid requests per followed creator per day; delays run from
go-live to the paid answer that confirmed it (minutes); a missed live ended before any check saw it.

| target | measured | |
|---|---|---|
${targets.map(([name, value, ok]) => `| ${name} | ${value} | ${verdict(ok)} |`).join('\n')}

${Object.keys(POPULATIONS)
  .map(
    (pop) => `### Population: ${pop} (regular / loose / random = ${POPULATIONS[pop]!.map((x) => f(x, 2)).join(' / ')})

| strategy | credits/day per creator | median delay | p90 delay | lives missed | false notifications |
|---|---|---|---|---|---|
${rows(pop)}
`,
  )
  .join('\n')}
### Parameters

${Object.entries(PARAMETERS)
  .map(([name, value]) => `- **${name}**: ${value}`)
  .join('\n')}
- **budgets**: 144 checks/day per creator is what fixed 10 min costs (today's default); 72 is a tenth of fixed 2 min's 720.
  Smart spends one daily total for all creators, including checks while live, confirmations of free signals and retries.
${END}
`;
}

/** Replaces this benchmark's section of BENCHMARKS.md, or appends it. */
function withSection(existing: string, section: string): string {
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start) return existing.slice(0, start) + section.trimEnd() + existing.slice(end + END.length);
  return `${existing.trimEnd()}\n\n${section}`;
}

const populationArg = process.argv.indexOf('--population');
if (populationArg >= 0) {
  process.send!(runPopulation(process.argv[populationArg + 1]!), () => process.disconnect());
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const results = await Promise.all(Object.keys(POPULATIONS).map(async (pop) => [pop, await inChild(pop)] as const));
  const section = report(Object.fromEntries(results), (performance.now() - started) / 1000);
  const existing = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '# Benchmarks\n';
  writeFileSync(REPORT_FILE, withSection(existing, section));
  console.log(section);
}
