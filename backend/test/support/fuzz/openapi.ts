import fc from 'fast-check';

import { Json, NUMBERISH, oddString } from './values';

/** The OpenAPI document's schemas, walked to build well-formed and wrongly typed bodies. */

export interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  enum?: unknown[];
  items?: Schema;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema } | undefined> };
  'x-access'?: { kind: string; permission?: string } | null;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Follows `$ref` and merges `allOf`, so that every schema handed out is a plain one. */
export function resolver(doc: OpenApiDocument): (schema: Schema) => Schema {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string] as Schema);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      const merged: Schema = Object.assign({}, ...parts);
      delete merged.allOf;
      if (parts.some((p) => p.properties)) {
        merged.properties = Object.assign({}, ...parts.map((p) => p.properties));
        merged.required = parts.flatMap((p) => p.required ?? []);
      }
      return merged;
    }
    return schema;
  };
  return resolve;
}

/** A value that certainly does not have the schema's type (the validation must refuse it). */
export function wrongTypeValue(schema: Schema): fc.Arbitrary<Json> {
  const notString = fc.oneof(
    fc.integer(),
    fc.constant(true),
    fc.constant([] as Json),
    fc.constant({ value: 'x' } as Json),
    fc.array(oddString(), { minLength: 1, maxLength: 3 }),
  );
  switch (schema.type) {
    case 'string':
      return notString;
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.constantFrom<Json>(...NUMBERISH, '1', '2', 'false', ''),
        oddString(),
        fc.constant(true),
        fc.constant([1] as Json),
        fc.constant({ n: 1 } as Json),
      );
    case 'boolean':
      return fc.oneof(
        fc.constantFrom<Json>('true', 'false', 'yes', 0, 1, '', [true], { v: true }),
        oddString(),
      );
    case 'array':
      return fc.oneof(oddString(), fc.integer(), fc.constant({ 0: 'a' } as Json), fc.constant(true));
    default:
      return fc.oneof(oddString(), fc.integer(), fc.constant([{}] as Json), fc.constant(false));
  }
}

/** Paths (lists of keys) to every property of an object schema, nested objects included. */
export function propertyPaths(
  schema: Schema,
  resolve: (s: Schema) => Schema,
  prefix: string[] = [],
  depth = 0,
): { path: string[]; schema: Schema; required: boolean }[] {
  const s = resolve(schema);
  if (depth > 4 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    const resolved = resolve(child);
    const here = { path: [...prefix, key], schema: resolved, required: (s.required ?? []).includes(key) };
    return [here, ...propertyPaths(resolved, resolve, [...prefix, key], depth + 1)];
  });
}

/** A copy of `body` with the value at `path` set (parents created as needed) or deleted. */
export function withValueAt(body: Json, path: string[], value: Json | undefined): Json {
  const copy = structuredClone(body) as Record<string, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, Json>;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
