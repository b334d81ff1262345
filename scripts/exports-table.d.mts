/** One public export, as the README's table lists it. */
export interface ExportRow {
  /** The import path: `patronage` or `patronage/svg`. */
  readonly entry: string;
  readonly name: string;
  /** `function`, `class`, `const`, `variable`, `enum` or `type` (more than one for a merged declaration). */
  readonly kinds: readonly string[];
  /** The `@category` tag, or typedoc's default category. */
  readonly category: string;
  /** The first sentence of the TSDoc summary. */
  readonly summary: string;
}

export declare const root: string;
export declare const START_MARKER: string;
export declare const END_MARKER: string;

/** The first sentence of a summary paragraph. */
export declare function firstSentence(text: string): string;

/** Every export of every typedoc entry point, resolved through its re-exports. */
export declare function collectExports(base?: string): {
  rows: ExportRow[];
  categoryOrder: string[];
  entries: string[];
};

/** The Markdown between the markers, before formatting. */
export declare function renderExports(exports: ReturnType<typeof collectExports>): string;

/** README.md's text with the generated section between the markers. */
export declare function updatedReadme(readme: string, base?: string): string;
