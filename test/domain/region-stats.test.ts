import { describe, expect, it } from 'vitest';
import type { LeadStatus } from '#domain/lead.ts';
import { csvLine, regionStats, shareBp } from '#domain/region-stats.ts';
import type { LeadRecord, RequestRecord } from '#domain/request.ts';
import { requestStage } from '#domain/request-lifecycle.ts';

const request = (id: string, createdAt: string, status: 'open' | 'withdrawn' = 'open') =>
  ({ id, status, createdAt }) as RequestRecord;
const lead = (requestId: string, status: LeadStatus, respondBy = '2026-11-20', disbursed?: number) =>
  ({
    requestId,
    status,
    respondBy,
    ...(disbursed ? { disbursement: { amountYuan: disbursed, disbursedOn: '2026-11-21' } } : {}),
  }) as LeadRecord;

describe('request stages', () => {
  it('reads open, in progress, funded, closed and withdrawn off the leads', () => {
    expect(requestStage('open', [])).toBe('open');
    expect(requestStage('open', ['new', 'declined'])).toBe('in_progress');
    expect(requestStage('open', ['declined', 'disbursed'])).toBe('funded');
    expect(requestStage('open', ['declined', 'withdrawn'])).toBe('closed');
    expect(requestStage('withdrawn', ['withdrawn'])).toBe('withdrawn');
    expect(requestStage('withdrawn', ['disbursed', 'withdrawn'])).toBe('funded');
  });
});

describe('region stats', () => {
  it('totals, rates, overdue answers and requests per week', () => {
    const requests = [
      request('a', '2026-11-23T02:00:00Z'),
      request('b', '2026-11-10T02:00:00Z'),
      request('c', '2026-09-01T02:00:00Z'),
    ];
    const leads = [
      lead('a', 'new', '2026-11-20'),
      lead('a', 'disbursed', '2026-11-20', 5_000_000),
      lead('b', 'declined'),
      lead('b', 'accepted'),
    ];
    const stats = regionStats(requests, leads, '2026-11-23', 4);
    expect(stats.requests).toBe(3);
    expect(stats.byStage).toMatchObject({ funded: 1, in_progress: 1, open: 1 });
    expect(stats.answeredBp).toBe(7500);
    expect(stats.approvedBp).toBe(5000);
    expect(stats.disbursedYuan).toBe(5_000_000);
    expect(stats.overdue).toBe(1);
    expect(stats.weekly.map((w) => w.count)).toEqual([0, 0, 1, 1]);
    expect(stats.weekly.at(-1)!.from).toBe('2026-11-17');
    expect(shareBp(1, 0)).toBe(0);
  });

  it('writes CSV lines a spreadsheet reads safely', () => {
    expect(csvLine(['a', 1, undefined, 'x,y', 'say "hi"', '=SUM(A1)'])).toBe(
      'a,1,,"x,y","say ""hi""",\'=SUM(A1)',
    );
  });
});
