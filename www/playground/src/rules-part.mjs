// The rules of the editor's text without its tests: what a rules file holds, and so what the portal hashes
// and the preview runs. The playground keeps one text, the rules and then their `test` blocks (as the
// shipped rulesets come with their tests); an auditor compares the hash of the rules file, which a test
// must not change.

const TEST_START = /^test[ \t]/;
const COMMENT = /^#/;
const BLANK = /^[ \t]*$/;
const INDENTED = /^[ \t]/;

/** The lines before `start` that belong to the test starting there: the comments (and blank lines between
 * them) right above it, not the blank lines that separate them from what comes before. Returns the first. */
function leadingComments(lines, start) {
  let first = start;
  while (first > 0 && (COMMENT.test(lines[first - 1]) || BLANK.test(lines[first - 1]))) first--;
  while (first < start && BLANK.test(lines[first])) first++;
  return first;
}

/**
 * The text without its top-level `test` blocks: each `test` line, the indented and blank lines after it and
 * the comments right above it. A text without tests comes back as it is; otherwise it ends in one newline,
 * as a rules file does.
 */
export function rulesPart(text) {
  const lines = text.split("\n");
  const keep = lines.map(() => true);
  let removed = false;
  for (let i = 0; i < lines.length; i++) {
    if (!TEST_START.test(lines[i])) continue;
    removed = true;
    for (let j = leadingComments(lines, i); j < i; j++) keep[j] = false;
    keep[i] = false;
    while (i + 1 < lines.length && (INDENTED.test(lines[i + 1]) || BLANK.test(lines[i + 1]))) keep[++i] = false;
  }
  if (!removed) return text;
  return `${lines.filter((_, i) => keep[i]).join("\n").trimEnd()}\n`;
}
