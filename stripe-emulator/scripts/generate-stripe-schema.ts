/**
 * Writes test/conformance/stripe-objects.schema.json: a JSON Schema of the API objects the
 * emulator serves, read from the `stripe` SDK's TypeScript declarations (which Stripe generates
 * from its OpenAPI spec), so the conformance test holds responses to Stripe's definition rather
 * than to the emulator's own code. Run after upgrading the SDK:
 *   npx tsx stripe-emulator/scripts/generate-stripe-schema.ts
 *
 * Per field the declarations give presence (`?` means Stripe may omit it), type, nullability
 * (`| null`), string-literal enums and expandable references (`string | Stripe.Customer`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The SDK types of the objects the emulator serves (as `Stripe.<name>`), live and deleted. */
const MODELLED = [
  'Customer', 'DeletedCustomer', 'PaymentMethod', 'Product', 'DeletedProduct', 'Price', 'DeletedPrice', 'Plan',
  'Subscription', 'SubscriptionItem', 'DeletedSubscriptionItem', 'SubscriptionSchedule',
  'Invoice', 'DeletedInvoice', 'InvoiceLineItem', 'InvoiceItem', 'DeletedInvoiceItem', 'InvoicePayment',
  'EventBase', 'TestHelpers.TestClock', 'TestHelpers.DeletedTestClock', 'Checkout.Session', 'BillingPortal.Session',
  'PaymentIntent', 'SetupIntent', 'Charge', 'Refund', 'Coupon', 'DeletedCoupon', 'PromotionCode', 'Discount', 'DeletedDiscount',
  'TaxId', 'DeletedTaxId', 'CreditNote', 'CreditNoteLineItem', 'CustomerBalanceTransaction',
];

type Schema = Record<string, unknown>;

const here = fileURLToPath(new URL('.', import.meta.url));
const sdkRoot = path.resolve(here, '../../node_modules/stripe');
const probe = `${here}__stripe-schema-probe.ts`;
const source = `import type Stripe from 'stripe';
${MODELLED.map((name, i) => `export type T${i} = Stripe.${name};`).join('\n')}
export type TEvent = Stripe.Event;
export type TError = Stripe.StripeRawError;
`;

const host = ts.createCompilerHost({ strict: true });
const readFile = host.readFile.bind(host);
host.readFile = (file) => (file === probe ? source : readFile(file));
const fileExists = host.fileExists.bind(host);
host.fileExists = (file) => file === probe || fileExists(file);
const program = ts.createProgram([probe], {
  strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [],
}, host);
const checker = program.getTypeChecker();
const probeFile = program.getSourceFile(probe);
const moduleSymbol = probeFile && checker.getSymbolAtLocation(probeFile);
if (!moduleSymbol) throw new Error('could not load the stripe types');
const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((symbol) => [symbol.name, checker.getDeclaredTypeOfSymbol(symbol)]));
const exportedType = (name: string): ts.Type => {
  const type = exported.get(name);
  if (!type) throw new Error(`no type ${name}`);
  return type;
};

const defs: Record<string, Schema> = {};
const names = new Map<ts.Type, string>();

/** `Customers:Customer.InvoiceSettings`: the declaring file (under `resources/`) and the qualified name. */
function defName(symbol: ts.Symbol): string {
  const declaration = symbol.declarations?.[0];
  const file = declaration ? path.relative(sdkRoot, declaration.getSourceFile().fileName).replace(/^(esm|cjs)\/(resources\/)?/, '').replace(/\.d\.ts$/, '').replaceAll('/', '.') : 'unknown';
  const qualified = checker.getFullyQualifiedName(symbol).replace(/^".*?"\./, '');
  return `${file}:${qualified}`;
}

/** The `object` string of an API resource, or null for a plain nested type. */
function objectLiteral(type: ts.Type): string | null {
  const property = type.getProperty('object');
  if (!property) return null;
  const propertyType = checker.getTypeOfSymbol(property);
  return propertyType.isStringLiteral() ? propertyType.value : null;
}

