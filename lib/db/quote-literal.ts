/**
 * A string as a PostgreSQL literal, for the few statements that must travel without parameters (several in one
 * round trip). The E'' form reads backslashes the same whatever `standard_conforming_strings` says.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a PostgreSQL text value cannot hold a NUL character')
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}
