import { startStack } from './stack.mjs'

await startStack('start')
