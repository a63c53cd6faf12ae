import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { HTTP_METHODS, listAdminPages, listAdminRoutes } from './admin-routes'
import { expectNoSeriousViolations } from './axe'
import { signInAs } from './sign-in'

const pages = listAdminPages()
const routes = listAdminRoutes()

async function call(request: APIRequestContext, method: string, url: string, headers: Record<string, string> = {}) {
  const response = await request.fetch(url, { method, data: method === 'GET' ? undefined : {}, headers })
  return { status: response.status(), body: await response.text() }
}

/** Every control on the page that changes something: any button or checkbox outside a search (filter) form. */
async function actionControls(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) =>
    [...main.querySelectorAll('button, input[type=checkbox]')]
      .filter((control) => !control.closest('[role=search]'))
      .map((control) => control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName),
  )
}

test('the walk finds the admin console it guards', () => {
  expect(pages).toContain('/admin/audit')
  expect(routes.map((route) => route.url)).toEqual(expect.arrayContaining(['/api/admin/audit', '/api/admin/webhooks/replay']))
})

test('a customer gets from every admin route, whatever the method, what an unknown address gives', async ({ page }) => {
  await signInAs(page, 'bob@example.com')
  const unknown = await call(page.request, 'GET', '/api/admin-no-such-route')
  expect(unknown.status).toBe(404)
  for (const route of routes) {
    for (const method of HTTP_METHODS) {
      expect(await call(page.request, method, route.url), `${method} ${route.url}`).toEqual(unknown)
    }
  }
})

test('a customer gets from every admin page what an unknown page gives', async ({ page }) => {
  await signInAs(page, 'bob@example.com')
  const unknown = await page.goto('/admin-no-such-page')
  expect(unknown?.status()).toBe(404)
  const unknownText = await page.locator('main').innerText()
  for (const url of pages) {
    const response = await page.goto(url)
    expect(response?.status(), url).toBe(404)
    expect(await page.locator('main').innerText(), url).toBe(unknownText)
  }
})

test('an anonymous visitor gets 401 from every admin route and the sign-in page for every admin page', async ({ page, request }) => {
  for (const route of routes) {
    for (const method of HTTP_METHODS) {
      const response = await call(request, method, route.url)
      expect(response.status, `${method} ${route.url}`).toBe(401)
      expect(JSON.parse(response.body).error.code).toBe('unauthenticated')
    }
  }
  for (const url of pages) {
    await page.goto(url)
    await expect(page, url).toHaveURL(/\/sign-in$/)
  }
})

test('an admin reaches every admin page, each free of serious axe violations at desktop and phone widths, and every route', async ({ page, baseURL }) => {
  // Two axe scans of every admin page take about a minute on two cores.
  test.setTimeout(180_000)
  await signInAs(page, 'admin@example.com')
  const controls: Record<string, string[]> = {}
  for (const url of pages) {
    await page.setViewportSize({ width: 1280, height: 800 })
    expect((await page.goto(url))?.status(), url).toBe(200)
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 })
      await test.step(`axe ${url} at ${width} px`, () => expectNoSeriousViolations(page))
    }
    controls[url] = await actionControls(page)
  }
  // The same walk as support sees none of these (below).
  expect(controls['/admin']!.some((name) => name.startsWith('Turn enforcement'))).toBe(true)
  expect(controls['/admin/audit']).toContain('Verify chain')
  expect(controls['/admin/api-keys']).toContain('Create key')
  expect(controls[pages.find((url) => url.startsWith('/admin/customers/'))!]).toContain('Credit balance…')
  for (const route of routes) {
    for (const method of route.methods) {
      // An empty body is refused as invalid (422) and a probe id as not found, which shows the request got past the guard.
      const { status, body } = await call(page.request, method, route.url, { origin: baseURL! })
      const reached = status === 200 || status === 422 || (status === 404 && JSON.parse(body).error.code === 'not_found')
      expect(reached, `${method} ${route.url}: ${status} ${body}`).toBe(true)
    }
  }
})

test('support reaches every admin page and read route, and gets from every change what an unknown address gives', async ({ page, baseURL }) => {
  await signInAs(page, 'support@example.com')
  const unknown = await call(page.request, 'POST', '/api/admin-no-such-route', { origin: baseURL! })
  expect(unknown.status).toBe(404)
  for (const url of pages) expect((await page.goto(url))?.status(), url).toBe(200)
  for (const route of routes) {
    for (const method of HTTP_METHODS) {
      const { status, body } = await call(page.request, method, route.url, { origin: baseURL! })
      if (method === 'GET' && route.methods.includes('GET')) {
        const reached = status === 200 || status === 422 || (status === 404 && JSON.parse(body).error.code === 'not_found')
        expect(reached, `GET ${route.url}: ${status} ${body}`).toBe(true)
      } else if (method !== 'GET') {
        expect({ status, body }, `${method} ${route.url}`).toEqual(unknown)
      }
    }
  }
})

test('support sees no action control on any admin page', async ({ page }) => {
  await signInAs(page, 'support@example.com')
  for (const url of pages) {
    await page.goto(url)
    expect(await actionControls(page), url).toEqual([])
  }
})

test("an admin's session cannot be used from another site or without JSON", async ({ page, baseURL }) => {
  await signInAs(page, 'admin@example.com')
  const replay = (headers: Record<string, string>, data: string) => page.request.post('/api/admin/webhooks/replay', { headers, data })
  const crossSite = await replay({ origin: 'https://attacker.example', 'content-type': 'application/json' }, '{"type":"invoice.paid"}')
  expect(crossSite.status()).toBe(403)
  expect((await crossSite.json()).error.code).toBe('cross_origin_refused')
  expect((await replay({ 'content-type': 'application/json' }, '{"type":"invoice.paid"}')).status()).toBe(403)
  const form = await replay({ origin: baseURL!, 'content-type': 'text/plain' }, '{"type":"invoice.paid"}')
  expect(form.status()).toBe(415)
})
