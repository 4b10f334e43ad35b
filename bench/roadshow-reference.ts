import { EQUITY_STAGES, FundPreferencesSchema, fitScore } from '#domain/equity/preferences.ts';
import type { Plan, PlannerInput } from '#domain/roadshow/planner.ts';
import type { Tier } from '#domain/tiers.ts';
import { rng } from './synthetic.ts';

/**
 * What the roadshow planner is measured against: a synthetic instance (firms, funds and
 * sessions with availability, consent and waiting time; fit from the real fitScore), the greedy
 * baseline an operator would do by hand, and the exact optimum from the HiGHS MILP solver.
 */

const MIN = 60_000;
const DAY0 = Date.parse('2027-03-01T00:30:00Z'); // 08:30 Asia/Shanghai
/** Four sessions a day: 08:30, 10:45, 13:30, 15:45 (Asia/Shanghai). */
const SESSION_OFFSETS_MIN = [0, 135, 300, 435];

const CHAINS = [
  ['C26', 'C265', 'C2662'],
  ['C27', 'C272', 'C2720'],
  ['C30', 'C305', 'C3061'],
  ['C34', 'C342', 'C3421'],
  ['C35', 'C356', 'C3562'],
  ['C36', 'C367', 'C3670'],
  ['C38', 'C382', 'C3841'],
  ['C39', 'C397', 'C3981'],
  ['C40', 'C401', 'C4011'],
  ['I65', 'I651', 'I6513'],
  ['M73', 'M732', 'M7320'],
  ['D44', 'D441', 'D4415'],
] as const;
const TIERS: (Tier | null)[] = [null, 'innovative_sme', 'srdi_sme', 'srdi_sme', 'little_giant', 'tech_sme'];

export interface InstanceSize {
  firms: number;
  funds: number;
  sessions: number;
  slots: number;
  capacity: number;
  seed: number;
}

export function roadshowInstance(size: InstanceSize): PlannerInput {
  const r = rng(size.seed);
  const slotMinutes = 10;
  const sessions = Array.from({ length: size.sessions }, (_, s) => ({
    id: `s${String(s + 1).padStart(2, '0')}`,
    startsAt: DAY0 + Math.floor(s / 4) * 1440 * MIN + SESSION_OFFSETS_MIN[s % 4]! * MIN,
    slots: size.slots,
    capacity: size.capacity,
  }));
  const days = Math.ceil(size.sessions / 4);
  const dayWindow = (from: number, len: number) => ({
    from: DAY0 + from * 1440 * MIN - 60 * MIN,
    to: DAY0 + (from + len) * 1440 * MIN - 60 * MIN,
  });
  const firmProfiles = Array.from({ length: size.firms }, () => {
    const chain = r.pick(CHAINS);
    return {
      industryCode: r.chance(0.4) ? chain[2] : `${chain[0]}${r.int(10, 99)}`,
      regionCode: r.chance(0.85) ? `35${r.pick(['02', '01', '05'])}${r.pick(['03', '06', '11'])}` : '330106',
      tier: r.pick(TIERS),
      amountYuan: r.int(5, 200) * 1_000_000,
      stage: r.pick(EQUITY_STAGES),
    };
  });
  const fundPrefs = Array.from({ length: size.funds }, () => {
    const chains = r.some(CHAINS, 1, 3);
    const min = r.int(1, 30) * 1_000_000;
    return FundPreferencesSchema.parse({
      industryPrefixes: chains.map((c) => c[r.int(0, 2)]!),
      stages: r.some(EQUITY_STAGES, 1, 3),
      tiers: r.chance(0.6) ? ['srdi_sme'] : [],
      ticket: { minYuan: min, maxYuan: min + r.int(10, 150) * 1_000_000 },
      regionPrefixes: r.chance(0.7) ? ['35'] : [],
      fundSizeYuan: r.int(5, 50) * 100_000_000,
    });
  });
  const firms = firmProfiles.map((_, i) => ({
    id: `firm-${String(i).padStart(5, '0')}`,
    consent: r.chance(0.9),
    waitingDays: r.int(0, 365),
    available: r.chance(0.25) ? [dayWindow(r.int(0, days - 1), r.int(1, 3))] : undefined,
  }));
  const funds = fundPrefs.map((_, j) => ({
    id: `fund-${String(j).padStart(3, '0')}`,
    maxSessions: r.int(1, 3),
    available: r.chance(0.3) ? [dayWindow(r.int(0, days - 1), r.int(1, Math.max(1, days)))] : undefined,
  }));
  const fit = firmProfiles.map((p) => fundPrefs.map((f) => fitScore(p, f).score));
  return { slotMinutes, sessions, firms, funds, fit };
}

