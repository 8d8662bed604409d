// A small well-formedness check of the markup the report writes, for its tests: every opened element
// is closed in order (HTML void elements excepted), and no attribute holds NaN or Infinity, which
// browsers silently drop (a bar that vanishes instead of an error). Not a parser for arbitrary HTML:
// it relies on the report escaping '<' and '>' in text and attribute values, which html-text.ts does.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Problems found, empty when the markup is balanced. */
export function markupProblems(markup: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = markup.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w-]*)([^>]*?)(\/?)>/g)) {
    const [tag, closing, rawName, attrs, selfClosing] = m;
    const name = rawName.toLowerCase();
    if (/\b(?:NaN|Infinity)\b/.test(attrs)) problems.push(`non-finite attribute in ${tag}`);
    const names = [...attrs.matchAll(/\s([\w:-]+)=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`repeated attribute in ${tag}`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing && !VOID.has(name)) {
      stack.push(name);
    }
  }
  for (const open of stack) problems.push(`<${open}> never closed`);
  if (/<(?![A-Za-z/!])/.test(body)) problems.push('a bare "<" outside a tag');
  return problems;
}
