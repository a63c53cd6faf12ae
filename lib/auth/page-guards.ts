import 'server-only'
import { notFound, redirect } from 'next/navigation'
import { getViewer, type Viewer } from './session'

/** For pages: send visitors who are not signed in to the sign-in page. */
export async function viewerOrSignIn(): Promise<Viewer> {
  const viewer = await getViewer()
  if (!viewer) redirect('/sign-in')
  return viewer
}

/**
 * For admin pages: admin and support read them (a page renders action controls only for `viewer.isAdmin`);
 * anyone else learns nothing, not even that the page exists.
 */
export async function adminOrNotFound(): Promise<Viewer> {
  const viewer = await viewerOrSignIn()
  if (!viewer.isStaff) notFound()
  return viewer
}
