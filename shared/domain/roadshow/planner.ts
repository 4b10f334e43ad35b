/**
 * The roadshow planner: firms to pitch slots, funds to sessions. Pure and deterministic — the
 * same input (in any order) gives the same plan.
 *
 * Objective: total preference fit between each pitching firm and the funds sitting in its
 * session, Σ_sessions Σ_firms-in-it Σ_funds-in-it fit(firm, fund), with a small bonus (at most
 * FAIRNESS_BONUS of a firm's value) for firms that have waited longest, so among near-equal
 * firms the longest-waiting pitches first.
 *
 * Hard rules, never broken: a firm that did not consent is never placed; a firm pitches at most
 * once and only in a slot inside its availability; a slot holds one firm; a session seats at
 * most `capacity` funds, each available for the whole session and sitting in at most
 * `maxSessions` sessions; sessions of one roadshow never overlap (roadshow.ts checks that), so a
 * fund is never booked twice at once. Pins (the operator's hand adjustments) are kept as long as
 * they break none of these; the planner plans around them.
 *
 * Method: funds are first clustered into sessions by the similarity of their fit profiles
 * (farthest-point seeds, then nearest cluster), then two greedy steps alternate — firms to
 * sessions given the funds (best weighted value first, slots matched inside a session by
 * augmenting paths so availability windows are honoured), then funds to sessions given the
 * firms — followed by a move/swap pass over the firms, keeping the best plan seen.
 */

export interface PlannerWindow {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
}

export interface PlannerSession {
  id: string;
  /** Epoch milliseconds. */
  startsAt: number;
  slots: number;
  /** Funds the session seats. */
  capacity: number;
}

export interface PlannerFirm {
  id: string;
  consent: boolean;
  /** Days the firm's request has waited; more waits longer. */
  waitingDays: number;
  /** When it can pitch; absent = any time. */
  available?: readonly PlannerWindow[] | undefined;
}

export interface PlannerFund {
  id: string;
  /** When it can sit in a session (the whole session must fit); absent = any time. */
  available?: readonly PlannerWindow[] | undefined;
  /** Sessions it may sit in (default 1). */
  maxSessions?: number | undefined;
}

export interface PlanPins {
  firms?: readonly { firmId: string; sessionId: string; slot: number }[];
  funds?: readonly { fundId: string; sessionId: string }[];
  /** Firms the operator took out by hand. */
  excludedFirms?: readonly string[];
}

export interface PlannerInput {
  slotMinutes: number;
  sessions: readonly PlannerSession[];
  firms: readonly PlannerFirm[];
  funds: readonly PlannerFund[];
  /** fit[i][j]: preference fit (≥ 0) of firms[i] with funds[j]. */
  fit: readonly (readonly number[])[];
  pins?: PlanPins | undefined;
}

export const LEFT_OUT_REASONS = {
  no_consent: { zh: '企业未同意参加路演推送', en: 'The firm has not consented' },
  excluded: { zh: '运营人员已移出', en: 'Taken out by the operator' },
  unavailable: { zh: '企业可用时间内没有路演时段', en: 'No slot within the firm’s availability' },
  no_fit: { zh: '与参会基金的偏好都不匹配', en: 'Fits none of the funds’ preferences' },
  capacity: { zh: '时段已满（进入候补名单）', en: 'Slots are full (on the waitlist)' },
} as const;
export type LeftOutReason = keyof typeof LEFT_OUT_REASONS;

export const PIN_REFUSALS = {
  unknown: { zh: '找不到该企业、基金、场次或时段', en: 'Unknown firm, fund, session or slot' },
  no_consent: { zh: '企业未同意', en: 'The firm has not consented' },
  excluded: { zh: '企业已被移出', en: 'The firm was taken out' },
  unavailable: { zh: '不在可用时间内', en: 'Outside its availability' },
  taken: { zh: '时段或席位已被其他固定安排占用', en: 'Slot or seat already pinned to another' },
  twice: { zh: '同一企业或基金固定安排过多', en: 'Pinned more often than allowed' },
} as const;
export type PinRefusal = keyof typeof PIN_REFUSALS;

export interface PlannedSlot {
  slot: number;
  firmId: string | null;
  pinned: boolean;
}

export interface PlannedSession {
  sessionId: string;
  funds: { fundId: string; pinned: boolean }[];
  slots: PlannedSlot[];
}

