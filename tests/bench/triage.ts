/**
 * Bench: NEWS2 for 100,000 observation sets (target ≤ 100 ms), median of
 * runs, beside a named peer measured in the same script: a plain table
 * lookup (one precomputed score array per parameter, no checks, no result
 * object), the least any scorer can do. Both score the same sets, and their
 * totals are compared, so the peer also cross-checks the scorer.
 * Called from bench.ts; runs on its own with `node --import tsx tests/bench/triage.ts`.
 */
import { scoreNews2, type Consciousness, type News2Input } from '../../common/triage/news2';

const SETS = 100_000;
const LEVELS: readonly Consciousness[] = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'];

/** A small seeded generator, so every run scores the same sets. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function observationSets(n: number): News2Input[] {
  const random = mulberry32(2017);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return Array.from({ length: n }, () => ({
    respirationRate: int(4, 40),
    spo2: int(75, 100),
    spo2Scale: random() < 0.15 ? 2 : 1,
    onOxygen: random() < 0.2,
    systolicBp: int(60, 240),
    pulse: int(30, 160),
    consciousness: LEVELS[random() < 0.85 ? 0 : int(1, 4)]!,
    temperature: int(340, 410) / 10,
  }));
}

/** The peer: a score array per parameter, indexed by the reading, built once from the chart's bands. */
function lookupTables() {
  const table = (max: number, score: (v: number) => number) => Int8Array.from({ length: max + 1 }, (_, v) => score(v));
  const band = (edges: Array<[number, number]>, last: number) => (v: number) =>
    edges.find(([upTo]) => v <= upTo)?.[1] ?? last;
  return {
    rr: table(
      80,
      band(
        [
          [8, 3],
          [11, 1],
          [20, 0],
          [24, 2],
        ],
        3,
      ),
    ),
    spo2s1: table(
      100,
      band(
        [
          [91, 3],
          [93, 2],
          [95, 1],
        ],
        0,
      ),
    ),
    spo2s2air: table(
      100,
      band(
        [
          [83, 3],
          [85, 2],
          [87, 1],
        ],
        0,
      ),
    ),
    spo2s2o2: table(
      100,
      band(
        [
          [83, 3],
          [85, 2],
          [87, 1],
          [92, 0],
          [94, 1],
          [96, 2],
        ],
        3,
      ),
    ),
    sbp: table(
      300,
      band(
        [
          [90, 3],
          [100, 2],
          [110, 1],
          [219, 0],
        ],
        3,
      ),
    ),
    pulse: table(
      250,
      band(
        [
          [40, 3],
          [50, 1],
          [90, 0],
          [110, 1],
          [130, 2],
        ],
        3,
      ),
    ),
    temp: table(
      450,
      band(
        [
          [350, 3],
          [360, 1],
          [380, 0],
          [390, 1],
        ],
        2,
      ),
    ),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface TriageBenchRow {
  figure: string;
  value: number | null;
  unit: string;
  peer: string;
  peerValue: number | null;
  target: number;
  targetOn: 'value' | 'ratio';
  note?: string;
}

export function benchNews2(runs: number): TriageBenchRow {
  const sets = observationSets(SETS);
  const t = lookupTables();
  const temperatureTenths = Int16Array.from(sets, (s) => Math.round(s.temperature * 10));
  const byScorer = new Int8Array(SETS);
  const byLookup = new Int8Array(SETS);

  const scorer = () => {
    for (let i = 0; i < SETS; i++) byScorer[i] = scoreNews2(sets[i]!).total;
  };
  const lookup = () => {
    for (let i = 0; i < SETS; i++) {
      const s = sets[i]!;
      const spo2Table = s.spo2Scale === 2 ? (s.onOxygen ? t.spo2s2o2 : t.spo2s2air) : t.spo2s1;
      byLookup[i] =
        t.rr[s.respirationRate]! +
        spo2Table[s.spo2]! +
        (s.onOxygen ? 2 : 0) +
        t.sbp[s.systolicBp]! +
        t.pulse[s.pulse]! +
        (s.consciousness === 'alert' ? 0 : 3) +
        t.temp[temperatureTenths[i]!]!;
    }
  };
  // One warm-up each, so that both are measured after the JIT has compiled them.
  scorer();
  lookup();
  const scorerMs: number[] = [];
  const lookupMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    scorer();
    scorerMs.push(performance.now() - t0);
    t0 = performance.now();
    lookup();
    lookupMs.push(performance.now() - t0);
  }
  let disagreements = 0;
  for (let i = 0; i < SETS; i++) if (byScorer[i] !== byLookup[i]) disagreements++;
  return {
    figure: 'NEWS2 for 100,000 observation sets',
    value: median(scorerMs),
    unit: 'ms',
    peer: 'plain table lookup (totals only)',
    peerValue: median(lookupMs),
    target: 100,
    targetOn: 'value',
    note: `scoreNews2 with per-parameter scores, red scores and risk band, vs precomputed score arrays; seeded sets (15% Scale 2, 20% on oxygen); totals agree on ${SETS - disagreements} of ${SETS}`,
  };
}

if (require.main === module) {
  const row = benchNews2(7);
  const verdict = row.value !== null && row.value <= row.target ? 'PASS' : 'MISS';
  console.log(
    `${row.figure}: ${row.value?.toFixed(1)} ms (peer ${row.peer}: ${row.peerValue?.toFixed(1)} ms, ${((row.value ?? 0) / (row.peerValue ?? 1)).toFixed(2)}x), target ≤ ${row.target} ms: ${verdict}`,
  );
  console.log(`  ${row.note}`);
}
