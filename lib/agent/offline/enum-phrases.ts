// Lists of choices the way people write them, turned into "field (a, b, c)" before the request is cut
// into items: "status can be open, in progress or closed", "priority low/med/high", "type: a | b".
const TRIGGER = /\b([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)?)\s*(?:,\s*)?(?:which|that)?\s*\b(?:can be|could be|may be|is one of|is either|either|one of|options are|choices are|values are|like|such as|e\.?g\.?|ie|i\.e\.)\s*:?\s+/g;
const SLASHED = /\b([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)?)\s*[:=-]?\s+((?:[a-z0-9][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)?\s*[/|]\s*)+[a-z0-9][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)?)/g;
const NOT_CHOICES = /^and\s*\/\s*or$|(?:^|\s)(?:yes\s*\/\s*no|y\s*\/\s*n|true\s*\/\s*false)(?:\s|$)/;
const OPTION_STOP = /^(?:and|with|plus|a|an|the|also|each|every|for|to)$/;
const MAX_OPTION_WORDS = 3;
const MAX_OPTIONS = 30;

// The options after a trigger: items up to the one holding "or" (or "and"), whose tail is one option;
// `used` is how many characters of `rest` they took.
function readOptions(rest: string): { options: string[]; used: number } | null {
  const options: string[] = [];
  let at = 0;
  while (at < rest.length) {
    const comma = rest.indexOf(",", at);
    const end = rest.slice(at).search(/[.;!\n]/);
    const sentenceEnd = end === -1 ? rest.length : at + end;
    const part = rest.slice(at, comma === -1 || comma > sentenceEnd ? sentenceEnd : comma);
    const joined = /^(\s*)(.*?)\s*\b(?:or|and)\b\s*(.*)$/.exec(part);
    if (!joined) {
      const words = part.trim().split(" ");
      if (words.length > MAX_OPTION_WORDS || words[0] === "") return null;
      // "like main, side, dessert" ends the sentence without an "or".
      if (comma === -1 || comma > sentenceEnd) return options.length >= 2 ? { options: [...options, part.trim()], used: at + part.length } : null;
      options.push(part.trim());
      at = comma + 1;
      continue;
    }
    const [, , before = "", after = ""] = joined;
    if (before !== "") options.push(before);
    const tail = after.split(" ");
    // "breakfast, lunch, dessert and each recipe has …": the list ended before "and".
    if (OPTION_STOP.test(tail[0] ?? "")) return options.length >= 2 ? { options, used: at + part.indexOf(before) + before.length } : null;
    const stop = tail.findIndex((w, i) => i > 0 && (OPTION_STOP.test(w) || i >= MAX_OPTION_WORDS));
    const last = (stop === -1 ? tail : tail.slice(0, stop)).join(" ");
    if (last === "") return null;
    options.push(last);
    return options.length >= 2 ? { options, used: at + part.lastIndexOf(last) + last.length } : null;
  }
  return null;
}

/** The text with every list of choices replaced by "field §n§", and the choices added to `parens`. */
export function rewriteChoices(text: string, parens: string[]): string {
  let out = text;
  for (const match of [...out.matchAll(TRIGGER)].reverse()) {
    const start = (match.index ?? 0) + match[0].length;
    const found = readOptions(out.slice(start));
    if (!found || found.options.length > MAX_OPTIONS) continue;
    parens.push(found.options.join(", "));
    const field = (match[1] ?? "").replace(/ (?:which|that)$/, "");
    out = `${out.slice(0, match.index)}${field} §${parens.length - 1}§${out.slice(start + found.used)}`;
  }
  return out.replace(SLASHED, (whole, field: string, list: string) => {
    if (NOT_CHOICES.test(list.trim()) || /§/.test(field)) return whole;
    parens.push(list.split(/\s*[/|]\s*/).join(", "));
    return `${field} §${parens.length - 1}§`;
  });
}
