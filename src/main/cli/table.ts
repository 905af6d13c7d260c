// Plain-text tables for the terminal: columns padded to their widest cell, and
// the one flexible column cut (with …) so a row fits the window.
export interface Column {
  header: string;
  /** This column gives way when the table is wider than the terminal. */
  flexible?: boolean;
}

const width = (s: string): number => [...s].length;

function cut(s: string, max: number): string {
  if (width(s) <= max) return s;
  return `${[...s].slice(0, Math.max(1, max - 1)).join('')}…`;
}

export function table(columns: Column[], rows: string[][], terminalWidth = process.stdout.columns || 120): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const gap = 2;
  const total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  const flex = columns.findIndex((c) => c.flexible);
  if (total > terminalWidth && flex >= 0) widths[flex] = Math.max(10, (widths[flex] ?? 0) - (total - terminalWidth));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        const text = cut(cell, w);
        return i === cells.length - 1 ? text : text.padEnd(w);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}