export interface PlanQuality {
  slotsTotal: number;
  slotsFilled: number;
  seatsTotal: number;
  seatsFilled: number;
  /** Σ fit over (firm, fund) pairs sharing a session. */
  totalFit: number;
  /** totalFit ÷ number of such pairs: the average fit a pitch meets in its room, 0–100. */
  meanFit: number;
  firmsPlaced: number;
  firmsLeftOut: Record<LeftOutReason, number>;
  fundsPlaced: number;
  fundsLeftOut: number;
  /** Mean waiting days of the firms placed and of those on the waitlist. */
  meanWaitingDaysPlaced: number;
  meanWaitingDaysWaitlisted: number;
  pinsKept: number;
  pinsRefused: { kind: 'firm' | 'fund'; id: string; reason: PinRefusal }[];
}

export interface Plan {
  sessions: PlannedSession[];
  /** Firms that could pitch but found no slot, best first: refills come from here. */
  waitlist: string[];
  leftOut: { firmId: string; reason: LeftOutReason }[];
  fundsLeftOut: { fundId: string; reason: 'unavailable' | 'capacity' }[];
  quality: PlanQuality;
}

/** Share of a firm's value the longest wait may add (a tie-breaker, not a second objective). */
export const FAIRNESS_BONUS = 0.05;
/** Waiting beyond this many days counts no more. */
export const FAIRNESS_HORIZON_DAYS = 180;
const MAX_ROUNDS = 8;
const MAX_IMPROVE_PASSES = 4;
/** Sessions per firm the greedy step considers (its best ones). */
const SESSIONS_PER_FIRM = 12;

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function within(windows: readonly PlannerWindow[] | undefined, from: number, to: number): boolean {
  if (!windows) return true;
  for (const w of windows) if (w.from <= from && to <= w.to) return true;
  return false;
}

/** Working state of one plan: who sits where. */
interface State {
  /** fundIn[u * nS + s] = 1 when fund u sits in session s. */
  fundIn: Uint8Array;
  /** slotOwner[slotBase[s] + k] = firm index or −1. */
  slotOwner: Int32Array;
  /** Session of each firm or −1. */
  firmSession: Int32Array;
}

function cloneState(s: State): State {
  return { fundIn: s.fundIn.slice(), slotOwner: s.slotOwner.slice(), firmSession: s.firmSession.slice() };
}

