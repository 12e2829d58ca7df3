import * as imported from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { dateValue } from '../../src/db/clickhouse/values.ts';
import { duckdbApi } from '../../src/db/duckdb.ts';

describe('@duckdb/node-api loaded with require (src/db/duckdb.ts)', () => {
  it('gives the classes an import gives, so values made with either are one type', () => {
    expect(duckdbApi.DuckDBInstance).toBe(imported.DuckDBInstance);
    expect(duckdbApi.DuckDBDateValue).toBe(imported.DuckDBDateValue);
  });

  it('makes the DATE values the ClickHouse roster load appends', () => {
    const d = dateValue('2026-03-01');
    expect(d).toBeInstanceOf(imported.DuckDBDateValue);
    expect(d?.days).toBe(Date.UTC(2026, 2, 1) / 86_400_000);
    expect(dateValue(null)).toBeNull();
  });
});
