import { readFileSync } from 'node:fs'

/** The runbook's command that starts with `program`, as an operator would paste it (inline code in docs/runbook.md). */
export function runbookCommand(program: string): string {
  const runbook = readFileSync('docs/runbook.md', 'utf8')
  const command = [...runbook.matchAll(/`([^`]+)`/g)].map((match) => match[1]!).find((code) => code.startsWith(`${program} `))
  if (!command) throw new Error(`docs/runbook.md has no \`${program} …\` command`)
  // The runbook names the dump of the day the backup was taken; the test restores the one it just took.
  return command.replace('<date>', '$(date +%F)')
}
