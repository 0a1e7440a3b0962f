import { PARAMETERS, POPULATIONS } from './population.ts';
import type { Result } from './results.ts';
import type { Job } from '../bench-credits.ts';

/** Where the benchmarks write their report: BENCHMARKS.md, or BENCHMARKS_FILE (the suite's run of them). */
export const REPORT_FILE = process.env.BENCHMARKS_FILE ?? 'BENCHMARKS.md';
export const START = '<!-- credits-simulation:start -->';
const END = '<!-- credits-simulation:end -->';

export type Run = Job & { result: Result };

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The runs of one population and strategy, one per seed. */
function finder(runs: Run[]) {
  const index = new Map<string, Result[]>();
  for (const run of runs) {
    const key = `${run.population}|${run.label}`;
    index.set(key, [...(index.get(key) ?? []), run.result]);
  }
  return (population: string, label: string): Result[] => index.get(`${population}|${label}`) ?? [];
}

/** A figure over the seeds: the first seed's, with the range when there are several. */
function spread(values: number[], digits = 1): string {
  if (values.length < 2) return f(values[0] ?? NaN, digits);
  return `${f(values[0]!, digits)} (${f(Math.min(...values), digits)}–${f(Math.max(...values), digits)})`;
}

export function report(runs: Run[], meta: { seconds: number; full: boolean; seeds: number[]; budgets: number[] }): string {
  const find = finder(runs);
  const pick = (pop: string, label: string, metric: (r: Result) => number) => find(pop, label).map(metric);
  const worst = (values: number[]) => Math.max(...values);
  const targets: [string, string, boolean][] = [];

  // Kept from the first targets: the main population at 144 and 72 credits a day against fixed 2 and 10 minutes.
  const fixed2 = (m: (r: Result) => number) => worst(pick('main', 'fixed 2 min', m));
  const fixed10 = (m: (r: Result) => number) => worst(pick('main', 'fixed 144', m));
  for (const [label, p90Bound, missedSlack] of [['smart 144 + signals', 0.5, 0], ['smart 72 + signals', 1, 1]] as const) {
    const median = worst(pick('main', label, (r) => r.medianMin));
    const p90 = worst(pick('main', label, (r) => r.p90Min));
    const missed = worst(pick('main', label, (r) => r.missedPct));
    targets.push([`main, ${label}: median ≤ fixed 2 min's (${f(fixed2((r) => r.medianMin), 2)})`, f(median, 2), median <= fixed2((r) => r.medianMin)]);
    targets.push([`main, ${label}: p90 ≤ ${p90Bound === 1 ? '' : 'half of '}fixed 10 min's (${f(p90Bound * fixed10((r) => r.p90Min), 2)})`, f(p90, 2), p90 <= p90Bound * fixed10((r) => r.p90Min)]);
    const missedBound = fixed10((r) => r.missedPct) + missedSlack;
    targets.push([`main, ${label}: missed ≤ fixed 10 min's${missedSlack ? ' + 1 point' : ''} (${f(missedBound)} %)`, `${f(missed)} %`, missed <= missedBound]);
  }

  // Never a bad bet: smart within 10 % of fixed polling at the same spend, at every budget from 2 to 144.
  for (const pop of Object.keys(POPULATIONS)) {
    const budgets = meta.budgets.filter((b) => b >= 2 && find(pop, `smart ${b}`).length);
    let excess = -Infinity;
    let where = '';
    for (const b of budgets) {
      for (const signals of ['', ' + signals']) {
        for (const [what, metric] of [['median', (r: Result) => r.medianMin], ['p90', (r: Result) => r.p90Min]] as const) {
          const smart = pick(pop, `smart ${b}${signals}`, metric);
          const fixed = pick(pop, `fixed ${b}${signals}`, metric);
          smart.forEach((s, i) => {
            const e = (100 * (s - fixed[i]!)) / fixed[i]!;
            if (e > excess) [excess, where] = [e, `${what} at ${b}/day${signals}`];
          });
        }
      }
    }
    const range = budgets.length > 1 ? `at ${budgets[0]}–${budgets.at(-1)} a day` : `at ${budgets[0]} a day`;
    targets.push([`${pop}: smart never more than 10 % slower than fixed at the same spend, ${range} (median and p90, with and without signals)`, `worst ${excess > 0 ? '+' : ''}${f(excess)} % (${where})`, excess <= 10]);
  }

  // At 12 a day (one check every two hours if fixed).
  const at12 = (pop: string, label: string, metric: (r: Result) => number) => worst(pick(pop, label, metric));
  const mainMedian = at12('main', 'smart 12 + signals', (r) => r.medianMin);
  const mainFixed = at12('main', 'fixed 12', (r) => r.medianMin);
  targets.push([`main, 12/day: smart + signals median ≤ a third of fixed's (${f(mainFixed / 3)})`, f(mainMedian), mainMedian <= mainFixed / 3]);
  const mainMissed = at12('main', 'smart 12 + signals', (r) => r.missedPct);
  const fixedMissed = at12('main', 'fixed 12', (r) => r.missedPct);
  targets.push([`main, 12/day: smart + signals misses ≤ half of fixed's (${f(fixedMissed / 2)} %)`, `${f(mainMissed)} %`, mainMissed <= fixedMissed / 2]);
  const mixMedian = at12('realistic mix', 'smart 12 + signals', (r) => r.medianMin);
  const mixFixed = at12('realistic mix', 'fixed 12', (r) => r.medianMin);
  targets.push([`realistic mix, 12/day: smart + signals median ≤ half of fixed's (${f(mixFixed / 2)})`, f(mixMedian), mixMedian <= mixFixed / 2]);

  // Whatever pages and the user do: the budget holds and the plan never goes dark.
  for (const use of ['heavy use', 'hostile page']) {
    const label = `smart 12 + signals, ${use}`;
    const share = worst(pick('main', label, (r) => r.maxDayShare ?? NaN));
    const dark = worst(pick('main', label, (r) => r.darkDays));
    targets.push([`${use}: no day spends more than its budget`, `${f(100 * share, 0)} % of the budget at most`, share <= 1]);
    targets.push([`${use}: no day without planned checks`, String(dark), dark === 0]);
  }
  const falses = runs.reduce((n, r) => n + r.result.falseNotifications, 0);
  targets.push(['false notifications, every scenario', String(falses), falses === 0]);

  const cell = (pop: string, label: string) => {
    const rs = find(pop, label);
    return `${spread(rs.map((r) => r.medianMin))} / ${spread(rs.map((r) => r.p90Min))} · ${spread(rs.map((r) => r.missedPct))} %`;
  };
  const curve = (pop: string) => `### Budget against alert quality: ${pop}

Each cell: median / p90 delay (min) · lives missed. Fixed polling checks every 1440 ÷ budget minutes.

| credits per creator per day | smart | smart + signals | fixed | fixed + signals |
|---|---|---|---|---|
${meta.budgets.map((b) => `| ${b} | ${cell(pop, `smart ${b}`)} | ${cell(pop, `smart ${b} + signals`)} | ${cell(pop, `fixed ${b}`)} | ${cell(pop, `fixed ${b} + signals`)} |`).join('\n')}
`;
  const curves = Object.keys(POPULATIONS).filter((pop) => find(pop, 'smart 1').length);
  const others = Object.keys(POPULATIONS).filter((pop) => !curves.includes(pop));
  const use = (label: string) => {
    const rs = find('main', label);
    const r = rs[0]!;
    const share = r.maxDayShare === null ? '—' : `${f(100 * r.maxDayShare, 0)} %`;
    return `| ${label} | ${f(r.creditsPerDay, 2)} | ${share} | ${r.darkDays} | ${f(r.longestGapH)} | ${cell('main', label)} |`;
  };

  return `${START}
## Credits per detected go-live (simulation)

Measured by \`npm run bench:credits${meta.full ? ' -- --full' : ''}\` (\`scripts/bench-credits.ts\`, ${f(meta.seconds, 0)} s on this machine), seed${meta.seeds.length > 1 ? 's' : ''} ${meta.seeds.join(', ')}${meta.seeds.length > 1 ? ' (figures: the first seed, then the range over all)' : ''}. It
runs the shipped scheduler (\`lib/domain/schedule\`) and budget rules (\`admitCheck\`) in simulated time, as the background drives them: ${PARAMETERS.creators} creators over
${PARAMETERS.days} days, the first ${PARAMETERS.learnDays} learned, the rest measured. Credits are paid requests per followed creator per day; a delay runs from
go-live to the paid answer that announced it (minutes), and a missed live (over before any check saw it) counts as found at its end.
Targets that compare take the worst seed.

| target | measured | |
|---|---|---|
${targets.map(([name, value, ok]) => `| ${name} | ${value} | ${verdict(ok)} |`).join('\n')}

${curves.map(curve).join('\n')}
### Other populations at 12 credits per creator per day

| population | smart | smart + signals | fixed | fixed + signals |
|---|---|---|---|---|
${others.map((pop) => `| ${pop} | ${cell(pop, 'smart 12')} | ${cell(pop, 'smart 12 + signals')} | ${cell(pop, 'fixed 12')} | ${cell(pop, 'fixed 12 + signals')} |`).join('\n')}

### Faults, heavy use and a hostile page (main population, 12 a day)

| run | credits/day per creator | most spent in a day | days without planned checks | longest without an answer (h) | median / p90 · missed |
|---|---|---|---|---|---|
${['smart 12 + signals', 'smart 12 + signals, no faults', 'smart 12 + signals, heavy use', 'smart 12 + signals, hostile page', 'fixed 12 + signals', 'fixed 12 + signals, no faults'].map(use).join('\n')}

### Parameters

${Object.entries(PARAMETERS)
  .map(([name, value]) => `- **${name}**: ${value}`)
  .join('\n')}
- **populations** (regular / loose / random): ${Object.entries(POPULATIONS)
    .map(([name, p]) => `${name} ${p.mix.map((x) => f(x, 2)).join(' / ')}${p.variant ? ` (${p.variant})` : ''}`)
    .join('; ')}.
- **budgets**: smart spends one daily total for all creators (credits per creator per day × creators), including checks
  while live, confirmations of free signals, visits, refreshes and retries; fixed polling at the same spend checks every
  1440 ÷ budget minutes, and its confirmations and visits come on top.
${END}
`;
}

/** Replaces this benchmark's section of BENCHMARKS.md, or appends it. */
export function withSection(existing: string, section: string): string {
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start) return existing.slice(0, start) + section.trimEnd() + existing.slice(end + END.length);
  return `${existing.trimEnd()}\n\n${section}`;
}