export function planRoadshow(input: PlannerInput): Plan {
  // ── normalise: sorted copies, so input order never matters ──
  const sessions = [...input.sessions].sort((a, b) => a.startsAt - b.startsAt || byId(a, b));
  const firmOrder = input.firms.map((f, i) => ({ f, i })).sort((a, b) => byId(a.f, b.f));
  const fundOrder = input.funds.map((u, j) => ({ u, j })).sort((a, b) => byId(a.u, b.u));
  const firms = firmOrder.map((x) => x.f);
  const funds = fundOrder.map((x) => x.u);
  const nF = firms.length;
  const nU = funds.length;
  const nS = sessions.length;
  const slotMs = input.slotMinutes * 60_000;

  const fit = new Float64Array(nF * nU);
  for (let a = 0; a < nF; a++) {
    const row = input.fit[firmOrder[a]!.i];
    for (let b = 0; b < nU; b++) {
      const v = row?.[fundOrder[b]!.j] ?? 0;
      fit[a * nU + b] = Number.isFinite(v) && v > 0 ? v : 0;
    }
  }

  /** The same fits by fund: fitT[u * nF + i]. */
  const fitT = new Float64Array(nU * nF);
  for (let a = 0; a < nF; a++) for (let b = 0; b < nU; b++) fitT[b * nF + a] = fit[a * nU + b]!;

  const slotBase = new Int32Array(nS + 1);
  for (let s = 0; s < nS; s++) slotBase[s + 1] = slotBase[s]! + sessions[s]!.slots;
  const nSlots = slotBase[nS]!;

  // ── availability ──
  /** slotMask[i * nS + s]: bit k set when firm i can pitch in slot k of session s. */
  const slotMask = new Int32Array(nF * nS);
  for (let i = 0; i < nF; i++) {
    const w = firms[i]!.available;
    for (let s = 0; s < nS; s++) {
      let mask = 0;
      const start = sessions[s]!.startsAt;
      for (let k = 0; k < sessions[s]!.slots; k++)
        if (within(w, start + k * slotMs, start + (k + 1) * slotMs)) mask |= 1 << k;
      slotMask[i * nS + s] = mask;
    }
  }
  const fundOk = new Uint8Array(nU * nS);
  for (let u = 0; u < nU; u++)
    for (let s = 0; s < nS; s++) {
      const start = sessions[s]!.startsAt;
      fundOk[u * nS + s] = within(funds[u]!.available, start, start + sessions[s]!.slots * slotMs) ? 1 : 0;
    }
  const maxSessions = funds.map((u) => Math.max(0, Math.floor(u.maxSessions ?? 1)));

  const waitNorm = new Float64Array(nF);
  for (let i = 0; i < nF; i++)
    waitNorm[i] = Math.min(Math.max(firms[i]!.waitingDays, 0), FAIRNESS_HORIZON_DAYS) / FAIRNESS_HORIZON_DAYS;

  // ── eligibility ──
  const excluded = new Set(input.pins?.excludedFirms ?? []);
  const reason: (LeftOutReason | null)[] = firms.map((f, i) => {
    if (!f.consent) return 'no_consent';
    if (excluded.has(f.id)) return 'excluded';
    let any = false;
    for (let s = 0; s < nS && !any; s++) any = slotMask[i * nS + s] !== 0;
    if (!any) return 'unavailable';
    for (let u = 0; u < nU; u++) if (fit[i * nU + u]! > 0) return null;
    return 'no_fit';
  });

  // ── pins ──
  const firmIndex = new Map(firms.map((f, i) => [f.id, i]));
  const fundIndex = new Map(funds.map((u, i) => [u.id, i]));
  const sessionIndex = new Map(sessions.map((s, i) => [s.id, i]));
  const pinsRefused: PlanQuality['pinsRefused'] = [];
  const pinnedSlot = new Uint8Array(nSlots);
  const pinnedFirm = new Uint8Array(nF);
  const pinnedFund = new Uint8Array(nU * nS);
  const state: State = {
    fundIn: new Uint8Array(nU * nS),
    slotOwner: new Int32Array(nSlots).fill(-1),
    firmSession: new Int32Array(nF).fill(-1),
  };
  const fundCount = new Int32Array(nS);
  const fundUsed = new Int32Array(nU);
  const sortedFundPins = [...(input.pins?.funds ?? [])].sort(
    (a, b) => a.fundId.localeCompare(b.fundId) || a.sessionId.localeCompare(b.sessionId),
  );
  for (const p of sortedFundPins) {
    const u = fundIndex.get(p.fundId);
    const s = sessionIndex.get(p.sessionId);
    const refuse = (r: PinRefusal) => pinsRefused.push({ kind: 'fund', id: p.fundId, reason: r });
    if (u === undefined || s === undefined) refuse('unknown');
    else if (!fundOk[u * nS + s]) refuse('unavailable');
    else if (state.fundIn[u * nS + s]) refuse('twice');
    else if (fundUsed[u]! >= maxSessions[u]!) refuse('twice');
    else if (fundCount[s]! >= sessions[s]!.capacity) refuse('taken');
    else {
      state.fundIn[u * nS + s] = 1;
      pinnedFund[u * nS + s] = 1;
      fundCount[s]!++;
      fundUsed[u]!++;
    }
  }
  const sortedFirmPins = [...(input.pins?.firms ?? [])].sort(
    (a, b) => a.firmId.localeCompare(b.firmId) || a.sessionId.localeCompare(b.sessionId) || a.slot - b.slot,
  );
  for (const p of sortedFirmPins) {
    const i = firmIndex.get(p.firmId);
    const s = sessionIndex.get(p.sessionId);
    const refuse = (r: PinRefusal) => pinsRefused.push({ kind: 'firm', id: p.firmId, reason: r });
    if (
      i === undefined ||
      s === undefined ||
      !Number.isInteger(p.slot) ||
      p.slot < 0 ||
      p.slot >= sessions[s]!.slots
    )
      refuse('unknown');
    else if (!firms[i]!.consent) refuse('no_consent');
    else if (excluded.has(firms[i]!.id)) refuse('excluded');
    else if (pinnedFirm[i]) refuse('twice');
    else if (!(slotMask[i * nS + s]! & (1 << p.slot))) refuse('unavailable');
    else if (pinnedSlot[slotBase[s]! + p.slot]) refuse('taken');
    else {
      pinnedSlot[slotBase[s]! + p.slot] = 1;
      pinnedFirm[i] = 1;
      state.slotOwner[slotBase[s]! + p.slot] = i;
      state.firmSession[i] = s;
      // A pinned firm pitches even when the planner would not have picked it.
      if (reason[i] === 'unavailable' || reason[i] === 'no_fit') reason[i] = null;
    }
  }
  const eligible: number[] = [];
  for (let i = 0; i < nF; i++) if (reason[i] === null && !pinnedFirm[i]) eligible.push(i);

  // ── the two greedy steps ──
  /** V[i * nS + s]: Σ fit of firm i with the funds of session s; W: the same with the waiting bonus. */
  const V = new Float64Array(nF * nS);
  const W = new Float64Array(nF * nS);
  const bonus = new Float64Array(nF);
  for (let i = 0; i < nF; i++) bonus[i] = 1 + FAIRNESS_BONUS * waitNorm[i]!;
  function computeValues(st: State): void {
    V.fill(0);
    const col = new Float64Array(nF);
    for (let s = 0; s < nS; s++) {
      col.fill(0);
      for (let u = 0; u < nU; u++) {
        if (!st.fundIn[u * nS + s]) continue;
        const off = u * nF;
        for (let i = 0; i < nF; i++) col[i]! += fitT[off + i]!;
      }
      for (let i = 0; i < nF; i++) V[i * nS + s] = col[i]!;
    }
    for (let i = 0; i < nF; i++) {
      const b = bonus[i]!;
      for (let s = 0; s < nS; s++) W[i * nS + s] = V[i * nS + s]! * b;
    }
  }
  function totalFit(st: State): number {
    let sum = 0;
    for (let s = 0; s < nS; s++)
      for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) {
        const i = st.slotOwner[k]!;
        if (i < 0) continue;
        for (let u = 0; u < nU; u++) if (st.fundIn[u * nS + s]) sum += fit[i * nU + u]!;
      }
    return sum;
  }

  /** Places firm i in session s if some slot of its mask is free or can be freed by moving others. */
  function placeInSession(st: State, i: number, s: number): boolean {
    const base = slotBase[s]!;
    const n = sessions[s]!.slots;
    const seen = new Uint8Array(n);
    const augment = (firm: number): boolean => {
      const mask = slotMask[firm * nS + s]!;
      for (let k = 0; k < n; k++) {
        if (!(mask & (1 << k)) || seen[k] || pinnedSlot[base + k]) continue;
        seen[k] = 1;
        const owner = st.slotOwner[base + k]!;
        if (owner < 0 || augment(owner)) {
          st.slotOwner[base + k] = firm;
          return true;
        }
      }
      return false;
    };
    if (!augment(i)) return false;
    st.firmSession[i] = s;
    return true;
  }
  function removeFromSession(st: State, i: number): void {
    const s = st.firmSession[i]!;
    if (s < 0) return;
    for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) if (st.slotOwner[k] === i) st.slotOwner[k] = -1;
    st.firmSession[i] = -1;
  }

  /** Firms to sessions given the funds seated (V and W current), best weighted pair first. */
  function assignFirms(st: State): void {
    for (const i of eligible) removeFromSession(st, i);
    const keep = Math.min(nS, SESSIONS_PER_FIRM);
    const pairs: number[] = [];
    const top = new Int32Array(keep);
    for (const i of eligible) {
      let n = 0;
      for (let s = 0; s < nS; s++) {
        const w = W[i * nS + s]!;
        if (w <= 0 || slotMask[i * nS + s] === 0) continue;
        // insertion into the top-`keep` list, best first (ties: earlier session)
        let at = n < keep ? n : keep;
        while (at > 0 && W[i * nS + top[at - 1]!]! < w) at--;
        if (at >= keep) continue;
        for (let m = Math.min(n, keep - 1); m > at; m--) top[m] = top[m - 1]!;
        top[at] = s;
        if (n < keep) n++;
      }
      for (let r = 0; r < n; r++) pairs.push(i * nS + top[r]!);
    }
    const order = Int32Array.from(pairs.keys());
    order.sort((a, b) => W[pairs[b]!]! - W[pairs[a]!]! || pairs[a]! - pairs[b]!);
    const filled = new Int32Array(nS);
    for (let s = 0; s < nS; s++)
      for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) if (st.slotOwner[k]! >= 0) filled[s]!++;
    for (const p of order) {
      const i = Math.floor(pairs[p]! / nS);
      const s = pairs[p]! % nS;
      if (st.firmSession[i]! >= 0 || filled[s]! >= sessions[s]!.slots) continue;
      if (placeInSession(st, i, s)) filled[s]!++;
    }
  }

  function assignFunds(st: State): void {
    const value = new Float64Array(nU * nS);
    for (let s = 0; s < nS; s++)
      for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) {
        const i = st.slotOwner[k]!;
        if (i < 0) continue;
        for (let u = 0; u < nU; u++) value[u * nS + s]! += fit[i * nU + u]!;
      }
    seatFunds(st, value);
  }

  /** Seats funds by descending value (pins first, then the rest), within capacity and maxSessions. */
  function seatFunds(st: State, value: Float64Array): void {
    st.fundIn.set(pinnedFund);
    const count = new Int32Array(nS);
    const used = new Int32Array(nU);
    for (let u = 0; u < nU; u++)
      for (let s = 0; s < nS; s++)
        if (pinnedFund[u * nS + s]) {
          count[s]!++;
          used[u]!++;
        }
    const order: number[] = [];
    for (let p = 0; p < nU * nS; p++) if (fundOk[p] && !pinnedFund[p]) order.push(p);
    order.sort((a, b) => value[b]! - value[a]! || a - b);
    for (const p of order) {
      const u = Math.floor(p / nS);
      const s = p % nS;
      if (used[u]! >= maxSessions[u]! || count[s]! >= sessions[s]!.capacity) continue;
      st.fundIn[p] = 1;
      used[u]!++;
      count[s]!++;
    }
  }

  /** First seating: clusters of funds with similar fit profiles, one cluster per session. */
  function initialFunds(st: State): void {
    // Fit profiles over the eligible firms, one column per fund; similarity = cosine.
    const nE = eligible.length;
    const cols = new Float64Array(nU * nE);
    const mass = new Float64Array(nU);
    const norm = new Float64Array(nU);
    for (let u = 0; u < nU; u++) {
      const off = u * nE;
      for (let e = 0; e < nE; e++) {
        const f = fitT[u * nF + eligible[e]!]!;
        cols[off + e] = f;
        mass[u]! += f;
        norm[u]! += f * f;
      }
    }
    const sim = new Float64Array(nU * nU);
    for (let u = 0; u < nU; u++)
      for (let v = u; v < nU; v++) {
        let dot = 0;
        const ou = u * nE;
        const ov = v * nE;
        for (let e = 0; e < nE; e++) dot += cols[ou + e]! * cols[ov + e]!;
        const d = Math.sqrt(norm[u]! * norm[v]!);
        const c = d > 0 ? dot / d : u === v ? 1 : 0;
        sim[u * nU + v] = c;
        sim[v * nU + u] = c;
      }
    const value = new Float64Array(nU * nS);
    const seeded = new Int32Array(nS).fill(-1);
    const seedTaken = new Uint8Array(nU);
    for (let s = 0; s < nS; s++) {
      // Seed: the fund least like the seeds chosen so far (ties: more demand, then id).
      let bestU = -1;
      let bestKey = Number.POSITIVE_INFINITY;
      for (let u = 0; u < nU; u++) {
        if (seedTaken[u] || !fundOk[u * nS + s] || maxSessions[u] === 0) continue;
        let closest = 0;
        for (let t = 0; t < s; t++)
          if (seeded[t]! >= 0) closest = Math.max(closest, sim[u * nU + seeded[t]!]!);
        const key = closest - mass[u]! * 1e-12;
        if (key < bestKey) {
          bestKey = key;
          bestU = u;
        }
      }
      if (bestU >= 0) {
        seeded[s] = bestU;
        seedTaken[bestU] = 1;
      }
    }
    let maxMass = 0;
    for (let u = 0; u < nU; u++) maxMass = Math.max(maxMass, mass[u]!);
    for (let u = 0; u < nU; u++)
      for (let s = 0; s < nS; s++) {
        const seed = seeded[s]!;
        // The seed itself ranks highest in its session; others by likeness to the seed.
        value[u * nS + s] = seed < 0 ? 0 : seed === u ? 2 + mass[u]! / (maxMass || 1) : sim[u * nU + seed]!;
      }
    seatFunds(st, value);
  }

  /**
   * Local moves with the funds fixed (V and W current): waiting firms into free slots, then a
   * waiting firm in place of the weakest placed one of a session when it is worth more there.
   * Each move raises Σ W, so the passes end.
   */
  function improveFirms(st: State): boolean {
    let improved = false;
    const free = new Int32Array(nS);
    for (let s = 0; s < nS; s++)
      for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) if (st.slotOwner[k]! < 0) free[s]!++;
    for (const i of eligible) {
      if (st.firmSession[i]! >= 0) continue;
      let bestS = -1;
      for (let s = 0; s < nS; s++) {
        if (free[s] === 0 || V[i * nS + s]! <= 0 || slotMask[i * nS + s] === 0) continue;
        if (bestS < 0 || W[i * nS + s]! > W[i * nS + bestS]!) bestS = s;
      }
      if (bestS >= 0 && placeInSession(st, i, bestS)) {
        free[bestS]!--;
        improved = true;
      }
    }
    // The weakest replaceable firm of each session.
    const weakest = new Float64Array(nS);
    const weakestAt = () => {
      for (let s = 0; s < nS; s++) {
        let m = Number.POSITIVE_INFINITY;
        for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) {
          const j = st.slotOwner[k]!;
          if (j >= 0 && !pinnedSlot[k]) m = Math.min(m, W[j * nS + s]!);
        }
        weakest[s] = m;
      }
    };
    weakestAt();
    for (const i of eligible) {
      if (st.firmSession[i]! >= 0) continue;
      for (let s = 0; s < nS && st.firmSession[i]! < 0; s++) {
        const wi = W[i * nS + s]!;
        if (wi <= weakest[s]! || slotMask[i * nS + s] === 0) continue;
        const mask = slotMask[i * nS + s]!;
        let at = -1;
        for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) {
          const j = st.slotOwner[k]!;
          if (j < 0 || pinnedSlot[k] || !(mask & (1 << (k - slotBase[s]!)))) continue;
          if (W[j * nS + s]! < wi && (at < 0 || W[j * nS + s]! < W[st.slotOwner[at]! * nS + s]!)) at = k;
        }
        if (at < 0) continue;
        const j = st.slotOwner[at]!;
        st.slotOwner[at] = i;
        st.firmSession[i] = s;
        st.firmSession[j] = -1;
        improved = true;
        let m = Number.POSITIVE_INFINITY;
        for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) {
          const o = st.slotOwner[k]!;
          if (o >= 0 && !pinnedSlot[k]) m = Math.min(m, W[o * nS + s]!);
        }
        weakest[s] = m;
      }
    }
    return improved;
  }

  initialFunds(state);
  computeValues(state);
  assignFirms(state);
  let bestState = cloneState(state);
  let bestTotal = totalFit(state);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    assignFunds(state);
    computeValues(state);
    assignFirms(state);
    for (let pass = 0; pass < MAX_IMPROVE_PASSES && improveFirms(state); pass++) {}
    const total = totalFit(state);
    if (total > bestTotal) {
      bestTotal = total;
      bestState = cloneState(state);
    } else break;
  }
  const st = bestState;

  // ── the answer ──
  const plannedSessions: PlannedSession[] = sessions.map((sess, s) => ({
    sessionId: sess.id,
    funds: funds.flatMap((u, j) =>
      st.fundIn[j * nS + s] ? [{ fundId: u.id, pinned: !!pinnedFund[j * nS + s] }] : [],
    ),
    slots: Array.from({ length: sess.slots }, (_, k) => {
      const owner = st.slotOwner[slotBase[s]! + k]!;
      return {
        slot: k,
        firmId: owner >= 0 ? firms[owner]!.id : null,
        pinned: !!pinnedSlot[slotBase[s]! + k],
      };
    }),
  }));
  computeValues(st);
  const waitlisted = eligible.filter((i) => st.firmSession[i]! < 0);
  const bestWeight = (i: number) => {
    let b = 0;
    for (let s = 0; s < nS; s++) if (slotMask[i * nS + s] !== 0) b = Math.max(b, W[i * nS + s]!);
    return b;
  };
  const wl = waitlisted.map((i) => ({ i, w: bestWeight(i) }));
  wl.sort((a, b) => b.w - a.w || firms[b.i]!.waitingDays - firms[a.i]!.waitingDays || a.i - b.i);
  const leftOut: Plan['leftOut'] = [];
  for (let i = 0; i < nF; i++) {
    const r = reason[i];
    if (r && !pinnedFirm[i]) leftOut.push({ firmId: firms[i]!.id, reason: r });
  }
  for (const { i } of wl) leftOut.push({ firmId: firms[i]!.id, reason: 'capacity' });
  leftOut.sort((a, b) => (a.firmId < b.firmId ? -1 : a.firmId > b.firmId ? 1 : 0));

  const fundsLeftOut: Plan['fundsLeftOut'] = [];
  let fundsPlaced = 0;
  for (let u = 0; u < nU; u++) {
    let seated = false;
    let anyOk = false;
    for (let s = 0; s < nS; s++) {
      seated ||= !!st.fundIn[u * nS + s];
      anyOk ||= !!fundOk[u * nS + s];
    }
    if (seated) fundsPlaced++;
    else
      fundsLeftOut.push({
        fundId: funds[u]!.id,
        reason: anyOk && maxSessions[u]! > 0 ? 'capacity' : 'unavailable',
      });
  }

  let pairs = 0;
  let seatsFilled = 0;
  let slotsFilled = 0;
  for (let s = 0; s < nS; s++) {
    let nf = 0;
    for (let u = 0; u < nU; u++) nf += st.fundIn[u * nS + s]!;
    let np = 0;
    for (let k = slotBase[s]!; k < slotBase[s + 1]!; k++) if (st.slotOwner[k]! >= 0) np++;
    pairs += nf * np;
    seatsFilled += nf;
    slotsFilled += np;
  }
  const placed = firms.map((_, i) => i).filter((i) => st.firmSession[i]! >= 0);
  const meanWait = (ix: readonly number[]) =>
    ix.length === 0
      ? 0
      : Math.round((ix.reduce((a, i) => a + firms[i]!.waitingDays, 0) / ix.length) * 10) / 10;
  const firmsLeftOut = Object.fromEntries(Object.keys(LEFT_OUT_REASONS).map((k) => [k, 0])) as Record<
    LeftOutReason,
    number
  >;
  for (const l of leftOut) firmsLeftOut[l.reason]++;
  const total = totalFit(st);
  return {
    sessions: plannedSessions,
    waitlist: wl.map(({ i }) => firms[i]!.id),
    leftOut,
    fundsLeftOut,
    quality: {
      slotsTotal: nSlots,
      slotsFilled,
      seatsTotal: sessions.reduce((a, s) => a + s.capacity, 0),
      seatsFilled,
      totalFit: total,
      meanFit: pairs === 0 ? 0 : Math.round((total / pairs) * 10) / 10,
      firmsPlaced: placed.length,
      firmsLeftOut,
      fundsPlaced,
      fundsLeftOut: fundsLeftOut.length,
      meanWaitingDaysPlaced: meanWait(placed),
      meanWaitingDaysWaitlisted: meanWait(wl.map((x) => x.i)),
      pinsKept: (input.pins?.firms?.length ?? 0) + (input.pins?.funds?.length ?? 0) - pinsRefused.length,
      pinsRefused,
    },
  };
}

