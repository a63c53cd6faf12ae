/**
 * Writes src/http/known-params.generated.ts: for each route, the parameter names the `stripe`
 * SDK's own types accept, nested, so the emulator can answer an unknown one with Stripe's
 * `parameter_unknown`. Run after upgrading the SDK:
 *   npx tsx stripe-emulator/scripts/generate-known-params.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Route (as `route()` declares it) → the SDK's params type for that call. */
const ROUTES: Record<string, string> = {
  'GET /v1/customers': 'CustomerListParams',
  'POST /v1/customers': 'CustomerCreateParams',
  'GET /v1/customers/:id': 'CustomerRetrieveParams',
  'POST /v1/customers/:id': 'CustomerUpdateParams',
  'DELETE /v1/customers/:id': 'CustomerDeleteParams',
  'GET /v1/customers/:id/payment_methods': 'CustomerListPaymentMethodsParams',
  'GET /v1/products': 'ProductListParams',
  'POST /v1/products': 'ProductCreateParams',
  'GET /v1/products/:id': 'ProductRetrieveParams',
  'POST /v1/products/:id': 'ProductUpdateParams',
  'DELETE /v1/products/:id': 'ProductDeleteParams',
  'GET /v1/prices': 'PriceListParams',
  'POST /v1/prices': 'PriceCreateParams',
  'GET /v1/prices/:id': 'PriceRetrieveParams',
  'POST /v1/prices/:id': 'PriceUpdateParams',
  'GET /v1/payment_methods': 'PaymentMethodListParams',
  'POST /v1/payment_methods': 'PaymentMethodCreateParams',
  'GET /v1/payment_methods/:id': 'PaymentMethodRetrieveParams',
  'POST /v1/payment_methods/:id': 'PaymentMethodUpdateParams',
  'POST /v1/payment_methods/:id/attach': 'PaymentMethodAttachParams',
  'POST /v1/payment_methods/:id/detach': 'PaymentMethodDetachParams',
  'GET /v1/subscriptions': 'SubscriptionListParams',
  'POST /v1/subscriptions': 'SubscriptionCreateParams',
  'GET /v1/subscriptions/:id': 'SubscriptionRetrieveParams',
  'POST /v1/subscriptions/:id': 'SubscriptionUpdateParams',
  'DELETE /v1/subscriptions/:id': 'SubscriptionCancelParams',
  'POST /v1/subscriptions/:id/resume': 'SubscriptionResumeParams',
  'POST /v1/subscriptions/:id/pause': 'SubscriptionPauseParams',
  'GET /v1/subscription_items': 'SubscriptionItemListParams',
  'GET /v1/subscription_schedules': 'SubscriptionScheduleListParams',
  'POST /v1/subscription_schedules': 'SubscriptionScheduleCreateParams',
  'GET /v1/subscription_schedules/:id': 'SubscriptionScheduleRetrieveParams',
  'POST /v1/subscription_schedules/:id': 'SubscriptionScheduleUpdateParams',
  'POST /v1/subscription_schedules/:id/release': 'SubscriptionScheduleReleaseParams',
  'GET /v1/subscription_items/:id': 'SubscriptionItemRetrieveParams',
  'GET /v1/invoices': 'InvoiceListParams',
  'POST /v1/invoices': 'InvoiceCreateParams',
  'POST /v1/invoices/create_preview': 'InvoiceCreatePreviewParams',
  'GET /v1/invoices/:id': 'InvoiceRetrieveParams',
  'POST /v1/invoices/:id': 'InvoiceUpdateParams',
  'DELETE /v1/invoices/:id': 'InvoiceDeleteParams',
  'GET /v1/invoices/:id/lines': 'InvoiceListLineItemsParams',
  'POST /v1/invoices/:id/finalize': 'InvoiceFinalizeInvoiceParams',
  'POST /v1/invoices/:id/pay': 'InvoicePayParams',
  'POST /v1/invoices/:id/send': 'InvoiceSendInvoiceParams',
  'POST /v1/invoices/:id/void': 'InvoiceVoidInvoiceParams',
  'POST /v1/invoices/:id/mark_uncollectible': 'InvoiceMarkUncollectibleParams',
  'GET /v1/invoiceitems': 'InvoiceItemListParams',
  'POST /v1/invoiceitems': 'InvoiceItemCreateParams',
  'GET /v1/invoiceitems/:id': 'InvoiceItemRetrieveParams',
  'POST /v1/invoiceitems/:id': 'InvoiceItemUpdateParams',
  'DELETE /v1/invoiceitems/:id': 'InvoiceItemDeleteParams',
  'GET /v1/events': 'EventListParams',
  'GET /v1/events/:id': 'EventRetrieveParams',
  'GET /v1/test_helpers/test_clocks': 'TestHelpers.TestClockListParams',
  'POST /v1/test_helpers/test_clocks': 'TestHelpers.TestClockCreateParams',
  'GET /v1/test_helpers/test_clocks/:id': 'TestHelpers.TestClockRetrieveParams',
  'DELETE /v1/test_helpers/test_clocks/:id': 'TestHelpers.TestClockDeleteParams',
  'POST /v1/test_helpers/test_clocks/:id/advance': 'TestHelpers.TestClockAdvanceParams',
  'POST /v1/checkout/sessions': 'Checkout.SessionCreateParams',
  'GET /v1/checkout/sessions': 'Checkout.SessionListParams',
  'GET /v1/checkout/sessions/:id': 'Checkout.SessionRetrieveParams',
  'POST /v1/checkout/sessions/:id/expire': 'Checkout.SessionExpireParams',
  'POST /v1/billing_portal/sessions': 'BillingPortal.SessionCreateParams',
  'POST /v1/payment_intents': 'PaymentIntentCreateParams',
  'GET /v1/payment_intents': 'PaymentIntentListParams',
  'GET /v1/payment_intents/:id': 'PaymentIntentRetrieveParams',
  'POST /v1/payment_intents/:id': 'PaymentIntentUpdateParams',
  'POST /v1/payment_intents/:id/confirm': 'PaymentIntentConfirmParams',
  'POST /v1/payment_intents/:id/capture': 'PaymentIntentCaptureParams',
  'POST /v1/payment_intents/:id/cancel': 'PaymentIntentCancelParams',
  'POST /v1/setup_intents': 'SetupIntentCreateParams',
  'GET /v1/setup_intents': 'SetupIntentListParams',
  'GET /v1/setup_intents/:id': 'SetupIntentRetrieveParams',
  'POST /v1/setup_intents/:id': 'SetupIntentUpdateParams',
  'POST /v1/setup_intents/:id/confirm': 'SetupIntentConfirmParams',
  'POST /v1/setup_intents/:id/cancel': 'SetupIntentCancelParams',
  'GET /v1/charges': 'ChargeListParams',
  'GET /v1/charges/:id': 'ChargeRetrieveParams',
  'POST /v1/customers/:id/tax_ids': 'CustomerCreateTaxIdParams',
  'POST /v1/refunds': 'RefundCreateParams',
  'GET /v1/credit_notes': 'CreditNoteListParams',
  'POST /v1/credit_notes': 'CreditNoteCreateParams',
  'GET /v1/credit_notes/preview': 'CreditNotePreviewParams',
  'GET /v1/credit_notes/preview/lines': 'CreditNoteListPreviewLineItemsParams',
  'GET /v1/credit_notes/:id': 'CreditNoteRetrieveParams',
  'POST /v1/credit_notes/:id': 'CreditNoteUpdateParams',
  'POST /v1/credit_notes/:id/void': 'CreditNoteVoidCreditNoteParams',
  'GET /v1/credit_notes/:id/lines': 'CreditNoteListLineItemsParams',
  'GET /v1/customers/:id/balance_transactions': 'CustomerListBalanceTransactionsParams',
  'POST /v1/customers/:id/balance_transactions': 'CustomerCreateBalanceTransactionParams',
  'GET /v1/customers/:id/balance_transactions/:txn': 'CustomerRetrieveBalanceTransactionParams',
  'POST /v1/customers/:id/balance_transactions/:txn': 'CustomerUpdateBalanceTransactionParams',
  'GET /v1/refunds': 'RefundListParams',
  'GET /v1/refunds/:id': 'RefundRetrieveParams',
  'POST /v1/refunds/:id': 'RefundUpdateParams',
  'GET /v1/customers/:id/tax_ids': 'CustomerListTaxIdsParams',
  'GET /v1/customers/:id/tax_ids/:tax_id': 'CustomerRetrieveTaxIdParams',
  'DELETE /v1/customers/:id/tax_ids/:tax_id': 'CustomerDeleteTaxIdParams',
  'POST /v1/coupons': 'CouponCreateParams',
  'GET /v1/coupons': 'CouponListParams',
  'GET /v1/coupons/:id': 'CouponRetrieveParams',
  'POST /v1/coupons/:id': 'CouponUpdateParams',
  'DELETE /v1/coupons/:id': 'CouponDeleteParams',
  'POST /v1/promotion_codes': 'PromotionCodeCreateParams',
  'GET /v1/promotion_codes': 'PromotionCodeListParams',
  'GET /v1/promotion_codes/:id': 'PromotionCodeRetrieveParams',
  'POST /v1/promotion_codes/:id': 'PromotionCodeUpdateParams',
};

