import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { int } from '../db/query-types.ts';

/**
 * Typed calls of the account attribute queries (queries/attributes.sql, attribute_values.sql,
 * account_attribute.sql, account_attribute_of.sql): the groupings and filters that report, rankings, the server and the notebooks offer.
 */
export const AttributeRow = z.object({ attribute: z.string(), accounts: int, distinct_values: int });
export const attributes = (db: Database) => run(db, 'attributes', z.object({}), AttributeRow, {});

export const AttributeValueRow = z.object({ attribute: z.string(), value: z.string(), accounts: int });
export const attributeValues = (db: Database, p: { max_values: number }) =>
  run(db, 'attribute_values', z.object({ max_values: z.number().int().positive() }), AttributeValueRow, p);

export const AccountAttributeRow = z.object({ account_id: z.string(), value: z.string() });
export const accountAttribute = (db: Database, attribute: string) =>
  run(db, 'account_attribute', z.object({ attribute: z.string() }), AccountAttributeRow, { attribute });
/** The value of one attribute for the listed accounts only (a list of flags names a few of many). */
export const accountAttributeOf = (db: Database, attribute: string, accounts: readonly string[]) =>
  run(db, 'account_attribute_of', z.object({ attribute: z.string(), accounts: z.string() }), AccountAttributeRow, {
    attribute,
    accounts: JSON.stringify(accounts),
  });
