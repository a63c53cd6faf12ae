import { startStack } from './stack.mjs'

await startStack('dev')