/** 1: a value; '*': free-form keys (metadata); an object: the keys it accepts. */
type ParamTree = { [key: string]: ParamTree | 1 | '*' };

const MAX_DEPTH = 6;
const here = fileURLToPath(new URL('.', import.meta.url));
const probe = `${here}__known-params-probe.ts`;
const source = `import type Stripe from 'stripe';\n${Object.values(ROUTES).map((t, i) => `export type T${i} = Stripe.${t};`).join('\n')}\nexport type TaxIdType = Stripe.CustomerCreateTaxIdParams.Type;\n`;

const host = ts.createCompilerHost({ strict: true });
const readFile = host.readFile.bind(host);
host.readFile = (file) => (file === probe ? source : readFile(file));
const fileExists = host.fileExists.bind(host);
host.fileExists = (file) => file === probe || fileExists(file);
const program = ts.createProgram([probe], {
  strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [],
}, host);
const checker = program.getTypeChecker();

function describe(type: ts.Type, depth: number): ParamTree | 1 | '*' {
  const scalar = (member: ts.Type): boolean => [checker.getStringType(), checker.getNumberType(), checker.getBooleanType()]
    .some((primitive) => checker.isTypeAssignableTo(member, primitive));
  // The SDK's Decimal class is sent as a string.
  const decimal = (member: ts.Type): boolean => member.getProperty('_coefficient') !== undefined;
  const members = (type.isUnion() ? type.types : [type]).filter((member) => !scalar(member) && !decimal(member));
  let tree: ParamTree | null = null;
  for (const member of members) {
    if (checker.isArrayType(member)) {
      const [element] = checker.getTypeArguments(member as ts.TypeReference);
      const inner = element ? describe(element, depth) : 1;
      if (inner === '*') return '*';
      if (inner !== 1) tree = { ...(tree ?? {}), ...inner };
      continue;
    }
    if (member.getStringIndexType()) return '*';
    if (depth >= MAX_DEPTH) return '*';
    tree ??= {};
    for (const property of member.getProperties()) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const propertyType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
      const existing = tree[property.name];
      const described = describe(propertyType, depth + 1);
      tree[property.name] = typeof existing === 'object' && typeof described === 'object' ? { ...existing, ...described } : described;
    }
  }
  return tree ?? 1;
}

