import { NotFoundError } from '#domain/errors.ts';
import type { Principal } from '#domain/principal.ts';
import type { Product } from '#domain/product.ts';
import { decideProductAction, draftStatus, type ProductAction } from '#domain/product-workflow.ts';
import type { Store } from '#store/index.ts';
import { invalidateCatalogCache, publishIntoCatalogCache, readProduct } from './catalog.ts';
import { type Clock, newEvent } from './events.ts';

type Deps = { store: Store } & Clock;

/**
 * Creates a product.
 * 1. the institution must exist (404) 2. an officer drafts for its own institution (draft);
 *    an operator creates a policy product of its own region and approves it at once (active)
 * 3. product + events in one transaction (ProductPublished when it goes live: re-match).
 */
export async function createProduct(deps: Deps, principal: Principal, input: Product): Promise<Product> {
  const institution = await deps.store.catalog.getInstitution(input.institutionId);
  if (!institution)
    throw new NotFoundError(
      `未找到机构 ${input.institutionId}`,
      `institution ${input.institutionId} not found`,
    );
  const product: Product = { ...input, status: draftStatus(principal, input, institution) };
  const events =
    product.status === 'active'
      ? [
          newEvent(
            deps,
            'ProductPublished',
            product.id,
            { productId: product.id, institutionId: product.institutionId, kind: product.kind },
            principal.userId,
          ),
        ]
      : [
          newEvent(
            deps,
            'ProductDrafted',
            product.id,
            { productId: product.id, institutionId: product.institutionId },
            principal.userId,
          ),
        ];
  await deps.store.catalog.saveDraft(product, events, { ifNew: true });
  if (product.status === 'active') publishIntoCatalogCache(deps.store, product);
  return product;
}

/**
 * An officer edits its institution's draft (or one awaiting approval); an operator amends a
 * live policy product of its own region in place.
 * 1. load (404 for others) 2. may edit (or amend)? 3. save if still in that status, with
 *    ProductDrafted, or ProductChanged for a live product (with the product before the change,
 *    so the re-match finds the requests that may lose it as well as those that gain it).
 */
export async function editProduct(
  deps: Deps,
  principal: Principal,
  id: string,
  input: Product,
): Promise<Product> {
  const current = await readProduct(deps, id, principal);
  // Officers change a live product by retiring it and drafting anew; an operator amends it in place.
  const live = current.status === 'active' && principal.role === 'operator';
  const { from } = decideProductAction(principal, current, live ? 'amend' : 'edit');
  const product: Product = { ...input, id, institutionId: current.institutionId, status: current.status };
  const event = live
    ? newEvent(
        deps,
        'ProductChanged',
        id,
        { productId: id, institutionId: product.institutionId, kind: product.kind, previous: current },
        principal.userId,
      )
    : newEvent(
        deps,
        'ProductDrafted',
        id,
        { productId: id, institutionId: product.institutionId },
        principal.userId,
      );
  await deps.store.catalog.saveDraft(product, [event], { ifNew: false, fromStatuses: from });
  if (live) publishIntoCatalogCache(deps.store, product);
  return product;
}

/**
 * Submit (officer), approve / suspend (operator of a served region), retire (either).
 * 1. load (404 for others) 2. decide 3. conditional status change + events; approval
 *    also writes ProductPublished, and retiring or suspending a live product ProductRetired,
 *    so open requests are re-matched.
 */
export async function changeProductStatus(
  deps: Deps,
  principal: Principal,
  id: string,
  action: Exclude<ProductAction, 'edit' | 'amend'>,
): Promise<Product> {
  const product = await readProduct(deps, id, principal);
  const { from, to } = decideProductAction(principal, product, action);
  const events = [
    newEvent(
      deps,
      'ProductStatusChanged',
      id,
      {
        productId: id,
        institutionId: product.institutionId,
        from: product.status,
        to,
        action,
        actorRole: principal.role,
      },
      principal.userId,
    ),
    ...(to === 'active'
      ? [
          newEvent(
            deps,
            'ProductPublished',
            id,
            { productId: id, institutionId: product.institutionId, kind: product.kind },
            principal.userId,
          ),
        ]
      : []),
    ...(product.status === 'active' && (to === 'retired' || to === 'suspended')
      ? [
          newEvent(
            deps,
            'ProductRetired',
            id,
            {
              productId: id,
              institutionId: product.institutionId,
              kind: product.kind,
              action: action === 'suspend' ? ('suspend' as const) : ('retire' as const),
            },
            principal.userId,
          ),
        ]
      : []),
  ];
  await deps.store.catalog.changeStatus(product, from, to, events);
  if (to === 'active') publishIntoCatalogCache(deps.store, { ...product, status: to });
  else invalidateCatalogCache(deps.store);
  return { ...product, status: to };
}
