import http from 'node:http'

export interface ForwardingProxy {
  url: string
  close(): Promise<void>
}

/**
 * A reverse proxy as a load balancer runs one: it reaches the app at an internal name (`Host` rewritten) and
 * says where the browser was in `X-Forwarded-Host`, `-Proto` and `-For`. Responses stream through unchanged.
 */
export async function startForwardingProxy(target: string, port: number, internalHost = 'app.internal'): Promise<ForwardingProxy> {
  const upstream = new URL(target)
  const server = http.createServer((request, response) => {
    const headers = {
      ...request.headers,
      host: `${internalHost}:${upstream.port}`,
      'x-forwarded-host': request.headers.host,
      'x-forwarded-proto': 'http',
      'x-forwarded-for': request.socket.remoteAddress,
    }
    const forwarded = http.request({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    forwarded.on('error', () => response.writeHead(502).end())
    request.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
