import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, jwtVerify } from 'jose'

/**
 * A stand-in for Supabase Auth (GoTrue) that answers the four endpoints the app's sign-in, session check and
 * sign-out reach, in GoTrue's JSON shapes: /auth/v1/token (password and refresh_token grants), /auth/v1/user,
 * /auth/v1/logout. Access tokens are HS256 JWTs, as on a project with a shared JWT secret, so the client
 * verifies each one by asking /user. Refresh tokens are single use and rotate, as GoTrue's do.
 */
export interface StandInUser {
  id: string
  email: string
  password: string
  appMetadata?: Record<string, unknown>
}

export interface AuthRequest {
  method: string
  path: string
  grantType: string | null
  body: Record<string, unknown>
  bearer: string | null
}

interface Session {
  id: string
  userId: string
  signedOut: boolean
}

export interface GoTrueStandIn {
  url: string
  requests: AuthRequest[]
  /** Lifetime of the access tokens issued from now on (GoTrue's default is 3600 s). */
  accessTokenSeconds: number
  close: () => Promise<void>
}

const key = randomBytes(32)

export async function startGoTrueStandIn(users: StandInUser[]): Promise<GoTrueStandIn> {
  const sessions = new Map<string, Session>()
  const refreshTokens = new Map<string, { sessionId: string; used: boolean }>()
  const standIn: GoTrueStandIn = { url: '', requests: [], accessTokenSeconds: 3600, close: async () => undefined }

  const userJson = (user: StandInUser) => ({
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    email_confirmed_at: '2026-11-01T09:00:00Z',
    phone: '',
    confirmed_at: '2026-11-01T09:00:00Z',
    last_sign_in_at: new Date().toISOString(),
    app_metadata: { provider: 'email', providers: ['email'], ...user.appMetadata },
    user_metadata: {},
    identities: [],
    created_at: '2026-11-01T09:00:00Z',
    updated_at: new Date().toISOString(),
    is_anonymous: false,
  })

  async function sessionJson(user: StandInUser, session: Session) {
    const issuedAt = Math.floor(Date.now() / 1000)
    const expiresAt = issuedAt + standIn.accessTokenSeconds
    const accessToken = await new SignJWT({
      email: user.email,
      phone: '',
      app_metadata: userJson(user).app_metadata,
      user_metadata: {},
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: issuedAt }],
      session_id: session.id,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(`${standIn.url}/auth/v1`)
      .setSubject(user.id)
      .setAudience('authenticated')
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key)
    const refreshToken = randomBytes(9).toString('base64url')
    refreshTokens.set(refreshToken, { sessionId: session.id, used: false })
    return { access_token: accessToken, token_type: 'bearer', expires_in: standIn.accessTokenSeconds, expires_at: expiresAt, refresh_token: refreshToken, user: userJson(user) }
  }

  /** The user of a bearer token whose signature, expiry and session all hold, else null. */
  async function userOfToken(token: string | null): Promise<StandInUser | null> {
    if (!token) return null
    try {
      const { payload } = await jwtVerify(token, key, { audience: 'authenticated' })
      const session = sessions.get(String(payload.session_id))
      if (!session || session.signedOut) return null
      return users.find((user) => user.id === payload.sub) ?? null
    } catch {
      return null
    }
  }

  function send(response: ServerResponse, status: number, body?: unknown) {
    response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' })
    response.end(body === undefined ? undefined : JSON.stringify(body))
  }
  const error = (response: ServerResponse, status: number, errorCode: string, msg: string) => send(response, status, { code: status, error_code: errorCode, msg })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', standIn.url)
    let text = ''
    for await (const chunk of request) text += chunk
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? null
    standIn.requests.push({ method: request.method ?? '', path: url.pathname, grantType: url.searchParams.get('grant_type'), body, bearer })

    if (request.method === 'POST' && url.pathname === '/auth/v1/token' && url.searchParams.get('grant_type') === 'password') {
      const user = users.find((candidate) => candidate.email === body.email && candidate.password === body.password)
      if (!user) return error(response, 400, 'invalid_credentials', 'Invalid login credentials')
      const session: Session = { id: randomUUID(), userId: user.id, signedOut: false }
      sessions.set(session.id, session)
      return send(response, 200, await sessionJson(user, session))
    }
    if (request.method === 'POST' && url.pathname === '/auth/v1/token' && url.searchParams.get('grant_type') === 'refresh_token') {
      const stored = refreshTokens.get(String(body.refresh_token))
      const session = stored && sessions.get(stored.sessionId)
      if (!stored || !session || session.signedOut) return error(response, 400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
      if (stored.used) return error(response, 400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used')
      stored.used = true
      return send(response, 200, await sessionJson(users.find((user) => user.id === session.userId)!, session))
    }
    if (request.method === 'GET' && url.pathname === '/auth/v1/user') {
      const user = await userOfToken(bearer)
      return user ? send(response, 200, userJson(user)) : error(response, 403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, or the session has ended')
    }
    if (request.method === 'POST' && url.pathname === '/auth/v1/logout') {
      const user = await userOfToken(bearer)
      if (!user) return error(response, 403, 'bad_jwt', 'invalid JWT')
      // scope=global (the client's default) ends every session of the user.
      for (const session of sessions.values()) if (session.userId === user.id) session.signedOut = true
      return send(response, 204)
    }
    error(response, 404, 'not_found', `no such endpoint in the stand-in: ${request.method} ${url.pathname}`)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((failure) => error(response, 500, 'unexpected_failure', String(failure)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  standIn.close = () => new Promise<void>((resolve, reject) => server.close((failure) => (failure ? reject(failure) : resolve())))
  return standIn
}
