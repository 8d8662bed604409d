// Reads the "basket" text format of arules' read.transactions(format = "basket", sep = ","): one
// basket per line, items separated by commas. We follow what read.transactions does (arules
// R/read_write.R, and NEWS 1.2-0 "read.transactions now ignores empty items (e.g., caused by
// trailing commas and leading or trailing white spaces)"):
// - lines end at \n, \r\n or \r (R's readLines); a final line without a newline still counts;
// - each label is trimmed of leading and trailing white space (trimws), and empty labels dropped —
//   so "cream cheese " in the Groceries file becomes "cream cheese" (the Groceries *data object*
//   keeps the space because it was built in R, not read with read.transactions; counts are equal);
// - an empty line is an empty basket: it is counted in the number of transactions (scan returns
//   character(0) for it and the basket stays in the list), so it lowers every support;
// - quotes: scan's default quote = "\"'" lets a field be enclosed in " or ' (a doubled quote inside
//   stands for one), so a label may contain a comma; a quote that does not open a field is literal.

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
// R's trimws() default whitespace is [ \t\r\n]; String.prototype.trim would also strip no-break spaces.
const trimws = (s: string): string => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/**
 * Splits basket text into baskets of trimmed item labels.
 * @example parseBaskets('bread, milk\nbutter\n') // [['bread', 'milk'], ['butter']]
 */
export function parseBaskets(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 byte-order mark is not part of the first label
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline that ends the last line
  return lines.map(splitLine);
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    let j = i;
    while (j < n && isSpace(line[j])) j++;
    let label: string;
    const q = line[j];
    if (q === '"' || q === "'") {
      let s = '';
      let k = j + 1;
      for (; k < n; k++) {
        if (line[k] === q) {
          if (line[k + 1] === q) { s += q; k++; } else break;
        } else s += line[k];
      }
      // Anything between the closing quote and the next comma is kept, as scan does.
      const end = line.indexOf(',', k);
      const stop = end < 0 ? n : end;
      label = s + line.slice(Math.min(k + 1, stop), stop);
      i = stop + 1;
    } else {
      const end = line.indexOf(',', i);
      const stop = end < 0 ? n : end;
      label = line.slice(i, stop);
      i = stop + 1;
    }
    const trimmed = trimws(label);
    if (trimmed.length > 0) out.push(trimmed);
    if (i > n) break;
  }
  return out;
}
