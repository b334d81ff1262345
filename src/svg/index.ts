/**
 * patronage/svg: charts as SVG strings, with no DOM and no dependencies, so they render the same in Node,
 * Deno, browsers and edge runtimes; and a self-contained HTML report built from them.
 *
 * Every chart has a `<title>` and `<desc>` for screen readers, colours chosen to stay readable for most
 * colour-blind readers and in greyscale, and deterministic output (the same input gives the same bytes).
 *
 * @packageDocumentation
 * @module patronage/svg
 */

export { type CohortHeatmapOptions, cohortHeatmapSvg } from './cohortHeatmapSvg';
export type { ChartOptions } from './core';
export type { CurvePoint, CurveSeries } from './curves';
export { type FrequencyRecencyMatrixOptions, frequencyRecencyMatrixSvg } from './frequencyRecencyMatrixSvg';
export { type HoldoutByGroupOptions, holdoutByGroupSvg } from './holdoutByGroupSvg';
export { type HtmlReportOptions, htmlReport, type ReportSection, type ReportTable } from './htmlReport';
export type { MatrixGridOptions } from './matrix';
export { type MixingDensitySvgOptions, mixingDensitySvg } from './mixingDensitySvg';
export { type PeriodTransactionsSvgOptions, periodTransactionsSvg } from './periodTransactionsSvg';
export {
  type ProbabilityAliveHistorySvgOptions,
  probabilityAliveHistorySvg,
} from './probabilityAliveHistorySvg';
export { type ProbabilityAliveMatrixOptions, probabilityAliveMatrixSvg } from './probabilityAliveMatrixSvg';
export { type RetentionCurvesOptions, retentionCurvesSvg } from './retentionCurvesSvg';
export { segmentSizesSvg } from './segmentSizesSvg';
export { type NamedSurvival, type SurvivalCurveOptions, survivalCurveSvg } from './survivalCurveSvg';
export { type TrackingOptions, trackingSvg } from './trackingSvg';
