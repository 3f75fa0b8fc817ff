// Share links: the rules text compressed (deflate-raw) and base64url-encoded into the URL fragment. A
// browser never sends the fragment to a server, so the rules stay with whoever opens the link.

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The text as a fragment-safe string. */
export async function encodeShared(text) {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
}

/** The most text a link opens (2 MB). */
export const MAX_SHARED_BYTES = 2 * 1024 * 1024;

/** Why a link cannot be opened: `kind` is "too-large" (more text than MAX_SHARED_BYTES) or "broken". */
export class ShareError extends Error {
  constructor(kind) {
    super(kind);
    this.kind = kind;
  }
}

/** Inflates `bytes`, chunk by chunk, and stops as soon as there is more than `limit`: a small link that
 * inflates to gigabytes costs no more than `limit`. */
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ShareError("too-large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The text back from `encodeShared`; rejects with a ShareError when the link is damaged or holds more than
 * MAX_SHARED_BYTES of text (found out without inflating more than that). */
export async function decodeShared(fragment, limit = MAX_SHARED_BYTES) {
  try {
    const bytes = await inflate(fromBase64Url(decodeURIComponent(fragment)), limit);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (e) {
    throw e instanceof ShareError ? e : new ShareError("broken");
  }
}
