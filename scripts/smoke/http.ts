// The smoke suite's view of a deployment: plain HTTP as a browser or a script would send it.
import type { Credentials } from './options'

/** A check's failure, with what was expected and what came back. */
export class SmokeFailure extends Error {}

export interface Answer {
  status: number
  headers: Headers
  text: string
  /** The body as JSON (an empty object when it is not JSON). */
  body: Record<string, unknown>
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text()
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    // not JSON: the text is kept
  }
  return { status: response.status, headers: response.headers, text, body }
}

export class Client {
  constructor(
    readonly baseUrl: URL,
    readonly cookie?: string,
  ) {}

  async request(method: string, path: string, options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers }
    if (this.cookie) headers.cookie = this.cookie
    let body = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      // The app takes changes only as JSON from its own origin, as its pages send them.
      headers['content-type'] = 'application/json'
      headers.origin = this.baseUrl.origin
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) })
    return answerOf(response)
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, { headers })
  post = (path: string, json: unknown) => this.request('POST', path, { json })

  /** GET that must answer 200 with JSON; anything else fails the check with what came back. */
  async read(path: string): Promise<Record<string, unknown>> {
    const answer = await this.get(path)
    expectStatus(answer, 200, `GET ${path}`)
    return answer.body
  }
}

export function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status === status) return
  const said = answer.text.trimStart().startsWith('<') ? 'an HTML page' : answer.text.slice(0, 200)
  throw new SmokeFailure(`${what} answered ${answer.status}, expected ${status}: ${said}`)
}

const decodeEntities = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

function attribute(tag: string, name: string): string | undefined {
  const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`))
  return match ? decodeEntities(match[1]!) : undefined
}

/** The sign-in form the credentials use: the password form, or the demo account's own button. */
function pickForm(html: string, credentials: Credentials): string {
  const forms = [...html.replace(/<!-- -->/g, '').matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map((match) => match[1]!)
  const form = credentials.password
    ? forms.find((candidate) => /name="password"/.test(candidate))
    : forms.find((candidate) => candidate.replace(/<[^>]+>/g, '').includes(`Sign in as ${credentials.email}`))
  if (!form) {
    throw new SmokeFailure(
      credentials.password
        ? 'the sign-in page has no password form (is the deployment in demo mode? then give no password)'
        : `the sign-in page offers no demo account ${credentials.email} (a Supabase deployment needs SMOKE_*_PASSWORD or SMOKE_*_COOKIE)`,
    )
  }
  return form
}

/** Signs in through the sign-in page as a browser without JavaScript would, and keeps the session's cookies. */
export async function signIn(baseUrl: URL, credentials: Credentials): Promise<Client> {
  if (credentials.cookie) return new Client(baseUrl, credentials.cookie)
  const page = await new Client(baseUrl).get('/sign-in')
  expectStatus(page, 200, 'GET /sign-in')
  const form = pickForm(page.text, credentials)
  const fields = new FormData()
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(input, 'name')
    if (name && attribute(input, 'type') === 'hidden') fields.append(name, attribute(input, 'value') ?? '')
  }
  if (credentials.password) {
    fields.append('email', credentials.email ?? '')
    fields.append('password', credentials.password)
  }
  const response = await new Client(baseUrl).request('POST', '/sign-in', { body: fields, headers: { origin: baseUrl.origin } })
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ')
  const location = response.headers.get('location') ?? ''
  if (response.status !== 303 || !cookie || location.includes('error=')) {
    throw new SmokeFailure(`signing in as ${credentials.email} answered ${response.status}${location ? ` → ${location}` : ''} without a session`)
  }
  return new Client(baseUrl, cookie)
}
