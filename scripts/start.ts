import { startStack } from './stack'

await startStack('start')
