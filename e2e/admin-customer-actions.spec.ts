import { randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import Stripe from 'stripe'
import { expectNoSeriousViolations, expectNoSeriousViolationsAtBothWidths } from './axe'
import { signInAs } from './sign-in'

const SHOTS = 'docs/screenshots/admin'
const RITA_ID = '00000000-0000-4000-8000-0000000b7001'
const RITA_PAGE = `/admin/customers/${RITA_ID}`

// One admin session for the whole file: each sign-in counts against the account's sign-in limit.
test.describe.configure({ mode: 'serial' })
let page: Page
let invoiceId: string

test.beforeAll(async ({ browser }) => {
  // A context of its own: axe scans only pages of a context made with browser.newContext().
  page = await (await browser.newContext()).newPage()
  await signInAs(page, 'finance@example.com')
})

test.afterAll(async () => {
  await page.context().close()
})

/** The emulator the e2e server runs (playwright.config.ts), reached with the SDK as Stripe's dashboard would act. */
const stripe = new Stripe('sk_test_local_emulator', { host: '127.0.0.1', port: 12199, protocol: 'http' })
const ritaCustomer = async () => (await stripe.customers.list({ email: 'rita@example.com' })).data[0]!.id
const customerBalance = async () => ((await stripe.customers.retrieve(await ritaCustomer())) as Stripe.Customer).balance
const refundState = async () => (await page.request.get(`/api/admin/customers/${RITA_ID}/refund?invoiceId=${invoiceId}`)).json()

test('an admin refunds part of a paid invoice after a confirmation that names the amounts to the cent; a double click refunds once', async () => {
  await page.goto(RITA_PAGE)
  const actions = page.getByRole('region', { name: 'Billing actions' })
  await expect(actions).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/customer-actions.png`, fullPage: true })
  const row = actions.getByTestId('refundable-invoice').first()
  await expect(row).toContainText('$79.00 paid')
  await row.getByRole('button', { name: /^Refund invoice / }).click()

  const dialog = page.getByRole('dialog', { name: /^Refund invoice / })
  await expect(dialog.getByTestId('action-preview')).toContainText('$79.00 goes back to the customer')
  invoiceId = (await stripe.invoices.list({ customer: await ritaCustomer(), status: 'paid' })).data[0]!.id
  await dialog.getByLabel('Amount to refund').fill('10.5')
  await expect(dialog.getByTestId('action-preview')).toContainText('$10.50 goes back to the customer')
  await expect(dialog.getByTestId('action-preview')).toContainText('left to refund after this $68.50')
  const confirm = dialog.getByRole('button', { name: 'Refund $10.50' })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Charged during the outage on the 3rd')
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: `${SHOTS}/refund-dialog.png` })

  await confirm.dblclick()
  await expect(dialog.getByRole('status').filter({ hasText: 'Refunded $10.50' })).toBeVisible()
  expect(await refundState()).toMatchObject({ amountPaid: 7900, refundedBefore: 1050, refundable: 6850 })
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('region', { name: 'Audit trail' }).getByTestId('audit-row').filter({ hasText: 'invoice.refunded' })).toHaveCount(1)
})

test('an admin credits the balance; the same confirmation sent twice answers the first result and credits once', async () => {
  await page.goto(RITA_PAGE)
  await page.getByRole('button', { name: 'Credit balance…' }).click()
  const dialog = page.getByRole('dialog', { name: "Credit the customer's balance" })
  await dialog.getByLabel('Amount to credit').fill('5')
  await expect(dialog.getByTestId('action-preview')).toContainText('Balance now nothing · after this $5.00 in credit')
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Goodwill')
  await dialog.getByRole('button', { name: 'Credit $5.00' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Credited $5.00' })).toContainText('$5.00 in credit')

  const body = { amount: '2.00', reason: 'Sent twice by a script', idempotencyKey: randomUUID() }
  const send = () => page.request.post(`/api/admin/customers/${RITA_ID}/credit`, { data: body, headers: { origin: new URL(page.url()).origin } })
  const [first, second] = [await send(), await send()]
  expect(first.status()).toBe(200)
  expect(await second.json()).toEqual(await first.json())
  expect(await first.json()).toMatchObject({ balanceBefore: -500, balanceAfter: -700 })
  const now = await (await page.request.get(`/api/admin/customers/${RITA_ID}/credit?amount=1`)).json()
  expect(now.balanceBefore).toBe(-700)
})

test('a refund over what is left is refused with the reason, and nothing changes', async () => {
  const response = await page.request.post(`/api/admin/customers/${RITA_ID}/refund`, {
    data: { invoiceId, amount: '68.51', reason: 'Too much', idempotencyKey: randomUUID() },
    headers: { origin: new URL(page.url()).origin },
  })
  expect(response.status()).toBe(422)
  expect((await response.json()).error.code).toBe('amount_too_large')
  expect((await refundState()).refundable).toBe(6850)
})


async function openInvoiceForRita(amount: number): Promise<string> {
  const customer = await ritaCustomer()
  await stripe.invoiceItems.create({ customer, amount, currency: 'usd', description: 'Onboarding call' })
  const draft = await stripe.invoices.create({ customer, auto_advance: false, pending_invoice_items_behavior: 'include' })
  const open = await stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false })
  return open.number ?? open.id
}

async function unpaidRow(name: string) {
  const row = page.getByTestId('unpaid-invoice').filter({ hasText: name })
  // The invoice reaches the page through Stripe's webhook.
  await expect(async () => {
    await page.goto(RITA_PAGE)
    await expect(row).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  return row
}

test('an admin retries payment of an open invoice on the card on file, and voids another', async () => {
  const charged = await openInvoiceForRita(1_500)
  const row = await unpaidRow(charged)
  await row.getByRole('button', { name: `Retry payment of invoice ${charged}` }).click()
  const dialog = page.getByRole('dialog', { name: `Retry payment of invoice ${charged}` })
  // Stripe took the 7.00 credited above off this invoice as it was finalized: 8.00 is left to charge.
  await expect(dialog.getByTestId('action-preview')).toContainText('$8.00 is charged to visa •••• 4242 now')
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Customer asked to be charged today')
  await dialog.getByRole('button', { name: 'Charge now' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Paid: $8.00 charged' })).toBeVisible()

  const voided = await openInvoiceForRita(2_500)
  const other = await unpaidRow(voided)
  await other.getByRole('button', { name: `Void invoice ${voided}` }).click()
  const voidDialog = page.getByRole('dialog', { name: `Void invoice ${voided}` })
  await expect(voidDialog.getByTestId('action-preview')).toContainText('no longer owes $25.00')
  await voidDialog.getByLabel('Reason (kept on the audit log)').fill('Issued by mistake')
  await voidDialog.getByRole('button', { name: 'Void invoice' }).click()
  await expect(voidDialog.getByRole('status').filter({ hasText: `Invoice ${voided} is now void` })).toBeVisible()
  const invoices = (await stripe.invoices.list({ customer: await ritaCustomer() })).data
  expect(invoices.filter((invoice) => invoice.number === charged || invoice.number === voided).map((invoice) => invoice.status).sort()).toEqual(['paid', 'void'])
})

test("an admin moves the customer to another plan with the customer's exact preview; a double click changes it once", async () => {
  await page.goto(RITA_PAGE)
  await page.getByRole('button', { name: 'Change plan…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change the plan' })
  await dialog.getByLabel('New plan').selectOption({ label: 'Starter · $19.00 / month' })
  const preview = dialog.getByTestId('action-preview')
  await expect(preview).toContainText('From Pro ($79.00 / month) to Starter ($19.00 / month)')
  await expect(preview).toContainText('Unused time on Pro')
  const amountDue = preview.getByTestId('admin-plan-amount-due')
  await expect(amountDue).toContainText(/^Nothing is charged now\. \$\d+\.\d\d of credit pays toward their next invoices\./)
  const credit = Math.round(Number((await amountDue.textContent())!.match(/\$(\d+\.\d\d) of credit/)![1]) * 100)
  const balanceBefore = await customerBalance()
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Downgrade agreed with the customer by email')
  await expectNoSeriousViolationsAtBothWidths(page)
  await page.screenshot({ path: `${SHOTS}/plan-change-dialog.png` })

  await dialog.getByRole('button', { name: 'Move to Starter' }).dblclick()
  await expect(dialog.getByRole('status').filter({ hasText: 'The customer is now on Starter.' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()
  const [subscription] = (await stripe.subscriptions.list({ customer: await ritaCustomer() })).data
  expect(subscription!.items.data.map((item) => item.price.unit_amount)).toEqual([1_900])
  // The credit the preview promised, to the cent, and only once.
  expect(await customerBalance()).toBe(balanceBefore - credit)
  await expect(page.getByRole('region', { name: 'Audit trail' }).getByTestId('audit-row').filter({ hasText: 'plan_change.confirmed' })).toHaveCount(1)
})

test("an admin comps the customer's plan for two months", async () => {
  await page.goto(RITA_PAGE)
  await page.getByRole('button', { name: 'Comp plan…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Comp the plan' })
  await dialog.getByLabel('Months free (1–24)').fill('2')
  await expect(dialog.getByTestId('action-preview')).toContainText('Every invoice of Starter ($19.00 / month) in the next 2 months is free')
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Case study partner')
  await dialog.getByRole('button', { name: 'Comp 2 months' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Comped: 2 months free.' })).toBeVisible()
  const [subscription] = (await stripe.subscriptions.list({ customer: await ritaCustomer() })).data
  expect((await stripe.invoices.createPreview({ subscription: subscription!.id })).total).toBe(0)
})

test("an admin sets the customer's subscription to end at the period end", async () => {
  await page.goto(RITA_PAGE)
  await page.getByRole('button', { name: 'Cancel subscription…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Cancel the subscription' })
  await expect(dialog.getByTestId('action-preview')).toContainText('Starter renews no more: it stays active until')
  await dialog.getByLabel('Now').check()
  await expect(dialog.getByTestId('action-preview')).toContainText('Starter ends now')
  await dialog.getByLabel('At the end of the period').check()
  await dialog.getByLabel('Reason (kept on the audit log)').fill('Asked by email to stop renewing')
  await dialog.getByRole('button', { name: 'Cancel at period end' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'The subscription ends at the period end.' })).toBeVisible()
  const [subscription] = (await stripe.subscriptions.list({ customer: await ritaCustomer() })).data
  expect(subscription).toMatchObject({ status: 'active', cancel_at_period_end: true })
})

const GINA_PAGE = '/admin/customers/00000000-0000-4000-8000-0000000b2003'

test("an admin extends a customer's grace period and then ends it as a comp; the customer's banner follows each", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage()
  await signInAs(customer, 'gina@example.com')
  const banner = customer.getByTestId('grace-banner')
  await expect(banner).toContainText('5 days left to pay $79.00')

  await page.goto(GINA_PAGE)
  const grace = page.getByTestId('grace-actions')
  await expect(grace).toContainText('Grace period open')
  await grace.getByRole('button', { name: 'Extend the grace period' }).click()
  const extend = page.getByRole('dialog', { name: 'Extend the grace period' })
  await extend.getByLabel('Days to add (1–30)').fill('3')
  await expect(extend.getByTestId('action-preview')).toContainText('The deadline moves from')
  await extend.getByLabel('Reason (kept on the audit log)').fill('Customer is waiting for a new card')
  await extend.getByRole('button', { name: 'Extend by 3 days' }).dblclick()
  await expect(extend.getByRole('status').filter({ hasText: 'Extended: the deadline is now' })).toBeVisible()
  await extend.getByRole('button', { name: 'Close' }).click()
  await customer.reload()
  await expect(banner).toContainText('8 days left to pay $79.00')

  await page.getByTestId('grace-actions').getByRole('button', { name: 'End the grace period as a comp' }).click()
  const end = page.getByRole('dialog', { name: 'End the grace period as a comp' })
  await expect(end.getByTestId('action-preview')).toContainText('$79.00 stays unpaid in Stripe')
  await end.getByLabel('Reason (kept on the audit log)').fill('Goodwill after the outage')
  await end.getByRole('button', { name: 'End grace period' }).click()
  await expect(end.getByRole('status').filter({ hasText: 'The grace period is resolved as a comp.' })).toBeVisible()
  await end.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('grace-actions')).toHaveCount(0)
  const trail = page.getByRole('region', { name: 'Audit trail' }).getByTestId('audit-row')
  await expect(trail.filter({ hasText: 'grace_period.extended' })).toHaveCount(1)
  await expect(trail.filter({ hasText: 'grace_period.comped' })).toHaveCount(1)
  await customer.reload()
  await expect(customer.getByRole('heading', { name: 'Billing', exact: true })).toBeVisible()
  await expect(banner).toHaveCount(0)
  await customer.context().close()
})
