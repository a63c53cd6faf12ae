import 'server-only'
import { syncCreditNoteFromEvent } from './sync-customer-object'
import type { EventHandler } from './types'

// credit_note.voided
export const handleCreditNoteVoided: EventHandler = (tx, event) => syncCreditNoteFromEvent(tx, event, 'credit_note.voided')
