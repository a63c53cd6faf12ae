import { readFileSync } from 'node:fs';

/**
 * Checks response bodies against test/conformance/stripe-objects.schema.json, the JSON Schema
 * generated from the `stripe` SDK's declarations. It implements the subset that file uses
 * ($ref, anyOf, const, enum, type, properties, required, additionalProperties, items, not) and
 * two extensions: `x-unmodelled` (a Stripe object the emulator does not serve) and events, whose
 * `data.object` is checked against the definition for the event's type.
 */
type Schema = {
  $ref?: string;
  anyOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
  type?: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | false;
  items?: Schema;
  not?: Schema;
  'x-unmodelled'?: string;
  'x-event-data'?: boolean;
};

interface SchemaFile {
  'x-source': { package: string; version: string; apiVersion: string };
  'x-objects': Record<string, string>;
  'x-deleted-objects': Record<string, string>;
  'x-error': string;
  'x-events': Record<string, Schema>;
  $defs: Record<string, Schema>;
}

export interface Violation {
  /** Where, as `<object>.<field path>` with `[]` for array indices: the key the allow-list uses. */
  key: string;
  /** The full JSON path in the response body. */
  path: string;
  message: string;
}

interface Place {
  path: string;
  owner: string;
  rel: string;
}

export const SCHEMA = JSON.parse(readFileSync(new URL('./stripe-objects.schema.json', import.meta.url), 'utf8')) as SchemaFile;

function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    const found = SCHEMA.$defs[current.$ref.replace('#/$defs/', '')];
    if (!found) throw new Error(`no definition ${current.$ref}`);
    current = found;
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'object';
}

