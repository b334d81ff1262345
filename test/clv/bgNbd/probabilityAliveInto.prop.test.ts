import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BG_NBD, MBG_NBD } from '../../../src/clv/bgNbd/definition';
import { bgParams, history } from '../arbitraries';

describe('BG/NBD and MBG/NBD probabilityAliveInto', () => {
  it('probabilityAliveInto equals probabilityAlive per customer to the bit, for any block of the columns', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(BG_NBD, MBG_NBD),
        bgParams,
        fc.array(history, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (definition, params, customers, from, to) => {
          const { probabilityAlive, probabilityAliveInto } = definition.predictions;
          if (probabilityAlive === undefined || probabilityAliveInto === undefined)
            throw new Error('missing');
          const frequency = customers.map((customer) => customer.frequency);
          const recency = customers.map((customer) => customer.recency);
          const T = customers.map((customer) => customer.T);
          const start = from % customers.length;
          const end = start + (to % (customers.length - start + 1));
          const out = new Float64Array(customers.length).fill(-1);
          probabilityAliveInto(params, frequency, recency, T, start, end, out);
          customers.forEach((customer, i) => {
            const expected =
              i >= start && i < end
                ? probabilityAlive(params, customer.frequency, customer.recency, customer.T)
                : -1;
            expect(out[i]).toBe(expected);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('probabilityAliveAndDeadInto equals probabilityAlive and probabilityDead per customer to the bit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(BG_NBD, MBG_NBD),
        bgParams,
        fc.array(history, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (definition, params, customers, from, to) => {
          const { probabilityAlive, probabilityDead, probabilityAliveAndDeadInto } = definition.predictions;
          if (
            probabilityAlive === undefined ||
            probabilityDead === undefined ||
            probabilityAliveAndDeadInto === undefined
          )
            throw new Error('missing');
          const frequency = customers.map((customer) => customer.frequency);
          const recency = customers.map((customer) => customer.recency);
          const T = customers.map((customer) => customer.T);
          const start = from % customers.length;
          const end = start + (to % (customers.length - start + 1));
          const alive = new Float64Array(customers.length).fill(-1);
          const dead = new Float64Array(end - start).fill(-1);
          probabilityAliveAndDeadInto(params, frequency, recency, T, start, end, alive, dead);
          customers.forEach((customer, i) => {
            const { frequency: x, recency: tx, T: age } = customer;
            expect(alive[i]).toBe(i >= start && i < end ? probabilityAlive(params, x, tx, age) : -1);
            if (i >= start && i < end) expect(dead[i - start]).toBe(probabilityDead(params, x, tx, age));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
