// Small DOM helpers. Every text goes in as a text node or an attribute value, never as HTML.

/**
 * A new element: `attrs` set as attributes (`null`/`false` left out, `true` as an empty attribute),
 * `children` appended (strings as text nodes).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} [children]
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) setAttr(el, name, value);
  for (const child of children) if (child != null && child !== false) el.append(child);
  return el;
}

/**
 * Sets, or removes (`null`, `undefined`, `false`), one attribute; nothing happens when it is already so.
 * @param {Element} el
 * @param {string} name
 * @param {string | number | boolean | null | undefined} value
 */
export function setAttr(el, name, value) {
  if (value == null || value === false) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = value === true ? "" : String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/**
 * Sets an element's text when it differs (no mutation, so no repaint or announcement, when it is the same).
 * @param {Node} el
 * @param {string} text
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** A `<button type=button data-action=…>` with its text. */
export const button = (action, text, attrs = {}) => h("button", { type: "button", "data-action": action, ...attrs }, [text]);

/** A heading at `level` (the host's `heading-level`, kept within 1–6), with `part` and its text. */
export const heading = (level, part, text) => h(`h${Math.min(6, Math.max(1, level))}`, { part }, [text]);

/** The deepest focused element inside `root` (a shadow root), or null. */
export const focused = (root) => root.activeElement ?? null;

/** Whether two plain values (answers, parts of an evaluation) are the same, by their JSON. */
export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
