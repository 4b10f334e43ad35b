import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { type Institution, InstitutionSchema } from '#domain/institution.ts';
import { type Product, ProductSchema } from '#domain/product.ts';
import type { DomainEvent, EventOf } from '#events/catalog.ts';
import type { Db, Item } from './db.ts';
import { keys } from './keys.ts';
import { outboxPut } from './outbox.ts';

const parseInstitution = (item: Item): Institution => InstitutionSchema.parse(item.data);
const parseProduct = (item: Item): Product => ProductSchema.parse(item.data);

/** Institutions and the products they publish. */
export class CatalogRepository {
  constructor(private readonly db: Db) {}

  /** Seeds or updates an institution (idempotent: same id, same row). */
  async putInstitution(institution: Institution, at: string): Promise<void> {
    await this.db.putItem({
      ...keys.institution(institution.id),
      ...keys.institutionListing(institution.type, institution.id),
      entity: 'Institution',
      data: institution,
      updatedAt: at,
    });
  }

  async getInstitution(id: string): Promise<Institution | undefined> {
    const item = await this.db.get(keys.institution(id));
    return item && parseInstitution(item);
  }

  async listInstitutions(): Promise<Institution[]> {
    const items = await this.db.queryAll({ index: 'GSI1', pk: 'INSTITUTIONS' });
    return items.map(parseInstitution);
  }

  /**
   * Publishes (creates or replaces) a product with its ProductPublished event. The
   * institution must exist; `ifNew` refuses to overwrite an existing product id.
   */
  async publishProduct(
    product: Product,
    event: EventOf<'ProductPublished'>,
    { ifNew = false } = {},
  ): Promise<void> {
    await this.db.transact(
      [
        {
          ConditionCheck: {
            TableName: this.db.tableName,
            Key: keys.institution(product.institutionId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        this.db.put(productItem(product, event.occurredAt), ifNew ? 'attribute_not_exists(PK)' : undefined),
        outboxPut(this.db, event),
      ],
      (failed) =>
        failed === 0
          ? new NotFoundError(
              `未找到机构 ${product.institutionId}`,
              `institution ${product.institutionId} not found`,
            )
          : new ConflictError(`产品 ${product.id} 已存在`, `product ${product.id} already exists`),
    );
  }

  /**
   * Writes a draft (or an edit of one) with its event. New: the id must be free and the
   * institution must exist. Edit: the stored product must still be in one of `fromStatuses`
   * and belong to the same institution (a concurrent approval wins).
   */
  async saveDraft(
    product: Product,
    events: DomainEvent[],
    mode: { ifNew: true } | { ifNew: false; fromStatuses: readonly string[] },
  ): Promise<void> {
    const values: Record<string, unknown> = { ':inst': product.institutionId };
    const names: Record<string, string> = { '#data': 'data', '#status': 'status', '#inst': 'institutionId' };
    let condition = 'attribute_not_exists(PK)';
    if (!mode.ifNew) {
      mode.fromStatuses.forEach((s, i) => {
        values[`:s${i}`] = s;
      });
      condition = `#data.#inst = :inst AND #data.#status IN (${mode.fromStatuses.map((_, i) => `:s${i}`).join(', ')})`;
    }
    await this.db.transact(
      [
        {
          ConditionCheck: {
            TableName: this.db.tableName,
            Key: keys.institution(product.institutionId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        this.db.put(
          productItem(product, events[0]!.occurredAt),
          condition,
          mode.ifNew ? undefined : values,
          mode.ifNew ? undefined : names,
        ),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      (failed) =>
        failed === 0
          ? new NotFoundError(
              `未找到机构 ${product.institutionId}`,
              `institution ${product.institutionId} not found`,
            )
          : mode.ifNew
            ? new ConflictError(`产品 ${product.id} 已存在`, `product ${product.id} already exists`)
            : new ConflictError(`产品 ${product.id} 已被他人修改`, `product ${product.id} changed meanwhile`),
    );
  }

  /** Moves a product to `to` if it is still in one of `from`, with its events (one transaction). */
  async changeStatus(
    product: Product,
    from: readonly string[],
    to: string,
    events: DomainEvent[],
  ): Promise<void> {
    const values: Record<string, unknown> = { ':to': to, ':at': events[0]!.occurredAt };
    from.forEach((s, i) => {
      values[`:s${i}`] = s;
    });
    await this.db.transact(
      [
        {
          Update: {
            TableName: this.db.tableName,
            Key: keys.product(product.id),
            UpdateExpression: 'SET #data.#status = :to, updatedAt = :at',
            ConditionExpression: `#data.#status IN (${from.map((_, i) => `:s${i}`).join(', ')})`,
            ExpressionAttributeNames: { '#data': 'data', '#status': 'status' },
            ExpressionAttributeValues: values,
          },
        },
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () =>
        new ConflictError(`产品 ${product.id} 状态已变化`, `product ${product.id} changed status meanwhile`),
    );
  }

  /** Seeds a product without an event (catalog bootstrap; re-running writes the same row). */
  async seedProduct(product: Product, at: string): Promise<void> {
    await this.db.putItem(productItem(product, at));
  }

  async getProduct(id: string): Promise<Product | undefined> {
    const item = await this.db.get(keys.product(id));
    return item && parseProduct(item);
  }

  async listProducts(): Promise<Product[]> {
    const items = await this.db.queryAll({ index: 'GSI1', pk: 'PRODUCTS' });
    return items.map(parseProduct);
  }

  async listProductsOfInstitution(institutionId: string): Promise<Product[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.productByInstitution(institutionId, '').GSI2PK,
    });
    return items.map(parseProduct);
  }
}

function productItem(product: Product, at: string): Item {
  return {
    ...keys.product(product.id),
    ...keys.productListing(product.id),
    ...keys.productByInstitution(product.institutionId, product.id),
    entity: 'Product',
    data: product,
    updatedAt: at,
  };
}
