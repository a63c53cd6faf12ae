// ANY /api/* not matched by a route – a JSON 404, the same answer admin routes give a non-admin
import { noSuchRoute } from '@/lib/http/errors'
import { handleRoute } from '@/lib/http/route'

const answer = handleRoute(async () => {
  throw noSuchRoute()
})

export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE }
