// Column widths for the table report: displayWidth + padToWidth over 100,000 names of three kinds —
// ASCII, Japanese (one grapheme per code point, walked without Intl.Segmenter), and names with joined
// sequences (ZWJ emoji, flags, combining marks: segmented by Intl.Segmenter). Best of 3 runs each.
import { displayWidth, padToWidth } from "../../reports/src/display-width";

const COUNT = 100_000;
const kinds: Record<string, (i: number) => string> = {
  ascii: (i) => `user-${i}@vendor.example ops-team`,
  japanese: (i) => `山田太郎-${i}-営業部 🙂 user-${i} テスト`,
  joined: (i) => `👨‍👩‍👧 ${i} カ\u3099 🇯🇵 e\u0301 한국어`,
};

for (const [kind, make] of Object.entries(kinds)) {
  const names = Array.from({ length: COUNT }, (_, i) => make(i));
  let best = Number.POSITIVE_INFINITY;
  let columns = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    columns = 0;
    for (const name of names) columns += displayWidth(name) + displayWidth(padToWidth(name, 24));
    best = Math.min(best, performance.now() - started);
  }
  console.log(
    `${kind.padEnd(8)} ${COUNT.toLocaleString("en")} names: ${best.toFixed(0)} ms (${((best * 1000) / COUNT).toFixed(1)} µs a name), ${columns} columns`,
  );
}
