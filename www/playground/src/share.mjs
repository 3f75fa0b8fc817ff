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

/** The text back from `encodeShared`; rejects on damaged input. Limited to 2 MB of text. */
export async function decodeShared(fragment) {
  const bytes = await pipe(fromBase64Url(decodeURIComponent(fragment)), new DecompressionStream("deflate-raw"));
  if (bytes.length > 2 * 1024 * 1024) throw new Error("too large");
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