const file = program.getSourceFile(probe);
const moduleSymbol = file && checker.getSymbolAtLocation(file);
if (!moduleSymbol) throw new Error('could not load the stripe types');
const exportsByName = new Map(checker.getExportsOfModule(moduleSymbol).map((symbol) => [symbol.name, symbol]));
const trees: Record<string, ParamTree | 1 | '*'> = {};
Object.keys(ROUTES).forEach((route, i) => {
  const symbol = exportsByName.get(`T${i}`);
  if (!symbol) throw new Error(`no type for ${route}`);
  const described = describe(checker.getDeclaredTypeOfSymbol(symbol), 0);
  if (described === 1) throw new Error(`${ROUTES[route]} did not resolve`);
  trees[route] = described;
});

// The tax ID types customers.createTaxId accepts (the SDK's open enum, less its `string` catch-all).
const taxIdType = exportsByName.get('TaxIdType');
const taxIdTypes = taxIdType ? checker.getDeclaredTypeOfSymbol(taxIdType) : undefined;
const TAX_ID_TYPES = (taxIdTypes?.isUnion() ? taxIdTypes.types : [])
  .filter((member): member is ts.StringLiteralType => member.isStringLiteral()).map((member) => member.value).sort();
if (TAX_ID_TYPES.length === 0) throw new Error('no tax ID types');

const sdkPackage = JSON.parse(readFileSync(`${here}../../node_modules/stripe/package.json`, 'utf8')) as { version: string };
const version = sdkPackage.version;
const out = `// Generated by scripts/generate-known-params.ts from stripe@${version}'s types; do not edit.
import type { ParamTree } from '../types.js';

export const KNOWN_PARAMS: Record<string, ParamTree> = ${JSON.stringify(trees)};

export const TAX_ID_TYPES: readonly string[] = ${JSON.stringify(TAX_ID_TYPES)};
`;
writeFileSync(`${here}../src/http/known-params.generated.ts`, out);
console.log(`wrote ${Object.keys(trees).length} routes, ${out.length} bytes`);
