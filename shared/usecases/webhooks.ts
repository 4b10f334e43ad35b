import { randomBytes } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors.ts';
import type { Principal } from '#domain/principal.ts';
import { type WebhookMode, webhookUrlProblem } from '#domain/webhook-url.ts';
import type { Store } from '#store/index.ts';
import type { WebhookDelivery, WebhookRegistration } from '#store/webhooks.ts';
import type { Clock } from './events.ts';

function ownInstitution(principal: Principal, institutionId: string) {
  if (principal.role !== 'officer' || principal.institutionId !== institutionId) {
    throw new ForbiddenError(
      '只有本机构的人员可以管理回调地址',
      'only officers of this institution manage its webhook',
    );
  }
}

/**
 * An officer registers (or replaces) the institution's webhook.
 * 1. only the institution's own officers 2. the URL must be https (loopback http in local
 * mode), never a private address in AWS mode, ≤ 2,000 characters — else 400 on `url`
 * 3. a fresh signing secret, returned this once.
 */
export async function registerWebhook(
  deps: { store: Store } & Pick<Clock, 'now'>,
  principal: Principal,
  institutionId: string,
  url: string,
  mode: WebhookMode,
): Promise<WebhookRegistration> {
  ownInstitution(principal, institutionId);
  const problem = webhookUrlProblem(url, mode);
  if (problem) throw new ValidationError([{ path: 'url', ...problem }]);
  if (!(await deps.store.catalog.getInstitution(institutionId))) {
    throw new NotFoundError(`未找到机构 ${institutionId}`, `institution ${institutionId} not found`);
  }
  const registration: WebhookRegistration = {
    institutionId,
    url,
    secret: `whsec_${randomBytes(32).toString('base64url')}`,
    createdAt: deps.now().toISOString(),
    createdBy: principal.userId,
  };
  await deps.store.backbone.webhooks.register(registration);
  return registration;
}

/** The institution's webhook without its secret, and its delivery log (newest first). */
export async function webhookLog(
  store: Store,
  principal: Principal,
  institutionId: string,
  limit: number,
): Promise<{
  webhook: Omit<WebhookRegistration, 'secret'> | null;
  deliveries: Omit<WebhookDelivery, 'body'>[];
}> {
  ownInstitution(principal, institutionId);
  const [registration, deliveries] = await Promise.all([
    store.backbone.webhooks.get(institutionId),
    store.backbone.webhooks.deliveries(institutionId, limit),
  ]);
  const webhook = registration
    ? {
        institutionId,
        url: registration.url,
        createdAt: registration.createdAt,
        createdBy: registration.createdBy,
      }
    : null;
  return { webhook, deliveries: deliveries.map(({ body: _body, ...rest }) => rest) };
}
