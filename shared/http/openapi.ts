import * as z from 'zod';
import { ErrorSchema } from './errors.ts';

/**
 * The OpenAPI document is generated from the same zod schemas the routes validate with:
 * each route module registers its operations here beside its handlers.
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path syntax, e.g. /api/firms/{uscc}. */
  path: string;
  summary: string;
  tag: string;
  auth?: 'public' | 'firm' | 'officer' | 'operator' | 'signed_in';
  params?: Record<string, string>;
  query?: z.ZodObject;
  headers?: Record<string, { description: string; required: boolean }>;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const operations: Operation[] = [];

export function document(op: Operation): void {
  if (!operations.some((o) => o.method === op.method && o.path === op.path)) operations.push(op);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...Object.entries(op.params ?? {}).map(([name, description]) => ({
        name,
        in: 'path',
        required: true,
        description,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(schema as z.ZodType, 'input'),
      })),
      ...Object.entries(op.headers ?? {}).map(([name, h]) => ({
        name,
        in: 'header',
        required: h.required,
        description: h.description,
        schema: { type: 'string' },
      })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema ? { content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } } } : {}),
      };
    }
    responses['4XX'] ??= {
      description: '请求有误 / client error (bilingual message, field-level details on 400)',
      content: { 'application/json': { schema: jsonSchema(ErrorSchema, 'output') } },
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth && op.auth !== 'public' ? { security: [{ bearer: [] }], 'x-role': op.auth } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Jingrong 精融 API',
      version: '0.1.0',
      description: '专精特新企业融资需求与金融产品的撮合平台 / Matching SRDI firms with financing products.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