/** Σ fit over (firm, fund) pairs sharing a session: the plan's objective, for any plan. */
export function planFit(
  plan: Pick<Plan, 'sessions'>,
  input: Pick<PlannerInput, 'firms' | 'funds' | 'fit'>,
): number {
  const fi = new Map(input.firms.map((f, i) => [f.id, i]));
  const ui = new Map(input.funds.map((u, j) => [u.id, j]));
  let sum = 0;
  for (const s of plan.sessions)
    for (const slot of s.slots) {
      if (slot.firmId === null) continue;
      const i = fi.get(slot.firmId)!;
      for (const f of s.funds) sum += Math.max(0, input.fit[i]?.[ui.get(f.fundId)!] ?? 0);
    }
  return sum;
}

/**
 * Who takes a slot a firm declined: the first firm on the waitlist that is not already
 * placed, is available for the slot, and is not the one that declined. Pure; the store makes
 * the refill happen once (a conditional write on the slot).
 */
export function nextFromWaitlist(
  waitlist: readonly string[],
  slot: { from: number; to: number },
  firms: ReadonlyMap<string, Pick<PlannerFirm, 'consent' | 'available'>>,
  skip: ReadonlySet<string>,
): string | null {
  for (const id of waitlist) {
    if (skip.has(id)) continue;
    const f = firms.get(id);
    if (!f?.consent) continue;
    if (within(f.available, slot.from, slot.to)) return id;
  }
  return null;
}
