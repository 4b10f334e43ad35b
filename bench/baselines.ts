import { ZenEngine } from '@gorules/zen-engine';
import { Engine } from 'json-rules-engine';
import {
  type CompiledCatalog,
  type CompiledProduct,
  NUM_FEATURES,
  OP_ANY,
  OP_ANYN,
  OP_RANGE,
  type Op,
  W_INDUSTRY,
} from '#domain/matching/compile.ts';
import type { MatchContext } from '#domain/matching/scan.ts';

/**
 * The same rules and data for json-rules-engine and @gorules/zen-engine: each compiled
 * product's ops (the product's rules after normalisation, region included) become one
 * json-rules-engine rule and one row of a ZEN decision table, over the same facts.
 */
const NUM_NAMES = ['amount', 'term', 'day', 'one', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5'];
const WORD_NAMES = ['cert', 'collateral', 'purpose', 'kind', 'listing', 'flags'];
if (NUM_NAMES.length !== NUM_FEATURES) throw new Error('feature layout changed: update the bench baselines');

function industryIds(op: Op): number[] {
  const ids: number[] = [];
  for (let j = 0; j < op.pairs.length; j += 2)
    for (let b = 0; b < 32; b++) if (op.pairs[j + 1]! & (1 << b)) ids.push(op.pairs[j]! * 32 + b);
  return ids;
}

const active = (cc: CompiledCatalog) =>
  cc.compiled.filter((c) => c.product.status === 'active' && c.region.length);

// ---------- json-rules-engine ----------

type Condition = { fact: string; operator: string; value: unknown };

function jreConditions(c: CompiledProduct): Condition[] {
  const out: Condition[] = [{ fact: 'region', operator: 'anyIn', value: c.region }];
  for (const op of [...c.hard, ...c.soft]) {
    if (op.op === OP_RANGE) {
      const fact = NUM_NAMES[op.feat]!;
      if (op.lo !== -Infinity) out.push({ fact, operator: 'greaterThanInclusive', value: op.lo });
      if (op.hi !== Infinity) out.push({ fact, operator: 'lessThanInclusive', value: op.hi });
    } else if (op.op === OP_ANY)
      out.push({ fact: WORD_NAMES[op.feat]!, operator: 'bitsAny', value: op.mask });
    else
      out.push({
        fact: 'industry',
        operator: op.op === OP_ANYN ? 'anyIn' : 'noneIn',
        value: industryIds(op),
      });
  }
  return out;
}

export function jreEngine(products: CompiledProduct[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('bitsAny', (a: number, b: number) => (a & b) !== 0);
  engine.addOperator('anyIn', (a: unknown[], b: unknown[]) => a.some((x) => b.includes(x)));
  engine.addOperator('noneIn', (a: unknown[], b: unknown[]) => !a.some((x) => b.includes(x)));
  for (const c of products)
    engine.addRule({
      conditions: { all: jreConditions(c) },
      event: { type: 'match', params: { id: c.product.id } },
    });
  return engine;
}

export function jreCatalog(cc: CompiledCatalog): Engine {
  return jreEngine(active(cc));
}

export function baselineFacts(ctx: MatchContext) {
  const facts: Record<string, unknown> = {};
  NUM_NAMES.forEach((n, k) => {
    facts[n] = ctx.num[k];
  });
  WORD_NAMES.forEach((n, k) => {
    facts[n] = ctx.mask[k];
  });
  const industry: number[] = [];
  for (let w = W_INDUSTRY; w < ctx.mask.length; w++)
    for (let b = 0; b < 32; b++) if (ctx.mask[w]! & (1 << b)) industry.push((w - W_INDUSTRY) * 32 + b);
  facts.industry = industry;
  const region = ctx.facts.firm.regionCode;
  facts.region = ['', region.slice(0, 2), region.slice(0, 4), region];
  return facts;
}

export async function jreMatchIds(engine: Engine, facts: Record<string, unknown>): Promise<string[]> {
  const { events } = await engine.run(facts);
  return events.map((e) => String(e.params?.id));
}

// ---------- ZEN decision table ----------

const ZEN_COLUMNS = ['region', ...NUM_NAMES, ...WORD_NAMES, 'industry'];

const tokens = (mask: number, prefix: string) => {
  const out: string[] = [];
  for (let b = 0; b < 32; b++) if (mask & (1 << b)) out.push(`"${prefix}${b}"`);
  return out;
};

function zenRow(c: CompiledProduct): Record<string, string> {
  const cells: Record<string, string[]> = {};
  const add = (column: string, expr: string) => {
    cells[column] ??= [];
    cells[column].push(expr);
  };
  if (!c.region.includes('')) add('region', `some($, # in [${c.region.map((p) => `"${p}"`).join(', ')}])`);
  for (const op of [...c.hard, ...c.soft]) {
    if (op.op === OP_RANGE) {
      const parts: string[] = [];
      if (op.lo !== -Infinity) parts.push(`$ >= ${op.lo}`);
      if (op.hi !== Infinity) parts.push(`$ <= ${op.hi}`);
      if (parts.length) add(NUM_NAMES[op.feat]!, parts.join(' and '));
    } else if (op.op === OP_ANY)
      add(WORD_NAMES[op.feat]!, `some($, # in [${tokens(op.mask, 'b').join(', ')}])`);
    else {
      const ids = industryIds(op)
        .map((id) => `"i${id}"`)
        .join(', ');
      add('industry', op.op === OP_ANYN ? `some($, # in [${ids}])` : `none($, # in [${ids}])`);
    }
  }
  const row: Record<string, string> = { _id: c.product.id, out: `"${c.product.id}"` };
  // ZEN's unary parser rejects a parenthesised comparison, so cells are plain conjunctions.
  for (const col of ZEN_COLUMNS) row[col] = (cells[col] ?? []).join(' and ');
  return row;
}

export function zenDecision(products: CompiledProduct[]) {
  const content = {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'Eligibility',
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs: ZEN_COLUMNS.map((c) => ({ id: c, name: c, field: c })),
          outputs: [{ id: 'out', name: 'id', field: 'id' }],
          rules: products.map(zenRow),
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
  const engine = new ZenEngine();
  return { engine, decision: engine.createDecision(content) };
}

export function zenCatalog(cc: CompiledCatalog) {
  return zenDecision(active(cc));
}

export function zenContext(facts: Record<string, unknown>) {
  const ctx: Record<string, unknown> = {};
  for (const n of NUM_NAMES) ctx[n] = facts[n];
  for (const n of WORD_NAMES) ctx[n] = tokens(facts[n] as number, 'b').map((t) => t.slice(1, -1));
  ctx.industry = (facts.industry as number[]).map((id) => `i${id}`);
  ctx.region = facts.region;
  return ctx;
}

export async function zenMatchIds(
  decision: ReturnType<typeof zenDecision>['decision'],
  ctx: Record<string, unknown>,
): Promise<string[]> {
  const { result } = await decision.evaluate(ctx);
  return (result as { id: string }[]).map((r) => r.id);
}
