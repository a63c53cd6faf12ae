export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A plain page for the emulator's hosted screens (invoice, Checkout, customer portal). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{margin:.25rem 0;padding:.5rem 1rem}.error{color:#b00020}</style>
</head><body>${body}</body></html>`;
}