function covers(w: PlannerInput['firms'][number]['available'], from: number, to: number): boolean {
  return !w || w.some((x) => x.from <= from && to <= x.to);
}

/**
 * The hand-made plan: funds spread over the sessions they can attend (fewest seated first), then
 * firms by their best single fit, each into the first free slot of the session where the seated
 * funds like it most.
 */
export function greedyPlan(input: PlannerInput): Pick<Plan, 'sessions'> {
  const slotMs = input.slotMinutes * MIN;
  const sessions = [...input.sessions].sort((a, b) => a.startsAt - b.startsAt);
  const seated: number[][] = sessions.map(() => []);
  input.funds.forEach((u, j) => {
    for (let n = 0; n < (u.maxSessions ?? 1); n++) {
      let best = -1;
      sessions.forEach((s, k) => {
        if (seated[k]!.length >= s.capacity || seated[k]!.includes(j)) return;
        if (!covers(u.available, s.startsAt, s.startsAt + s.slots * slotMs)) return;
        if (best < 0 || seated[k]!.length < seated[best]!.length) best = k;
      });
      if (best >= 0) seated[best]!.push(j);
    }
  });
  const owner: (number | null)[][] = sessions.map((s) => Array.from({ length: s.slots }, () => null));
  const order = input.firms
    .map((f, i) => ({ f, i, best: Math.max(0, ...input.fit[i]!) }))
    .filter((x) => x.f.consent && x.best > 0)
    .sort((a, b) => b.best - a.best || a.i - b.i);
  for (const { f, i } of order) {
    const ranked = sessions
      .map((_, k) => ({ k, v: seated[k]!.reduce((sum, j) => sum + input.fit[i]![j]!, 0) }))
      .filter((x) => x.v > 0)
      .sort((a, b) => b.v - a.v || a.k - b.k);
    for (const { k } of ranked) {
      const s = sessions[k]!;
      const slot = owner[k]!.findIndex(
        (o, n) => o === null && covers(f.available, s.startsAt + n * slotMs, s.startsAt + (n + 1) * slotMs),
      );
      if (slot >= 0) {
        owner[k]![slot] = i;
        break;
      }
    }
  }
  return {
    sessions: sessions.map((s, k) => ({
      sessionId: s.id,
      funds: seated[k]!.map((j) => ({ fundId: input.funds[j]!.id, pinned: false })),
      slots: owner[k]!.map((o, n) => ({
        slot: n,
        firmId: o === null ? null : input.firms[o]!.id,
        pinned: false,
      })),
    })),
  };
}

/**
 * The exact optimum of the planner's objective (Σ fit over firm–fund pairs sharing a session)
 * under the same hard rules, as a MILP: x[firm,session,slot] and z[fund,session] binary,
 * w[firm,fund,session] ≤ both (it is 1 only when the two share the session).
 */
