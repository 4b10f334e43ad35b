import type { LostProduct } from '#domain/lost-product.ts';
import type { ProductStatus } from '#domain/product.ts';
import type { Escalation } from '#store/escalations.ts';
import { Bi, COLUMNS, DataTable, Notice, Zh } from './components.tsx';
import { shanghaiTime } from './format.ts';

/**
 * What the event backbone adds to the pages people already read: a lead's missed-deadline
 * escalations (on the firm's and the officer's lead), the region's escalations (on the
 * operator's overdue list) and the products a request lost on a re-match (on the firm's request).
 * Server-rendered, no script.
 */

function toWhom(e: Escalation) {
  return e.to.kind === 'specialist' ? (
    <Bi
      zh={`服务专员 ${e.to.name}${e.to.assigned ? '（按地区默认分配）' : ''}`}
      en={`specialist ${e.to.name}${e.to.assigned ? ' (the region’s default, assigned)' : ''}`}
    />
  ) : (
    <Bi zh={`地区运营方（${e.to.regionPrefix}）`} en={`the region’s operators (${e.to.regionPrefix})`} />
  );
}

/** A lead's escalations, one line per level; nothing when there are none. */
export function LeadEscalations(props: { escalations: readonly Escalation[] }) {
  if (props.escalations.length === 0) return null;
  return (
    <div class="notice warn escalations" role="status">
      <strong>
        <Bi zh="逾期升级" en="Escalated" />
      </strong>
      <ul class="plain">
        {props.escalations.map((e) => (
          <li>
            <Bi
              zh={`第 ${e.level} 级：期限 ${e.deadline} 未获首次应答，已转`}
              en={`Level ${e.level}: no first answer by ${e.deadline}; passed to`}
            />{' '}
            {toWhom(e)} <span class="muted small">{shanghaiTime(e.at)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The operator's overdue list: escalations of its region, newest first. */
export function RegionEscalations(props: { escalations: Escalation[] }) {
  return (
    <>
      <h2 id="escalations">
        <Bi zh="逾期升级" en="Escalations" />
      </h2>
      <DataTable
        columns={[
          { zh: '线索', en: 'Lead' },
          { zh: '级别', en: 'Level', num: true },
          { zh: '期限', en: 'Deadline' },
          COLUMNS.institution,
          { zh: '转交', en: 'Passed to' },
          { zh: '时间', en: 'When' },
        ]}
        rows={props.escalations}
        empty={{ zh: '暂无逾期升级的线索。', en: 'No lead has been escalated.' }}
        row={(e) => (
          <tr class="overdue">
            <td>
              <code>{e.leadId}</code>
            </td>
            <td class="num">{e.level}</td>
            <td>{e.deadline}</td>
            <td>
              <Zh>{e.institutionId}</Zh>
            </td>
            <td>{toWhom(e)}</td>
            <td>{shanghaiTime(e.at)}</td>
          </tr>
        )}
      />
    </>
  );
}

/** Products a request no longer qualifies for, and why: not to be sent to. */
export function LostProducts(props: { lost: readonly LostProduct[] }) {
  if (props.lost.length === 0) return null;
  return (
    <div class="lost-products">
      <Notice
        kind="info"
        text={{
          zh: `以下产品已不再适用于本需求：${props.lost.map((l) => `「${l.name.zh}」（${l.cause.zh}，${l.since}）`).join('；')}`,
          en: `No longer available to this request: ${props.lost.map((l) => `“${l.name.en}” (${l.cause.en}, ${l.since})`).join('; ')}`,
        }}
      />
    </div>
  );
}

/** Beside a lead's product: it was retired or suspended since the lead was sent (the lead keeps its course). */
export function ProductNoLongerLive(props: { status: ProductStatus | undefined }) {
  if (props.status !== 'retired' && props.status !== 'suspended') return null;
  return (
    <span class="badge">
      {props.status === 'retired' ? <Bi zh="已下架" en="retired" /> : <Bi zh="已暂停" en="suspended" />}
    </span>
  );
}
