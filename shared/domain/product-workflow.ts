import { ForbiddenError, UnprocessableError } from './errors.ts';
import type { Institution } from './institution.ts';
import type { Principal } from './principal.ts';
import type { Product, ProductStatus } from './product.ts';

/**
 * Who may publish what. A product belongs to an institution:
 * - that institution's officers draft it, edit it while it is a draft or awaiting approval,
 *   submit it, and retire it;
 * - an operator of a region the product serves approves it (it goes live and open requests
 *   are re-matched), suspends it, or retires it; an operator may also draft and approve in
 *   one step a product of an institution of its own region serving only its region
 *   (policy products);
 * - an operator who could publish a policy product at once (its region owns all the product
 *   serves) may amend it in place while it is live; open requests are re-matched on the change;
 * - nobody deletes a product: retired products stay, out of matching.
 */

/** Does the operator's region overlap a region the product serves (nationwide serves all)? */
export function operatorServes(regionPrefix: string, product: Pick<Product, 'regionScope'>): boolean {
  if (product.regionScope.length === 0) return true;
  return product.regionScope.some((p) => p.startsWith(regionPrefix) || regionPrefix.startsWith(p));
}

/** Is every region the product serves inside the operator's region? */
function operatorOwnsScope(regionPrefix: string, product: Pick<Product, 'regionScope'>): boolean {
  return product.regionScope.length > 0 && product.regionScope.every((p) => p.startsWith(regionPrefix));
}

const notYours = () =>
  new ForbiddenError(
    '无权管理其他机构或辖区的产品',
    "not allowed to manage another institution's or region's products",
  );

/** The status a newly created product gets for this principal, or a refusal. */
export function draftStatus(principal: Principal, product: Product, institution: Institution): ProductStatus {
  if (principal.role === 'officer') {
    if (principal.institutionId !== product.institutionId) throw notYours();
    return 'draft';
  }
  if (principal.role === 'operator') {
    const institutionHere =
      (institution.regionCodes ?? []).length > 0 &&
      (institution.regionCodes ?? []).every((r) => r.startsWith(principal.regionPrefix));
    if (!institutionHere || !operatorOwnsScope(principal.regionPrefix, product)) throw notYours();
    return 'active';
  }
  throw notYours();
}

/** Whether the principal may see a product that is not active (drafts are not public). */
export function maySeeUnpublished(principal: Principal | undefined, product: Product): boolean {
  if (!principal) return false;
  if (principal.role === 'officer') return principal.institutionId === product.institutionId;
  if (principal.role === 'operator') return operatorServes(principal.regionPrefix, product);
  return false;
}

export type ProductAction = 'edit' | 'amend' | 'submit' | 'approve' | 'suspend' | 'retire';

const FROM: Record<ProductAction, readonly ProductStatus[]> = {
  edit: ['draft', 'pending_approval'],
  /** An operator amends a live policy product of its own region in place (it could publish it at once). */
  amend: ['active'],
  submit: ['draft'],
  approve: ['pending_approval', 'suspended'],
  suspend: ['active'],
  retire: ['draft', 'pending_approval', 'active', 'suspended'],
};

const TO: Record<Exclude<ProductAction, 'edit' | 'amend'>, ProductStatus> = {
  submit: 'pending_approval',
  approve: 'active',
  suspend: 'suspended',
  retire: 'retired',
};

/**
 * Decides one workflow step: who may do it, and from which statuses.
 * Returns the statuses it may start from and the status it ends in.
 */
export function decideProductAction(
  principal: Principal,
  product: Product,
  action: ProductAction,
): { from: readonly ProductStatus[]; to: ProductStatus } {
  const officerOwns = principal.role === 'officer' && principal.institutionId === product.institutionId;
  const operatorServing = principal.role === 'operator' && operatorServes(principal.regionPrefix, product);
  const allowed =
    action === 'edit' || action === 'submit'
      ? officerOwns
      : action === 'amend'
        ? principal.role === 'operator' && operatorOwnsScope(principal.regionPrefix, product)
        : action === 'approve' || action === 'suspend'
          ? operatorServing
          : officerOwns || operatorServing;
  if (!allowed) throw notYours();
  if (!FROM[action].includes(product.status))
    throw new UnprocessableError(
      `产品当前状态为 ${product.status}，不能执行 ${action}`,
      `a ${product.status} product cannot be ${action === 'edit' ? 'edited' : action === 'amend' ? 'amended' : `${action}d`}`.replace(
        'submitd',
        'submitted',
      ),
    );
  return { from: FROM[action], to: action === 'edit' || action === 'amend' ? product.status : TO[action] };
}
