/**
 * A value as a JSON route sends it and the browser reads it back: dates become ISO strings. The admin console
 * types what the admin API answers with this over the types `lib/` returns, rather than copying their shapes.
 */
export type Json<T> = T extends Date ? string : T extends readonly (infer Item)[] ? Json<Item>[] : T extends object ? { [Key in keyof T]: Json<T[Key]> } : T
