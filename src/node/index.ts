/**
 * patronage/node: what needs Node built-ins, reading transaction logs from files and streams straight into
 * the typed columns of the core (`rfmSummaryColumns`, `cohortRetentionColumns` and the other columnar
 * functions). The core entry stays free of Node built-ins, for browsers, Deno and edge runtimes.
 *
 * @packageDocumentation
 * @module patronage/node
 */

export {
  type ByteSource,
  MAX_RECORD_BYTES,
  MAX_RECORD_LINES,
  type ReadColumns,
  type ReadTransactionsOptions,
  type RejectedRecord,
  readTransactionBatches,
  readTransactions,
  type TransactionBatch,
  type TransactionTable,
} from './readTransactions';
