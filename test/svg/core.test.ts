import { describe, expect, it } from 'vitest';
import { escapeXml, linear, percent, replaceNonText, ticks } from '../../src/svg/core';
import { forbiddenCharacter } from './wellFormed';

describe('escapeXml', () => {
  it('escapes the five markup characters as before', () => {
    expect(escapeXml(`<b class="x">Tom & Jerry's</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;',
    );
  });

  it('replaces every character XML forbids by U+FFFD: C0 controls but tab, LF and CR, lone surrogates, U+FFFE, U+FFFF', () => {
    const forbidden = [
      ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter(
        (character) => !'\t\n\r'.includes(character),
      ),
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\uDFFF',
      '\uFFFE',
      '\uFFFF',
    ];
    for (const character of forbidden) {
      expect(escapeXml(`a${character}b`), JSON.stringify(character)).toBe('a\uFFFDb');
    }
    expect(forbiddenCharacter(escapeXml(forbidden.join('')))).toBeNull();
  });

  it('also replaces what HTML reports as an error: DEL, the C1 controls and the noncharacters of every plane', () => {
    expect(escapeXml('\u007F\u0080\u0085\u009F\uFDD0\uFDEF\u{1FFFE}\u{10FFFF}')).toBe('\uFFFD'.repeat(8));
  });

  it('keeps tab, LF, CR, surrogate pairs and every other character', () => {
    const kept = '\t\n\r é € \uD83D\uDE00 \u{10000} \uFFFD \uE000 \uD7FF ∑';
    expect(escapeXml(kept)).toBe(kept);
  });

  it('replaces exactly the code points of the Unicode properties it stands for, over all of Unicode', () => {
    const reference = /[^\P{Cc}\t\n\r]|\p{Cs}|\p{Noncharacter_Code_Point}/u;
    const wrong: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code === 0x26 || code === 0x3c || code === 0x3e || code === 0x22 || code === 0x27) continue;
      const character = String.fromCodePoint(code);
      const expected = reference.test(character) ? '\uFFFD' : character;
      if (escapeXml(character) !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('a lone high surrogate before a pair is replaced, the pair kept', () => {
    expect(escapeXml('\uD800\uD83D\uDE00\uDE00')).toBe('\uFFFD\uD83D\uDE00\uFFFD');
  });
});

describe('replaceNonText', () => {
  it('replaces the forbidden characters of markup but leaves the markup', () => {
    expect(replaceNonText('<svg><title>a\u0000b\uDFFF</title></svg>')).toBe(
      '<svg><title>a\uFFFDb\uFFFD</title></svg>',
    );
  });
});

describe('linear', () => {
  it('maps a domain wider than the largest double without NaN', () => {
    const scale = linear(-Number.MAX_VALUE, Number.MAX_VALUE, 0, 100);
    expect(scale(-Number.MAX_VALUE)).toBe(0);
    expect(scale(0)).toBe(50);
    expect(scale(Number.MAX_VALUE)).toBe(100);
  });

  it('is unchanged for an ordinary domain', () => {
    expect(linear(0, 10, 100, 200)(2.5)).toBe(125);
  });
});

describe('percent', () => {
  it('writes a share too large to multiply by 100 in exponent form, never Infinity', () => {
    expect(percent(Number.MAX_VALUE)).toBe('1.8e+310%');
    expect(percent(-Number.MAX_VALUE, 0)).toBe('-2e+310%');
    expect(percent(0.425)).toBe('42.5%');
  });
});

describe('ticks', () => {
  it('gives just the ends for a span beyond the largest double, never NaN', () => {
    expect(ticks(-Number.MAX_VALUE, Number.MAX_VALUE)).toEqual([-Number.MAX_VALUE, Number.MAX_VALUE]);
    expect(ticks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
