// Ways of reading issue 14's ISO date-times (`2022-01-01T14:06:33Z`) weighed alone, in instructions per string
// (callgrind, as instructions.mjs counts): the 198,463 `at` strings of the 20,000-customer log in time order,
// built as task.mjs's rfm-rows-iso builds them (`cons`: a template literal around
// `toISOString().slice(0, 19)`), flat (`flat`: through JSON.parse) or cons in a shuffled order (`shuffled`: a
// new date almost every string). 5 warm-up passes, then 3 passes less 1, over 2 × 198,463 strings.
//   node scripts/bench/isoReads.mjs <variant> <cons|flat|shuffled>          (valgrind on the PATH; ~1 min)
//   node scripts/bench/isoReads.mjs <variant> <form> --passes N             (what valgrind runs)
// Variants (each gives the epoch ms of a valid string, or NaN; none is the library's code, which is
// src/model/timestamp.ts's readCommonIso):
//   charCodeAt  readCommonIso's shape: 20 charCodeAt, the last date's midnight remembered by its number
//   startsWith  the date part compared with the last valid date's 10 characters (`startsWith`), read
//               by charCodeAt only when it differs; the time part by charCodeAt
//   regex       a sticky regular expression's `test` of the whole string (validation only, no values)
//   rope        1,024 strings at a time concatenated (`+=`), written as bytes by one
//               `TextEncoder.encodeInto`, each string's 20 bytes read from the Uint8Array
//   ropeOnly    that concatenation and encodeInto alone (no parse)
// Session 30 figures are in docs/benchmarks.md ("Session 30: rows-iso").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './data.mjs';

const DAY_MS = 86_400_000;
const WARM_UP = 5;
const CHUNK = 1_024;
const [variant, form = 'cons', flag, passesText] = process.argv.slice(2);

function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const isDigit = (value) => value >= 0 && value <= 9;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (year) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const calendarDate = (year, month, day) =>
  month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/** The midnight of the string's date part, by charCodeAt (NaN for a bad one); remembers it in `memo`. */
