/**
 * patronage/sql: SQL generators, so that the engine where the orders live (a warehouse, a distributed SQL
 * engine) computes the per-customer summaries and the histogram a fit needs, and patronage fits and scores
 * them. Each generator takes the table and column names, the options of the matching patronage function and
 * a dialect, and writes one query whose numbers equal patronage's own. Dependency-free, like the core.
 *
 * @packageDocumentation
 * @module patronage/sql
 */

export {
  type ClusterTablesSqlOptions,
  type ClusterTablesSqlResult,
  clusterTablesSql,
} from './clusterTablesSql';
export {
  type CohortRetentionSqlOptions,
  type CohortRowsFromSqlOptions,
  cohortRetentionSql,
  cohortRowsFromSql,
} from './cohortRetentionSql';
export { SQL_DIALECTS, type SqlDialect } from './dialects';
export {
  type PeriodRetentionSqlOptions,
  type PeriodRowsFromSqlOptions,
  periodRetentionSql,
  periodRowsFromSql,
} from './periodRetentionSql';
export {
  type CalibrationHoldoutSqlOptions,
  calibrationHoldoutSummarySql,
  type RfmSqlOptions,
  rfmHistogramSql,
  rfmSummarySql,
  type SqlTransactionsOptions,
} from './rfmSummarySql';
export { type ScoreSqlFit, type ScoreSqlOptions, scoreSql } from './scoreSql';
