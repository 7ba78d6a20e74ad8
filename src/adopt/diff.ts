/**
 * A unified diff of two versions of a text file (`diff -u` / git style, three lines of context), from a
 * line-level longest common subsequence. Adopt's changes are a few lines in files of ordinary size, so the
 * quadratic table is bounded by trimming the common head and tail first.
 */

/** The unified diff of `before` → `after` for `file` (a display path); "" when they are equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops = [
    ...a.slice(0, head).map((line) => ({ kind: " ", line })),
    ...lcsOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line) => ({ kind: " ", line })),
  ];
  const out = [`--- a/${file}`, `+++ b/${file}`];
  // Hunks: runs of changes with up to `context` unchanged lines around them, merged when they touch.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === " ") i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === " ") next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const [oldStart, newStart] = positions(ops, start);
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    i = end;
    start = end;
  }
  return `${out.join("\n")}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${String(count === 0 ? start - 1 : start)},${String(count)}`;
}

/** 1-based line numbers in the old and new text where op `index` starts. */
function positions(ops: readonly { kind: string }[], index: number): [number, number] {
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < index; i++) {
    if (ops[i]!.kind !== "+") oldLine++;
    if (ops[i]!.kind !== "-") newLine++;
  }
  return [oldLine, newLine];
}

function lcsOps(a: readonly string[], b: readonly string[]): { kind: string; line: string }[] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const ops: { kind: string; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) ops.push({ kind: "-", line: a[i++]! });
    else ops.push({ kind: "+", line: b[j++]! });
  }
  while (i < n) ops.push({ kind: "-", line: a[i++]! });
  while (j < m) ops.push({ kind: "+", line: b[j++]! });
  return ops;
}
