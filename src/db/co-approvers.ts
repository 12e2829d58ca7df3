import type { DuckDBConnection, DuckDBIntegerVector, DuckDBListVector, DuckDBStructVector } from '@duckdb/node-api';
import { duckdbApi } from './duckdb.ts';

// Through require (src/db/duckdb.ts): a value import of the package here would load it through the CLI's loader
// hooks again on every command.
const { DuckDBScalarFunction, INTEGER, LIST, STRUCT, listValue, structValue } = duckdbApi;

/**
 * ll_co_approvers(pairs STRUCT(r INTEGER, g INTEGER)[], receivers INTEGER[]) → STRUCT(g INTEGER, c INTEGER)[]:
 * every ordered pair of approvers (g, c) where g approved at least half of c's receivers (2 × shared ≥ receivers[c]),
 * the co-approvers of queries/audit_concentration.sql. `pairs` are the approver × receiver pairs, each once: receiver
 * r was approved by approver g, one struct per pair, so the two ids cannot be paired wrongly (two lists aggregated
 * side by side would rely on DuckDB filling both in the same order). Approvers are ids 1..n, receivers[c - 1] is c's
 * number of receivers (those left out of the pairs, with one approver, included); receivers are ids 1..m (m pairs).
 *
 * Counting shared receivers pairs every approver of a receiver with every other: 14.4 M pairs of a 10 M-row year,
 * aggregated into 124,750 pairs of 500 approvers. As SQL rows (two unnests and a GROUP BY) that was about a fifth of
 * the check's CPU; here it is an increment of a small integer array per pair, and only the co-approvers go back.
 * `lists` holds each receiver's approver ids (CSR: receiver r's are lists[starts[r]] up to starts[r + 1]).
 */
export function coApproverPairs(
  lists: Int32Array,
  starts: Int32Array,
  receivers: Int32Array,
  squareUpTo = SQUARE_UP_TO,
): [number, number][] {
  return receivers.length <= squareUpTo ? bySquare(lists, starts, receivers) : byApprover(lists, starts, receivers);
}

/**
 * Up to this many approvers the counts are one n × n array (16 MB at most): three times faster than one approver at
 * a time (0.11 against 0.35 CPU s for 100 k receivers of 500 approvers), as each receiver's pairs land in one array
 * that stays in cache instead of reading every approver's receivers scattered over all of them.
 */
const SQUARE_UP_TO = 2048;

/**
 * Shared receivers are symmetric, so each unordered pair is counted once, in the cell (lower id, higher id): half the
 * increments of counting both directions (40 against 78 ms of CPU on the 10 M-row year's 1.15 M pairs). Sorting each
 * receiver's ids first, to spare the comparison, cost more than it saved.
 */
function bySquare(lists: Int32Array, starts: Int32Array, receivers: Int32Array): [number, number][] {
  const n = receivers.length;
  const w = n + 1;
  const shared = new Int32Array(w * w);
  for (let r = 0; r + 1 < starts.length; r++) {
    const end = starts[r + 1];
    for (let i = starts[r]; i < end; i++) {
      const a = lists[i];
      for (let j = i + 1; j < end; j++) {
        const b = lists[j];
        shared[a < b ? a * w + b : b * w + a]++;
      }
    }
  }
  const out: [number, number][] = [];
  for (let g = 1; g <= n; g++)
    for (let c = 1; c <= n; c++) {
      const k = g < c ? shared[g * w + c] : shared[c * w + g];
      if (c !== g && k > 0 && 2 * k >= receivers[c - 1]) out.push([g, c]);
    }
  return out;
}

/** One approver's counts at a time: memory of one array of n, whatever the number of approvers. */
function byApprover(lists: Int32Array, starts: Int32Array, receivers: Int32Array): [number, number][] {
  const n = receivers.length;
  // Each approver's receivers (indexes into starts), the receivers' lists inverted.
  const own = new Int32Array(n + 2);
  for (const g of lists) own[g + 1]++;
  for (let g = 1; g <= n; g++) own[g + 1] += own[g];
  const rcv = new Int32Array(lists.length);
  const fill = own.slice(0, n + 1);
  for (let r = 0; r + 1 < starts.length; r++) for (let i = starts[r]; i < starts[r + 1]; i++) rcv[fill[lists[i]]++] = r;
  const shared = new Int32Array(n + 1);
  const touched = new Int32Array(n);
  const out: [number, number][] = [];
  for (let g = 1; g <= n; g++) {
    let t = 0;
    for (let j = own[g]; j < own[g + 1]; j++) {
      const r = rcv[j];
      for (let i = starts[r]; i < starts[r + 1]; i++) {
        const c = lists[i];
        if (shared[c]++ === 0) touched[t++] = c;
      }
    }
    // In the order of c, as bySquare gives them.
    const seen = touched.subarray(0, t).sort();
    for (const c of seen) {
      if (c !== g && 2 * shared[c] >= receivers[c - 1]) out.push([g, c]);
      shared[c] = 0;
    }
  }
  return out;
}

