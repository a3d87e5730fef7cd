/** Bracket matching shared by the hand-written token readers (Go, Python). */

/**
 * The index of the matching bracket for every opener/closer in a token list (-1 when unmatched).
 * A closer pops to the nearest matching opener, so one stray bracket does not unbalance the rest.
 */
export function matchBrackets(toks: readonly { type: string; text: string }[]): number[] {
  const match = new Array<number>(toks.length).fill(-1);
  const stack: number[] = [];
  const pair: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') stack.push(i);
    else if (t.text in pair) {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (toks[stack[k]].text === pair[t.text]) {
          match[stack[k]] = i;
          match[i] = stack[k];
          stack.length = k;
          break;
        }
      }
    }
  }
  return match;
}
