import { daysBetween } from '#domain/dates.ts';
import { type DocumentMeta, MAX_DOCUMENT_BYTES } from '#domain/documents.ts';
import type { DomainError } from '#domain/errors.ts';
import { allowedActions, declineReasonName, LEAD_STATUS_NAMES, type LeadStatus } from '#domain/lead.ts';
import type { NearMiss } from '#domain/matching/schema.ts';
import { LEAD_STEPS, leadStepIndex } from '#domain/request-lifecycle.ts';
import type { Escalation } from '#store/escalations.ts';
import type { FirmLeadView } from '../views.ts';
import {
  Bi,
  BiLink,
  ErrorNotice,
  Messages,
  Money,
  Months,
  MultiLine,
  Notice,
  ProductLink,
  StatusBadge,
  Submit,
  Text,
  TextArea,
  useT,
  VersionInput,
  Zh,
} from './components.tsx';
import { LeadEscalations } from './escalations.tsx';
import { percent, shanghaiTime } from './format.ts';

/**
 * Where a lead's upload form posts: the app itself (the embedded runtime's folder), or straight
 * to the bucket with a presigned form (AWS), whose origin the page's CSP then allows.
 */
export type UploadTarget =
  | { kind: 'app' }
  | { kind: 'bucket'; url: string; fields: Record<string, string>; nameField?: string };

/** A lead action of the firm's that failed: shown on that lead's card, with the answer as typed. */
export interface FailedLead {
  leadId: string;
  error: DomainError;
  answer?: string;
}

/**
 * The steps of a lead, done ones ticked and the current one marked; a lead that was declined
 * or withdrawn shows where it ended.
 */
export function LeadTimeline(props: { status: LeadStatus }) {
  const reached = leadStepIndex(props.status);
  const ended = reached < 0;
  return (
    <ol class="timeline" aria-label="进展 / progress">
      {LEAD_STEPS.map((step, i) => {
        const state = ended ? '' : i < reached ? 'done' : i === reached ? 'current' : '';
        return (
          <li class={state || undefined} aria-current={state === 'current' ? 'step' : undefined}>
            {state === 'done' ? '✓ ' : ''}
            <Text text={LEAD_STATUS_NAMES[step]} />
          </li>
        );
      })}
      {ended && (
        <li class="current" aria-current="step">
          <Text text={LEAD_STATUS_NAMES[props.status]} />
        </li>
      )}
    </ol>
  );
}

/** How long the institution has left for its first answer: "还剩 2 天", "今天到期", "已超期 1 天". */
export function AnswerCountdown(props: { status: LeadStatus; respondBy: string; today: string }) {
  if (props.status !== 'new' && props.status !== 'viewed') return null;
  const left = daysBetween(props.today, props.respondBy);
  const text =
    left > 0
      ? {
          zh: `机构应在 ${props.respondBy} 前答复，还剩 ${left} 天`,
          en: `The institution should answer by ${props.respondBy}: ${left} day(s) left`,
        }
      : left === 0
        ? {
            zh: `机构应在今天（${props.respondBy}）答复`,
            en: `The institution should answer today (${props.respondBy})`,
          }
        : {
            zh: `机构已超过答复期限 ${-left} 天（${props.respondBy}）；服务专员会跟进`,
            en: `The institution is ${-left} day(s) past its answer date (${props.respondBy}); your specialist follows up`,
          };
  return (
    <p class={`small ${left < 0 ? 'field-error' : ''}`}>
      <Text text={text} />
    </p>
  );
}

