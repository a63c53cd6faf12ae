import { sessionCookieOptions } from './cookie-options'

/**
 * The app never opens a Supabase Realtime socket, but supabase-js builds its Realtime client up front and looks
 * for a global WebSocket, which Node.js has from version 22 only. Handing it one keeps sign-in working on Node.js
 * 20; on older Node.js it is a constructor that fails loudly if a socket were ever opened.
 */
class RealtimeUnused {
  constructor() {
    throw new Error('Supabase Realtime is not used by this app')
  }
}

const realtimeTransport = (globalThis.WebSocket ?? RealtimeUnused) as unknown as typeof WebSocket

/** What both Supabase server clients (the proxy's and the pages') are built with for a request. */
export function supabaseClientOptions(headers: Headers) {
  return { cookieOptions: sessionCookieOptions(headers), realtime: { transport: realtimeTransport } }
}
