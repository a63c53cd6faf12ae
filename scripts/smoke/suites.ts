// The two suites: the twelve checks acting as the smoke customer in test mode, and the read-only production run.
import { billingDetails } from './billing-details'
import type { SmokeContext } from './context'
import { subscriptionDiscount } from './discounts'
import { auditLogEntries, authentication, currentSubscription, deadLetterQueue, gracePeriodTracking, invoicePreview, invoiceRetrieval, usageMetrics } from './reads'
import type { Check } from './report'
import { forgedWebhook, health, metricsScrape, walls } from './walls'
import { auditTrailOfThisRun, quotaEnforcement, webhookProcessing } from './writes'

export function testModeChecks(ctx: SmokeContext): Check[] {
  return [
    authentication(ctx),
    currentSubscription(ctx, true),
    subscriptionDiscount(ctx, true),
    invoicePreview(ctx),
    usageMetrics(ctx),
    quotaEnforcement(ctx),
    webhookProcessing(ctx),
    gracePeriodTracking(ctx),
    auditTrailOfThisRun(ctx),
    deadLetterQueue(ctx),
    invoiceRetrieval(ctx, true),
    billingDetails(ctx, true),
  ]
}

export function productionChecks(ctx: SmokeContext): Check[] {
  return [
    health(ctx),
    metricsScrape(ctx),
    authentication(ctx),
    walls(ctx),
    forgedWebhook(ctx),
    currentSubscription(ctx, false),
    subscriptionDiscount(ctx, false),
    invoicePreview(ctx),
    usageMetrics(ctx),
    auditLogEntries(ctx),
    deadLetterQueue(ctx),
    invoiceRetrieval(ctx, false),
    billingDetails(ctx, false),
  ]
}