function isDecimal(type: ts.Type): boolean {
  return type.getProperty('_coefficient') !== undefined;
}

const modelledTypes = new Set(MODELLED.map((_name, i) => exportedType(`T${i}`)));
modelledTypes.add(exportedType('TError'));

function literalUnion(values: (string | number | boolean)[]): Schema {
  return values.length === 1 ? { const: values[0] } : { enum: values };
}

function schemaOf(type: ts.Type, depth = 0): Schema {
  if (depth > 40) throw new Error(`too deep at ${checker.typeToString(type)}`);
  const flags = type.flags;
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never)) return { not: {} };
  if (flags & ts.TypeFlags.Null) return { type: 'null' };
  if (flags & ts.TypeFlags.String) return { type: 'string' };
  if (flags & ts.TypeFlags.Number) return { type: 'number' };
  if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (type.isStringLiteral() || type.isNumberLiteral()) return { const: type.value };
  if (flags & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === 'true' };
  if (isDecimal(type)) return { type: 'string', format: 'decimal' };
  if (type.isUnion()) {
    const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
    const literals = members.filter((member) => member.isStringLiteral() || member.isNumberLiteral()) as ts.LiteralType[];
    const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
    const rest = members.filter((member) => !literals.includes(member as ts.LiteralType) && !booleans.includes(member));
    const options: Schema[] = [];
    const open = rest.some((member) => member.isIntersection() && member.types.some((part) => part.flags & ts.TypeFlags.String));
    const values = literals.map((literal) => literal.value as string | number);
    // Open enums (`| OtherString`) may gain values in later API versions; the emulator must still use
    // only the values of this version, so the known ones are kept as the enum and the openness noted.
    if (literals.length > 0 && open) options.push({ type: 'string', enum: values, 'x-open-enum': true });
    else if (literals.length > 0) options.push(literalUnion(values));
    if (booleans.length === 2) options.push({ type: 'boolean' });
    else if (booleans.length === 1) options.push(schemaOf(booleans[0]!, depth + 1));
    for (const member of rest) {
      const schema = schemaOf(member, depth + 1);
      if (!(open && literals.length > 0 && schema.type === 'string' && Object.keys(schema).length === 1)) options.push(schema);
    }
    return options.length === 1 ? options[0]! : { anyOf: options };
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: 'array', items: element ? schemaOf(element, depth + 1) : {} };
  }
  // `OtherString` (`string & {}`): the SDK's way of leaving a string enum open.
  if (type.isIntersection() && type.types.some((member) => member.flags & ts.TypeFlags.String)) return { type: 'string' };
  if (type.isIntersection()) {
    throw new Error(`intersection ${checker.typeToString(type)} has no schema`);
  }
  if (flags & ts.TypeFlags.Object) return objectSchema(type as ts.ObjectType, depth);
  throw new Error(`no schema for ${checker.typeToString(type)}`);
}

function objectSchema(type: ts.ObjectType, depth: number): Schema {
  const symbol = type.getSymbol();
  const generic = (type.objectFlags & ts.ObjectFlags.Reference) !== 0 && checker.getTypeArguments(type as ts.TypeReference).length > 0;
  const named = symbol !== undefined && (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) !== 0 && !generic;
  if (!named) return inlineObject(type, depth);
  const existing = names.get(type);
  if (existing) return { $ref: `#/$defs/${existing}` };
  const name = defName(symbol);
  // An API resource the emulator does not model is cut off: reaching one is itself a finding.
  const resource = objectLiteral(type);
  if (resource && type.getProperty('id') && !modelledTypes.has(type)) {
    return { 'x-unmodelled': resource };
  }
  names.set(type, name);
  defs[name] = {};
  defs[name] = inlineObject(type, depth);
  return { $ref: `#/$defs/${name}` };
}