function datePart(text, memo) {
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48;
  const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  if (
    !(isDigit(y0) && isDigit(y1) && isDigit(y2) && isDigit(y3)) ||
    !(isDigit(m0) && isDigit(m1) && isDigit(d0) && isDigit(d1)) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const date = year * 10_000 + month * 100 + day;
  if (memo.date === date) return memo.midnight;
  if (!calendarDate(year, month, day)) return Number.NaN;
  memo.date = date;
  memo.midnight = daysFromCivil(year, month, day) * DAY_MS;
  return memo.midnight;
}

/** The milliseconds of `THH:MM:SSZ` at 10-19, by charCodeAt (NaN for a bad one). */
function timePart(text) {
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const i0 = text.charCodeAt(14) - 48;
  const i1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48;
  const s1 = text.charCodeAt(18) - 48;
  if (
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 90 ||
    !(isDigit(h0) && isDigit(h1) && isDigit(i0) && isDigit(i1) && isDigit(s0) && isDigit(s1))
  ) {
    return Number.NaN;
  }
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** The same from 20 bytes at `at`. */
function fromBytes(bytes, at, memo) {
  const y0 = bytes[at] - 48;
  const y1 = bytes[at + 1] - 48;
  const y2 = bytes[at + 2] - 48;
  const y3 = bytes[at + 3] - 48;
  const m0 = bytes[at + 5] - 48;
  const m1 = bytes[at + 6] - 48;
  const d0 = bytes[at + 8] - 48;
  const d1 = bytes[at + 9] - 48;
  if (
    !(isDigit(y0) && isDigit(y1) && isDigit(y2) && isDigit(y3)) ||
    !(isDigit(m0) && isDigit(m1) && isDigit(d0) && isDigit(d1)) ||
    bytes[at + 4] !== 45 ||
    bytes[at + 7] !== 45
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const date = year * 10_000 + month * 100 + day;
  if (memo.date !== date) {
    if (!calendarDate(year, month, day)) return Number.NaN;
    memo.date = date;
    memo.midnight = daysFromCivil(year, month, day) * DAY_MS;
  }
  const h0 = bytes[at + 11] - 48;
  const h1 = bytes[at + 12] - 48;
  const i0 = bytes[at + 14] - 48;
  const i1 = bytes[at + 15] - 48;
  const s0 = bytes[at + 17] - 48;
  const s1 = bytes[at + 18] - 48;
  if (
    bytes[at + 10] !== 84 ||
    bytes[at + 13] !== 58 ||
    bytes[at + 16] !== 58 ||
    bytes[at + 19] !== 90 ||
    !(isDigit(h0) && isDigit(h1) && isDigit(i0) && isDigit(i1) && isDigit(s0) && isDigit(s1))
  ) {
    return Number.NaN;
  }
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return memo.midnight + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

const TIME = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const encoder = new TextEncoder();
const bytes = new Uint8Array(CHUNK * 64);
const lengths = new Int32Array(CHUNK);

/** One pass of a variant over the strings: the sum of what it gives (NaN if any is NaN). */
const PASSES = {
  charCodeAt(list, memo) {
    let sum = 0;
    for (const text of list) sum += text.length === 20 ? datePart(text, memo) + timePart(text) : Number.NaN;
    return sum;
  },
  startsWith(list, memo) {
    let sum = 0;
    for (const text of list) {
      if (text.length !== 20) sum = Number.NaN;
      else if (memo.text !== '' && text.startsWith(memo.text)) sum += memo.midnight + timePart(text);
      else {
        const midnight = datePart(text, memo);
        if (!Number.isNaN(midnight)) memo.text = text.slice(0, 10);
        sum += midnight + timePart(text);
      }
    }
    return sum;
  },
  regex(list) {
    let sum = 0;
    for (const text of list) sum += TIME.test(text) ? 1 : Number.NaN;
    return sum;
  },
  rope(list, memo) {
    let sum = 0;
    for (let start = 0; start < list.length; start += CHUNK) {
      const end = Math.min(list.length, start + CHUNK);
      let joined = '';
      let total = 0;
      for (let row = start; row < end; row++) {
        const text = list[row];
        joined += text;
        lengths[row - start] = text.length;
        total += text.length;
      }
      if (encoder.encodeInto(joined, bytes).written !== total) return Number.NaN; // not ASCII
      let at = 0;
      for (let k = 0; k < end - start; k++) {
        const length = lengths[k];
        sum += length === 20 ? fromBytes(bytes, at, memo) : Number.NaN;
        at += length;
      }
    }
    return sum;
  },
  ropeOnly(list) {
    let sum = 0;
    for (let start = 0; start < list.length; start += CHUNK) {
      const end = Math.min(list.length, start + CHUNK);
      let joined = '';
      for (let row = start; row < end; row++) joined += list[row];
      sum += encoder.encodeInto(joined, bytes).written;
    }
    return sum;
  },
};

if (PASSES[variant] === undefined || !['cons', 'flat', 'shuffled'].includes(form)) {
  throw new Error(`isoReads.mjs: <${Object.keys(PASSES).join('|')}> <cons|flat|shuffled>`);
}

if (flag === '--passes') {
  const log = generate(20_000);
  let list = new Array(log.rows);
  for (let row = 0; row < log.rows; row++) {
    list[row] = `${new Date(Math.floor(log.at[row] / 1000) * 1000).toISOString().slice(0, 19)}Z`;
  }
  if (form === 'flat') list = JSON.parse(JSON.stringify(list));
  if (form === 'shuffled') {
    let state = 7;
    for (let i = list.length - 1; i > 0; i--) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      const j = state % (i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
  const memo = { date: -1, midnight: 0, text: '' };
  let check = 0;
  for (let pass = 0; pass < WARM_UP + Number(passesText); pass++) check += PASSES[variant](list, memo);
  if (!Number.isFinite(check)) throw new Error('isoReads.mjs: a string gave NaN');
} else {
  const directory = mkdtempSync(join(tmpdir(), 'patronage-isoreads-'));
  const count = (passes) => {
    const out = join(directory, `callgrind.${passes}`);
    const run = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        `--callgrind-out-file=${out}`,
        process.execPath,
        '--predictable',
        '--hash-seed=1',
        '--random-seed=1',
        import.meta.filename,
        variant,
        form,
        '--passes',
        String(passes),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (run.status !== 0) throw new Error(`isoReads.mjs: valgrind failed: ${run.stderr}`);
    const summary = /^summary: (\d+)/m.exec(readFileSync(out, 'utf8'));
    if (summary === null) throw new Error(`isoReads.mjs: no summary line in ${out}`);
    return Number(summary[1]);
  };
  try {
    const strings = generate(20_000).rows;
    const perString = (count(3) - count(1)) / (2 * strings);
    console.log(`${variant} ${form}: ${Math.round(perString)} instructions per string`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
