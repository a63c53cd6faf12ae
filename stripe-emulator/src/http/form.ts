import type { Params } from '../types.js';

type Tree = { [key: string]: Tree | string };

const KEY_PATTERN = /^([^[\]]+)((?:\[[^\]]*\])*)$/;

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function insert(root: Tree, segments: string[], value: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    let segment = segments[i] as string;
    // `[]` appends; the SDK itself sends explicit indexes, other clients (curl) send `[]`.
    if (segment === '') segment = String(Object.keys(node).length);
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next === 'object') {
      node = next;
    } else {
      const child: Tree = {};
      node[segment] = child;
      node = child;
    }
  }
}

function isIndexKey(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key);
}

/** Objects whose keys are all indexes become arrays (except metadata, whose keys are free-form). */
function arrayify(node: Tree | string, key: string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const entries = keys.map((k) => [k, arrayify(node[k] as Tree | string, k)] as const);
  if (key !== 'metadata' && keys.length > 0 && keys.every(isIndexKey)) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Decodes Stripe's bracket notation (`items[0][price]=x&expand[]=y`) into nested params. */
export function decodeForm(text: string): Params {
  const root: Tree = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    const match = KEY_PATTERN.exec(rawKey);
    if (!match) continue;
    const segments = [match[1] as string];
    for (const part of (match[2] ?? '').matchAll(/\[([^\]]*)\]/g)) segments.push(part[1] as string);
    insert(root, segments, value);
  }
  return arrayify(root, '') as Params;
}
