import type { DomainError } from '#domain/errors.ts';
import { allowedActions, declineReasonName } from '#domain/lead.ts';
import type { FirmLeadView } from '../views.ts';
import {
  Bi,
  ErrorNotice,
  Messages,
  Notice,
  PostButton,
  ProductLink,
  StatusBadge,
  Submit,
  TextArea,
  VersionInput,
} from './components.tsx';
import { months, percent, shanghaiTime, yuan } from './format.ts';

/** A lead action of the firm's that failed: shown on that lead's card, with the answer as typed. */
export interface FailedLead {
  leadId: string;
  error: DomainError;
  answer?: string;
}

/** One institution's lead on the firm's request page: its progress, and what the firm can do next. */
export function LeadCard(props: {
  lead: FirmLeadView;
  institutionName: string;
  productName: (id: string) => string;
  failed?: FailedLead;
}) {
  const { lead } = props;
  const actions = allowedActions(lead.status, 'firm');
  const failed = props.failed?.leadId === lead.id ? props.failed : undefined;
  return (
    <div class="card" id={`lead-${lead.id}`}>
      <div class="actions" style="justify-content:space-between">
        <h3 style="margin:0">
          {props.institutionName} <StatusBadge status={lead.status} />
        </h3>
        <span class="muted small">
          发送于 {shanghaiTime(lead.createdAt)} · 应答期限 {lead.respondBy}
        </span>
      </div>
      <ErrorNotice error={failed?.error} />
      <p class="small">
        <Bi zh="产品" en="Products" />: {lead.productIds.map(props.productName).join('、')}
      </p>
      <p class="small">
        {lead.revealedAt ? (
          <Bi zh={`已公开企业身份（${shanghaiTime(lead.revealedAt)}）`} en="identity revealed" />
        ) : (
          <Bi zh="机构看到的是匿名信息" en="the institution sees an anonymous profile" />
        )}
      </p>
      {lead.approval && (
        <Notice
          kind="ok"
          text={{
            zh: `已审批：${yuan(lead.approval.amountYuan)}，年利率 ${percent(lead.approval.annualRateBp)}，${months(lead.approval.termMonths)}`,
            en: `Approved: ${yuan(lead.approval.amountYuan)} at ${percent(lead.approval.annualRateBp)} for ${lead.approval.termMonths} months`,
          }}
        />
      )}
      {lead.disbursement && (
        <Notice
          kind="ok"
          text={{
            zh: `已放款：${yuan(lead.disbursement.amountYuan)}（${lead.disbursement.disbursedOn}）`,
            en: `Disbursed: ${yuan(lead.disbursement.amountYuan)} on ${lead.disbursement.disbursedOn}`,
          }}
        />
      )}
      {lead.decline && (
        <Notice
          kind="error"
          text={{
            zh: `未通过：${declineReasonName(lead.decline.reasonCode).zh}。${lead.decline.text}`,
            en: `Declined: ${declineReasonName(lead.decline.reasonCode).en}`,
          }}
        />
      )}
      {lead.nextBest?.length ? (
        <div>
          <p>
            <Bi zh="下一步可以考虑" en="Next best" />:
          </p>
          <ul>
            {lead.nextBest.map((n) => (
              <li>
                <ProductLink id={n.productId} name={n.name.zh} />
                <span class="en">{n.name.en}</span> <span class="muted small">评分 {n.score}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {lead.messages.length > 0 && (
        <div>
          <Messages messages={lead.messages} viewer="firm" />
        </div>
      )}
      {actions.includes('respond') && (
        <form class="stack" method="post" action={`/firm/leads/${lead.id}/respond`}>
          <VersionInput version={lead.version} />
          <label for={`answer-${lead.id}`}>
            <Bi zh="回复机构的问题" en="Answer the institution" />
          </label>
          <TextArea id={`answer-${lead.id}`} name="answer" value={failed?.answer ?? ''} />
          <div class="actions">
            <Submit zh="回复" en="Send answer" />
          </div>
        </form>
      )}
      <div class="actions" style="margin-top:.6rem">
        {!lead.revealedAt && actions.length > 0 && (
          <PostButton
            action={`/firm/leads/${lead.id}/reveal`}
            zh="向该机构公开企业身份"
            en="Reveal identity"
            class="secondary"
          />
        )}
        {actions.includes('withdraw') && (
          <PostButton
            action={`/firm/leads/${lead.id}/withdraw`}
            zh="撤回此线索"
            en="Withdraw this lead"
            class="secondary"
          >
            <VersionInput version={lead.version} />
          </PostButton>
        )}
      </div>
    </div>
  );
}
