// The result of a run: a JSON file under bench/results/ and a markdown table on the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export function machine() {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

/** A count with spaces between thousands: 1 000 000. */
export function thousands(value) {
  return value.toLocaleString('en').replace(/,/g, ' ');
}

function number(value, unit) {
  if (value === null || value === undefined) return '—';
  const digits = unit === 's' ? 2 : value >= 100 ? 0 : 1;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, ' ')} ${unit}`;
}

/** The markdown table: figure | measured | baseline | ratio | target | holds. */
export function markdownTable(figures) {
  const rows = figures.map((f) => [
    f.name,
    number(f.measured, f.unit),
    number(f.baseline, f.unit.replace(' (p50)', '')),
    f.ratio === null ? '—' : f.ratio.toFixed(f.ratio < 0.1 ? 3 : 2),
    f.target.text,
    f.holds === null ? '—' : f.holds ? '✓' : '✗',
  ]);
  const header = ['figure', 'measured', 'baseline', 'ratio', 'target', 'holds'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Writes bench/results/<profile>-<time>.json and returns its path. */
export function writeResults(dir, result) {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const file = join(dir, `${result.profile}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
