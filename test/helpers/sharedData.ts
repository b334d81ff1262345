import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The published data sets live in ../shared/data beside the checkout (CI has it; a user's fresh clone
 * does not). The package never ships or copies them; tests that need them skip with this message.
 */
export const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
export const hasSharedData: boolean = existsSync(join(SHARED_DATA, 'CDNOW_sample.txt'));
export const SKIP_MESSAGE = `skipped: ../shared/data (the CDNOW and donations files) is not beside this checkout`;

if (!hasSharedData) console.warn(SKIP_MESSAGE);

export function readShared(name: string): string {
  return readFileSync(join(SHARED_DATA, name), 'utf8');
}

/** CDNOW_sample.txt as transactions: sample id (column 2) as customer, date (column 3), dollars (column 5). */
export function cdnowSampleTransactions(): { customerId: number; at: string; amount: number }[] {
  return readShared('CDNOW_sample.txt')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
      return {
        customerId: Number(sampleId),
        at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
        amount: Number(dollars),
      };
    });
}

/** The command-line input options that read CDNOW_master.txt as it is published. */
export const CDNOW_MASTER_OPTIONS: readonly string[] = [
  '--delimiter',
  'whitespace',
  '--customer',
  'customer_id',
  '--date',
  'date',
  '--date-format',
  '%Y%m%d',
  '--amount',
  'dollar_value',
];
