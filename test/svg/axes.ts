// Reading a chart's scales back from its axes, so that tests can turn drawn coordinates into data values.
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false });

type Node = Record<string, unknown>;

const asList = (value: unknown): Node[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node];

/** Every `<g>` with the given class anywhere in the document, in document order of their parents. */
export function groups(svg: string, className: string): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    for (const group of asList(node['g'])) {
      if (group['class'] === className) found.push(group);
      visit(group);
    }
  };
  visit((parser.parse(svg) as { svg: Node }).svg);
  return found;
}

/** The value of a tick label: a number, or a percentage as a share. */
function tickValue(text: string): number {
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/**
 * The map from a pixel coordinate back to a data value of an axis group (`<g class="axis x">` or
 * `"axis y"`), from its first and last tick: each tick is a `<line>` at the tick's position and a `<text>`
 * with its label, the axis title being the last `<text>`.
 */
export function inverseScale(axis: Node, direction: 'x' | 'y'): (pixel: number) => number {
  const lines = asList(axis['line']);
  const texts = asList(axis['text']);
  const count = texts.length - 1; // the last text is the axis title
  const at = (i: number): [number, number] => [
    Number((lines[i] as Node)[direction === 'x' ? 'x1' : 'y1']),
    tickValue(String((texts[i] as Node)['#text'])),
  ];
  const [p0, v0] = at(0);
  const [p1, v1] = at(count - 1);
  return (pixel) => v0 + ((pixel - p0) * (v1 - v0)) / (p1 - p0);
}

/** The title of an axis group: its last `<text>`. */
export function axisTitle(axis: Node): string {
  const texts = asList(axis['text']);
  return String((texts[texts.length - 1] as Node)['#text']);
}

export { asList };