function describe(schema: Schema): string {
  const resolved = resolve(schema);
  if (resolved['x-unmodelled']) return `a ${resolved['x-unmodelled']} object`;
  if (resolved.const !== undefined) return JSON.stringify(resolved.const);
  if (resolved.enum) return `one of ${resolved.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  if (resolved.anyOf) return resolved.anyOf.map(describe).join(' or ');
  const object = resolved.properties?.object?.const;
  if (typeof object === 'string') return `a ${object} object`;
  return resolved.type ?? 'anything';
}

function child(place: Place, key: string | number): Place {
  const segment = typeof key === 'number' ? '[]' : key;
  const rel = typeof key === 'number' ? `${place.rel}[]` : place.rel ? `${place.rel}.${segment}` : segment;
  return { path: typeof key === 'number' ? `${place.path}[${key}]` : `${place.path}.${key}`, owner: place.owner, rel };
}

function report(out: Violation[], place: Place, message: string): void {
  out.push({ key: place.rel ? `${place.owner}.${place.rel}` : place.owner, path: place.path, message });
}

/** The option of a union the value is meant to be, for a useful message when none fits. */
function closestOption(value: unknown, options: Schema[]): Schema | undefined {
  return options.find((option) => {
    const resolved = resolve(option);
    if (resolved.const !== undefined || resolved.enum) return typeof value === typeof (resolved.const ?? resolved.enum?.[0]);
    if (resolved.type === 'object' && isRecord(value)) {
      const object = resolved.properties?.object?.const;
      return object === undefined || object === value.object;
    }
    return resolved.type === kindOf(value) || (resolved.type === 'number' && typeof value === 'number');
  });
}

function check(value: unknown, schema: Schema, place: Place, out: Violation[]): void {
  const resolved = resolve(schema);
  if (resolved['x-unmodelled']) {
    report(out, place, `is ${kindOf(value) === 'object' ? 'an expanded' : `${kindOf(value)}, not a`} ${resolved['x-unmodelled']} object (a Stripe object the emulator does not serve)`);
    return;
  }
  if (resolved.not) {
    report(out, place, 'is a field Stripe does not send here');
    return;
  }
  if (resolved.anyOf) {
    for (const option of resolved.anyOf) {
      const trial: Violation[] = [];
      check(value, option, place, trial);
      if (trial.length === 0) return;
    }
    const closest = closestOption(value, resolved.anyOf);
    if (closest) check(value, closest, place, out);
    else report(out, place, `is ${kindOf(value)} ${JSON.stringify(value)?.slice(0, 60)}, expected ${describe(resolved)}`);
    return;
  }
  if (resolved.const !== undefined) {
    if (value !== resolved.const) report(out, place, `is ${JSON.stringify(value)}, expected ${JSON.stringify(resolved.const)}`);
    return;
  }
  if (resolved.enum) {
    if (!resolved.enum.includes(value)) report(out, place, `is ${JSON.stringify(value)}, not ${describe(resolved)}`);
    return;
  }
  const kind = kindOf(value);
  if (resolved.type && resolved.type !== kind) {
    report(out, place, `is ${kind}${['object', 'array', 'null'].includes(kind) ? '' : ` ${JSON.stringify(value)}`}, expected ${describe(resolved)}`);
    return;
  }
  if (resolved.type === 'array') {
    (value as unknown[]).forEach((entry, i) => check(entry, resolved.items ?? {}, child(place, i), out));
    return;
  }
  if (resolved.type === 'object' && isRecord(value)) checkObject(value, resolved, place, out);
}

function checkObject(value: Record<string, unknown>, schema: Schema, outer: Place, out: Violation[]): void {
  if (schema['x-event-data']) return;
  // Paths restart at each API object, so `subscription.items.data[].price` reads as Stripe documents it.
  const object = typeof value.object === 'string' && value.object !== 'list' ? value.object : null;
  const place = object ? { ...outer, owner: object, rel: '' } : outer;
  for (const name of schema.required ?? []) {
    if (!(name in value)) report(out, child(place, name), 'is missing (Stripe always sends it)');
  }
  for (const [name, entry] of Object.entries(value)) {
    const property = schema.properties?.[name] ?? (schema.additionalProperties || undefined);
    if (!property) {
      report(out, child(place, name), 'is a field Stripe does not have');
      continue;
    }
    check(entry, property, child(place, name), out);
  }
  if (object === 'event') checkEventData(value, place, out);
}

/** An event's object is the one its type names; `previous_attributes` only names fields it has. */
function checkEventData(event: Record<string, unknown>, place: Place, out: Violation[]): void {
  const data = event.data as Record<string, unknown> | undefined;
  const type = String(event.type);
  const objectSchema = SCHEMA['x-events'][type];
  if (!data || !objectSchema) return;
  const dataPlace = child(place, 'data');
  check(data.object, objectSchema, child(dataPlace, 'object'), out);
  const previous = data.previous_attributes;
  if (previous === undefined) return;
  const fields = resolve(objectSchema).properties ?? {};
  if (!isRecord(previous)) {
    report(out, child(dataPlace, 'previous_attributes'), `is ${kindOf(previous)}, expected an object`);
    return;
  }
  for (const name of Object.keys(previous)) {
    if (!(name in fields)) report(out, child(child(dataPlace, 'previous_attributes'), name), `is not a field of ${describe(objectSchema)}`);
  }
}

/** Every violation in one response body: an API object, a list of them, or an error. */
export function checkBody(body: unknown): Violation[] {
  const out: Violation[] = [];
  const root: Place = { path: '$', owner: '(body)', rel: '' };
  if (!isRecord(body)) {
    report(out, root, `is ${kindOf(body)}, expected a JSON object`);
    return out;
  }
  if ('error' in body) {
    const errorSchema: Schema = {
      type: 'object', properties: { error: { $ref: `#/$defs/${SCHEMA['x-error']}` } }, required: ['error'], additionalProperties: false,
    };
    check(body, errorSchema, { ...root, owner: 'error' }, out);
    return out;
  }
  if (body.object === 'list') {
    const listSchema: Schema = {
      type: 'object',
      properties: { object: { const: 'list' }, data: { type: 'array' }, has_more: { type: 'boolean' }, url: { type: 'string' } },
      required: ['object', 'data', 'has_more', 'url'],
      additionalProperties: false,
    };
    check(body, listSchema, { ...root, owner: 'list' }, out);
    if (Array.isArray(body.data)) body.data.forEach((item, i) => out.push(...checkObjectBody(item, `$.data[${i}]`)));
    return out;
  }
  return checkObjectBody(body, '$');
}

function checkObjectBody(body: unknown, path: string): Violation[] {
  const out: Violation[] = [];
  const place: Place = { path, owner: isRecord(body) ? String(body.object) : kindOf(body), rel: '' };
  if (!isRecord(body)) {
    report(out, place, `is ${kindOf(body)}, expected an API object`);
    return out;
  }
  const object = String(body.object);
  const def = body.deleted === true ? SCHEMA['x-deleted-objects'][object] : SCHEMA['x-objects'][object];
  if (!def) {
    report(out, place, `is a ${body.deleted === true ? 'deleted ' : ''}${object} object, which the schema does not define`);
    return out;
  }
  check(body, { $ref: `#/$defs/${def}` }, place, out);
  return out;
}