/** One institution's lead on the firm's request page: its progress, and what the firm can do next. */
export function LeadCard(props: {
  lead: FirmLeadView;
  institutionName: string;
  productName: (id: string) => string;
  failed?: FailedLead;
  today: string;
  /** Near misses of the request: next steps after a decline when no unsent match is left. */
  nearMisses: NearMiss[];
  requestId: string;
  /** The firm's documents on this lead, shared or not. */
  documents: DocumentMeta[];
  /** Where documents are uploaded; absent where this runtime keeps none. */
  upload?: UploadTarget;
  /** Missed-deadline escalations of this lead. */
  escalations?: Escalation[];
}) {
  const { lead } = props;
  const actions = allowedActions(lead.status, 'firm');
  const failed = props.failed?.leadId === lead.id ? props.failed : undefined;
  return (
    <div class="card" id={`lead-${lead.id}`}>
      <div class="actions spread">
        <h3 class="m0">
          <Zh>{props.institutionName}</Zh> <StatusBadge status={lead.status} />
        </h3>
        <span class="muted small">
          <Bi zh="发送于" en="Sent" /> {shanghaiTime(lead.createdAt)}
        </span>
      </div>
      <LeadTimeline status={lead.status} />
      <AnswerCountdown status={lead.status} respondBy={lead.respondBy} today={props.today} />
      <LeadEscalations escalations={props.escalations ?? []} />
      <ErrorNotice error={failed?.error} idPrefix={`lead-${lead.id}-`} />
      <p class="small">
        <Bi zh="产品" en="Products" />: <Zh>{lead.productIds.map(props.productName).join('、')}</Zh>
      </p>
      <p class="small">
        {lead.revealedAt ? (
          <Bi
            zh={`已公开企业身份（${shanghaiTime(lead.revealedAt)}）`}
            en={`identity revealed (${shanghaiTime(lead.revealedAt)})`}
          />
        ) : (
          <Bi zh="机构看到的是匿名信息" en="the institution sees an anonymous profile" />
        )}
      </p>
      {lead.approval && (
        <div class="notice ok" role="status">
          <Bi zh="已审批：" en="Approved: " />
          <Money yuan={lead.approval.amountYuan} />, {percent(lead.approval.annualRateBp)},{' '}
          <Months n={lead.approval.termMonths} />
        </div>
      )}
      {lead.disbursement && (
        <div class="notice ok" role="status">
          <Bi zh="已放款：" en="Disbursed: " />
          <Money yuan={lead.disbursement.amountYuan} /> ({lead.disbursement.disbursedOn})
        </div>
      )}
      {lead.decline && (
        <Notice
          kind="error"
          text={{
            zh: `未通过：${declineReasonName(lead.decline.reasonCode).zh}。\n${lead.decline.text}`,
            en: `Declined: ${declineReasonName(lead.decline.reasonCode).en}.\n${lead.decline.text}`,
          }}
        />
      )}
      {lead.status === 'declined' && <NextSteps {...props} />}
      {lead.messages.length > 0 && (
        <div>
          <Messages messages={lead.messages} viewer="firm" />
        </div>
      )}
      <DocumentList lead={lead} documents={props.documents} canShare={actions.length > 0} />
      {actions.length > 0 && props.upload && <UploadForm lead={lead} target={props.upload} />}
      {actions.includes('respond') && (
        <form
          class="stack"
          method="post"
          action={`/firm/leads/${lead.id}/respond`}
          enctype={props.upload?.kind === 'app' ? 'multipart/form-data' : undefined}
        >
          <VersionInput version={lead.version} />
          <label for={`lead-${lead.id}-answer`}>
            <Bi zh="回复机构的问题" en="Answer the institution" />
          </label>
          <TextArea id={`lead-${lead.id}-answer`} name="answer" value={failed?.answer ?? ''} />
          {props.upload?.kind === 'app' && (
            <FileInput id={`lead-${lead.id}-file`} institution={props.institutionName} />
          )}
          <div class="actions">
            <Submit zh="回复" en="Send answer" />
          </div>
        </form>
      )}
      <div class="actions gap">
        {!lead.revealedAt && actions.length > 0 && (
          <BiLink
            class="button secondary"
            href={`/firm/leads/${lead.id}/reveal`}
            zh="向该机构公开企业身份…"
            en="Reveal identity…"
          />
        )}
        {actions.includes('withdraw') && (
          <BiLink
            class="button secondary"
            href={`/firm/leads/${lead.id}/withdraw`}
            zh="撤回此线索…"
            en="Withdraw this lead…"
          />
        )}
      </div>
    </div>
  );
}

/**
 * After a decline: the best matches not sent yet; when every match was sent, the products the
 * request just misses, with what would unlock them and a way to edit the request and re-match.
 */
