import 'server-only'
import { syncCreditNoteFromEvent } from './sync-customer-object'
import type { EventHandler } from './types'

// credit_note.created
export const handleCreditNoteCreated: EventHandler = (tx, event) => syncCreditNoteFromEvent(tx, event, 'credit_note.created')