function inlineObject(type: ts.Type, depth: number, skip: string[] = []): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    if (skip.includes(property.name)) continue;
    const propertyType = checker.getTypeOfSymbol(property);
    if (propertyType.getCallSignatures().length > 0) continue;
    properties[property.name] = schemaOf(propertyType, depth + 1);
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
  }
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: index ? schemaOf(index.type, depth + 1) : false,
  };
}

// Stripe.Event.Data's `object` and `previous_attributes` are empty placeholder interfaces; the
// event's own type decides what its object is (`x-events` below).
const eventData = exportedType('TEvent');
const placeholder = { type: 'object', 'x-event-data': true };
const roots: Record<string, string> = {};
const deletedRoots: Record<string, string> = {};
MODELLED.forEach((name, i) => {
  const type = exportedType(`T${i}`);
  const ref = schemaOf(type);
  const object = objectLiteral(type);
  if (!object || typeof ref.$ref !== 'string') throw new Error(`${name} is not an API object`);
  const def = ref.$ref.replace('#/$defs/', '');
  if (type.getProperty('deleted') && checker.getTypeOfSymbol(type.getProperty('deleted')!).flags & ts.TypeFlags.BooleanLiteral) {
    deletedRoots[object] = def;
  } else {
    roots[object] = def;
  }
});
// StripeRawError is a type alias of an object literal, so it gets a definition of its own here. The SDK
// adds its own fields (status, headers, request id) to it after the response; the wire has only the
// others, and always a `type` (Stripe's OpenAPI spec requires it).
const SDK_ERROR_FIELDS = ['headers', 'statusCode', 'requestId', 'detail', 'exception'];
defs['Types:StripeRawError'] = { ...inlineObject(exportedType('TError'), 0, SDK_ERROR_FIELDS), required: ['type'] };

/** Event type → the definition of its `data.object` (or the object Stripe sends that the emulator does not model). */
const events: Record<string, Schema> = {};
for (const member of eventData.isUnion() ? eventData.types : [eventData]) {
  const typeProperty = member.getProperty('type');
  const dataProperty = member.getProperty('data');
  if (!typeProperty || !dataProperty) continue;
  const eventType = checker.getTypeOfSymbol(typeProperty);
  const objectProperty = checker.getTypeOfSymbol(dataProperty).getProperty('object');
  if (!eventType.isStringLiteral() || !objectProperty) continue;
  const objectType = checker.getTypeOfSymbol(objectProperty);
  const resource = objectLiteral(objectType);
  events[eventType.value] = modelledTypes.has(objectType)
    ? schemaOf(objectType)
    : { 'x-unmodelled': resource ?? checker.typeToString(objectType) };
}
for (const name of Object.keys(defs)) {
  if (/:Event\.Data\.(Object|PreviousAttributes)$/.test(name)) defs[name] = placeholder;
}

const sdkPackage = JSON.parse(readFileSync(path.join(sdkRoot, 'package.json'), 'utf8')) as { version: string };
const apiVersion = /ApiVersion = "([^"]+)"/.exec(readFileSync(path.join(sdkRoot, 'esm/apiVersion.d.ts'), 'utf8'))?.[1];
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $comment: 'Generated by stripe-emulator/scripts/generate-stripe-schema.ts from the stripe package\'s TypeScript declarations; do not edit.',
  'x-source': { package: 'stripe', version: sdkPackage.version, apiVersion },
  'x-objects': roots,
  'x-deleted-objects': deletedRoots,
  'x-error': 'Types:StripeRawError',
  'x-events': events,
  $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
};
const out = path.join(here, '../test/conformance/stripe-objects.schema.json');
writeFileSync(out, `${JSON.stringify(schema, null, 1)}\n`);
console.log(`wrote ${Object.keys(defs).length} definitions, ${Object.keys(events).length} event types, ${JSON.stringify(schema).length} bytes to ${path.relative(process.cwd(), out)}`);
