import { startStack } from './stack'

await startStack('dev')