/**
 * Each receiver's approvers (CSR, as coApproverPairs reads them) from the pairs (receiver ids[i], approver gis[i]),
 * receivers 1..m: one counting sort by receiver, each receiver's approvers in the order met. A receiver id without
 * pairs gets an empty list.
 */
export function receiverLists(ids: Int32Array, gis: Int32Array): { lists: Int32Array; starts: Int32Array } {
  const m = ids.length;
  let top = 0;
  for (let i = 0; i < m; i++) if (ids[i] > top) top = ids[i];
  // Receiver id r is row r - 1: its approvers are lists[starts[r - 1]] up to starts[r].
  const starts = new Int32Array(top + 1);
  for (let i = 0; i < m; i++) starts[ids[i]]++;
  for (let r = 1; r <= top; r++) starts[r] += starts[r - 1];
  const fill = starts.slice(0, top);
  const lists = new Int32Array(m);
  for (let i = 0; i < m; i++) lists[fill[ids[i] - 1]++] = gis[i];
  return { lists, starts };
}

/** The ids of one list argument, or a message if one is NULL or outside 1..max. */
function readIds(list: DuckDBIntegerVector, max: number, what: string): Int32Array | string {
  const out = new Int32Array(list.itemCount);
  for (let i = 0; i < out.length; i++) {
    const id = list.getItem(i);
    if (id === null || id < 1 || id > max) return `ll_co_approvers: ${what} id ${id} is not in 1..${max}`;
    out[i] = id;
  }
  return out;
}

/** The index of the first NULL struct among `pairs` (its ids would read as whatever its children hold). */
function nullPair(pairs: DuckDBStructVector): number | undefined {
  for (let i = 0; i < pairs.itemCount; i++) if (!pairs.isItemValid(i)) return i;
  return undefined;
}

/** Registers ll_co_approvers on a connection (its queries call it as any built-in function). */
export function registerCoApprovers(connection: DuckDBConnection): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'll_co_approvers',
      returnType: LIST(STRUCT({ g: INTEGER, c: INTEGER })),
      parameterTypes: [LIST(STRUCT({ r: INTEGER, g: INTEGER })), LIST(INTEGER)],
      mainFunction: (info, input, output) => {
        const args = [0, 1].map((c) => input.getColumnVector(c) as DuckDBListVector);
        for (let row = 0; row < input.rowCount; row++) {
          // A NULL argument gives NULL, as a built-in function does (no receiver with two approvers: list() of none).
          const given = args[0].getItemVector(row) as DuckDBStructVector | null;
          const counts = args[1].getItemVector(row) as DuckDBIntegerVector | null;
          if (given === null || counts === null) {
            output.setItem(row, null);
            continue;
          }
          const receivers = new Int32Array(counts.itemCount);
          for (let i = 0; i < receivers.length; i++) {
            const n = counts.getItem(i);
            // Read as 0, every approver sharing a receiver would pass the half test: refuse it instead.
            if (n === null) {
              info.setError(`ll_co_approvers: approver ${i + 1} has no count of receivers (NULL)`);
              return;
            }
            receivers[i] = n;
          }
          const missing = nullPair(given);
          if (missing !== undefined) {
            info.setError(`ll_co_approvers: pair ${missing + 1} is NULL`);
            return;
          }
          const ids = readIds(given.entryVectorAt(0) as DuckDBIntegerVector, given.itemCount, 'receiver');
          const gis = readIds(given.entryVectorAt(1) as DuckDBIntegerVector, receivers.length, 'approver');
          if (typeof ids === 'string' || typeof gis === 'string') {
            info.setError(typeof ids === 'string' ? ids : (gis as string));
            return;
          }
          const { lists, starts } = receiverLists(ids, gis);
          const pairs = coApproverPairs(lists, starts, receivers);
          output.setItem(row, listValue(pairs.map(([g, c]) => structValue({ g, c }))));
        }
        output.flush();
      },
    }),
  );
}
