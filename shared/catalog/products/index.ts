import type { ProductInput } from '#domain/product.ts';
import { CHONGQING_PRODUCTS } from './chongqing.ts';
import { HANGZHOU_PRODUCTS } from './hangzhou.ts';
import { JIANGMEN_PRODUCTS } from './jiangmen.ts';
import { JIAXING_PRODUCTS } from './jiaxing.ts';
import { XIAMEN_PRODUCTS } from './xiamen.ts';

/** Every financing product and policy in the seeds, one module per city. */
export const PRODUCTS: ProductInput[] = [
  ...XIAMEN_PRODUCTS,
  ...CHONGQING_PRODUCTS,
  ...HANGZHOU_PRODUCTS,
  ...JIAXING_PRODUCTS,
  ...JIANGMEN_PRODUCTS,
];