export function optimumLp(input: PlannerInput): string {
  const slotMs = input.slotMinutes * MIN;
  const obj: string[] = [];
  const rows: string[] = [];
  const bins: string[] = [];
  const bounds: string[] = [];
  const xBySession = new Map<string, string[]>();
  const perFirm: string[][] = input.firms.map(() => []);
  const perSlot = new Map<string, string[]>();
  // When every firm is available for a whole session or none of it, slots within a session are
  // interchangeable: one y[firm,session] per pair and a slot count per session (far fewer
  // symmetric solutions for the solver); otherwise one x per slot.
  const sessionAligned = input.sessions.every((s) =>
    input.firms.every((f) => {
      let n = 0;
      for (let k = 0; k < s.slots; k++)
        if (covers(f.available, s.startsAt + k * slotMs, s.startsAt + (k + 1) * slotMs)) n++;
      return n === 0 || n === s.slots;
    }),
  );
  const perSessionCount: string[][] = input.sessions.map(() => []);
  input.sessions.forEach((s, k) => {
    input.firms.forEach((f, i) => {
      if (!f.consent || !input.fit[i]!.some((v) => v > 0)) return;
      for (let n = 0; n < s.slots; n++) {
        const from = s.startsAt + n * slotMs;
        if (!covers(f.available, from, from + slotMs)) continue;
        const x = sessionAligned ? `y_${i}_${k}` : `x_${i}_${k}_${n}`;
        bins.push(x);
        perFirm[i]!.push(x);
        xBySession.set(`${i}_${k}`, [...(xBySession.get(`${i}_${k}`) ?? []), x]);
        if (sessionAligned) {
          perSessionCount[k]!.push(x);
          break;
        }
        perSlot.set(`${k}_${n}`, [...(perSlot.get(`${k}_${n}`) ?? []), x]);
      }
    });
  });
  const zBySession: string[][] = input.sessions.map(() => []);
  const zByFund: string[][] = input.funds.map(() => []);
  input.sessions.forEach((s, k) => {
    input.funds.forEach((u, j) => {
      if ((u.maxSessions ?? 1) < 1 || !covers(u.available, s.startsAt, s.startsAt + s.slots * slotMs)) return;
      const z = `z_${j}_${k}`;
      bins.push(z);
      zBySession[k]!.push(z);
      zByFund[j]!.push(z);
    });
  });
  let c = 0;
  const wByFirm = new Map<string, string[]>();
  const wByFund = new Map<string, string[]>();
  for (const xs of perFirm) if (xs.length > 1) rows.push(` c${c++}: ${xs.join(' + ')} <= 1`);
  for (const xs of perSlot.values()) if (xs.length > 1) rows.push(` c${c++}: ${xs.join(' + ')} <= 1`);
  input.sessions.forEach((s, k) => {
    if (perSessionCount[k]!.length > s.slots)
      rows.push(` c${c++}: ${perSessionCount[k]!.join(' + ')} <= ${s.slots}`);
  });
  input.sessions.forEach((s, k) => {
    if (zBySession[k]!.length > s.capacity)
      rows.push(` c${c++}: ${zBySession[k]!.join(' + ')} <= ${s.capacity}`);
  });
  input.funds.forEach((u, j) => {
    if (zByFund[j]!.length > (u.maxSessions ?? 1))
      rows.push(` c${c++}: ${zByFund[j]!.join(' + ')} <= ${u.maxSessions ?? 1}`);
  });
  input.sessions.forEach((_, k) => {
    input.firms.forEach((_, i) => {
      const xs = xBySession.get(`${i}_${k}`);
      if (!xs) return;
      input.funds.forEach((_, j) => {
        const f = input.fit[i]![j]!;
        if (f <= 0 || !zByFund[j]!.includes(`z_${j}_${k}`)) return;
        const w = `w_${i}_${j}_${k}`;
        obj.push(`${f} ${w}`);
        bounds.push(` 0 <= ${w} <= 1`);
        rows.push(` c${c++}: ${w} - ${xs.join(' - ')} <= 0`);
        rows.push(` c${c++}: ${w} - z_${j}_${k} <= 0`);
        wByFirm.set(`${i}_${k}`, [...(wByFirm.get(`${i}_${k}`) ?? []), w]);
        wByFund.set(`${j}_${k}`, [...(wByFund.get(`${j}_${k}`) ?? []), w]);
      });
    });
  });
  // Valid cuts that tighten the relaxation: a firm meets at most `capacity` funds in its
  // session, a fund at most `slots` firms.
  input.sessions.forEach((s, k) => {
    input.firms.forEach((_, i) => {
      const ws = wByFirm.get(`${i}_${k}`);
      if (ws && ws.length > s.capacity)
        rows.push(
          ` c${c++}: ${ws.join(' + ')} - ${s.capacity} ${xBySession.get(`${i}_${k}`)!.join(` - ${s.capacity} `)} <= 0`,
        );
    });
    input.funds.forEach((_, j) => {
      const ws = wByFund.get(`${j}_${k}`);
      if (ws && ws.length > s.slots) rows.push(` c${c++}: ${ws.join(' + ')} - ${s.slots} z_${j}_${k} <= 0`);
    });
  });
  return [
    'Maximize',
    ` obj: ${obj.length ? obj.join(' + ') : '0 z_none'}`,
    'Subject To',
    ...(rows.length ? rows : [' c0: 0 z_none <= 1']),
    'Bounds',
    ...bounds,
    'Binary',
    ` ${bins.join(' ')}`,
    'End',
  ].join('\n');
}

interface HighsSolver {
  solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}

let solver: Promise<HighsSolver> | undefined;

export async function optimumFit(
  input: PlannerInput,
): Promise<{ status: string; value: number; ms: number }> {
  solver ??= import('highs').then((m) => (m.default as unknown as () => Promise<HighsSolver>)());
  const highs = await solver;
  const started = performance.now();
  const r = highs.solve(optimumLp(input), { time_limit: 120, mip_rel_gap: 0 });
  return { status: r.Status, value: r.ObjectiveValue, ms: performance.now() - started };
}