function NextSteps(props: { lead: FirmLeadView; nearMisses: NearMiss[]; requestId: string }) {
  const nextBest = props.lead.nextBest ?? [];
  const misses = props.nearMisses.slice(0, 3);
  return (
    <div>
      <p>
        <strong>
          <Bi zh="下一步可以考虑" en="What to try next" />
        </strong>
      </p>
      {nextBest.length > 0 ? (
        <ul>
          {nextBest.map((n) => (
            <li>
              <ProductLink id={n.productId} name={n.name} />{' '}
              <span class="muted small">
                <Bi zh={`评分 ${n.score}`} en={`score ${n.score}`} />
              </span>
            </li>
          ))}
        </ul>
      ) : misses.length > 0 ? (
        <ul>
          {misses.map((m) => (
            <li>
              <ProductLink id={m.productId} name={m.name} />:{' '}
              {m.failed.map((f) => (
                <MultiLine text={f.unlock} />
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p class="small">
          <Bi
            zh="匹配到的产品都已发送过。可以联系服务专员，或修改需求后重新匹配。"
            en="Every matched product was sent already. Talk to your service specialist, or edit the request and match again."
          />
        </p>
      )}
      <p>
        <BiLink
          href={`/firm/requests/new?from=${props.requestId}`}
          zh="修改需求并重新匹配"
          en="Edit the request and match again"
        />
      </p>
    </div>
  );
}

/** A file input for documents: PDF, images, spreadsheets up to 20 MB, checked again on the server. */
function FileInput(props: { id: string; institution: string }) {
  const t = useT();
  return (
    <div>
      <label for={props.id}>
        <Bi zh="附件（可选）" en="Attachments (optional)" />
        <span class="hint">
          <Bi
            zh={`PDF、图片或表格，每个不超过 20 MB；随回复一起分享给${props.institution}`}
            en={`PDF, images or spreadsheets, up to 20 MB each; shared with ${props.institution} along with your answer`}
          />
        </span>
      </label>
      <input
        id={props.id}
        name="file"
        type="file"
        multiple
        accept=".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.xls,.csv"
        data-max-bytes={String(MAX_DOCUMENT_BYTES)}
        data-too-big={t({ zh: '文件不能超过 20 MB', en: 'files may be at most 20 MB' })}
      />
    </div>
  );
}

/**
 * A document kept to the firm until it shares it: uploaded to the app (local folder) or straight
 * to the bucket with a presigned form (AWS; the file field comes last, after the policy's fields).
 */
function UploadForm(props: { lead: FirmLeadView; target: UploadTarget }) {
  const t = useT();
  const { lead, target } = props;
  const id = `lead-${lead.id}-upload`;
  return (
    <form
      class="stack"
      method="post"
      action={target.kind === 'app' ? `/firm/leads/${lead.id}/documents` : target.url}
      enctype="multipart/form-data"
    >
      {target.kind === 'bucket' &&
        Object.entries(target.fields).map(([name, value]) => (
          <input
            type="hidden"
            name={name}
            value={value}
            data-file-name={name === target.nameField ? '' : undefined}
          />
        ))}
      <label for={id}>
        <Bi zh="上传文件" en="Upload a document" />
        <span class="hint">
          <Bi
            zh="PDF、图片或表格，不超过 20 MB。上传后只有自己可见，分享后机构才能看到。"
            en="PDF, images or spreadsheets, up to 20 MB. Only you see it until you share it with the institution."
          />
        </span>
      </label>
      <input
        id={id}
        name="file"
        type="file"
        required
        accept=".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.xls,.csv"
        data-max-bytes={String(MAX_DOCUMENT_BYTES)}
        data-too-big={t({ zh: '文件不能超过 20 MB', en: 'files may be at most 20 MB' })}
      />
      <div class="actions">
        <Submit zh="上传" en="Upload" class="secondary" />
      </div>
    </form>
  );
}

/** The firm's documents on a lead: download, and share the ones not shared yet (after a confirmation). */
function DocumentList(props: { lead: FirmLeadView; documents: DocumentMeta[]; canShare: boolean }) {
  if (!props.documents.length) return null;
  return (
    <div>
      <p class="small">
        <strong>
          <Bi zh="文件" en="Documents" />
        </strong>
      </p>
      <ul class="plain">
        {props.documents.map((d) => (
          <li>
            <a href={`/firm/leads/${props.lead.id}/documents/${d.id}`}>
              <Zh>{d.name}</Zh>
            </a>{' '}
            <span class="muted small">
              {d.kind.toUpperCase()} · {fileSize(d.size)} ·{' '}
              {d.sharedAt ? (
                <Bi
                  zh={`已分享给机构（${shanghaiTime(d.sharedAt)}）`}
                  en={`shared with the institution (${shanghaiTime(d.sharedAt)})`}
                />
              ) : (
                <Bi zh="仅自己可见" en="only you see it" />
              )}
            </span>
            {!d.sharedAt && props.canShare && (
              <>
                {' '}
                <BiLink
                  class="small"
                  href={`/firm/leads/${props.lead.id}/documents/${d.id}/share`}
                  zh="分享给机构…"
                  en="Share with the institution…"
                />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 1536 → "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
