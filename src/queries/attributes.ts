import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';

/**
 * Typed calls of the account attribute queries (queries/attributes.sql, attribute_values.sql,
 * account_attribute.sql, account_attribute_of.sql): the groupings and filters that report, rankings, the server and the notebooks offer.
 */
export const attributes = (db: Database) => run(db, 'attributes', {});

export const attributeValues = (db: Database, p: { max_values: number }) =>
  run(db, 'attribute_values', z.object({ max_values: z.number().int().positive() }), p);

export const accountAttribute = (db: Database, attribute: string) => run(db, 'account_attribute', { attribute });
/** The value of one attribute for the listed accounts only (a list of flags names a few of many). */
export const accountAttributeOf = (db: Database, attribute: string, accounts: readonly string[]) =>
  run(db, 'account_attribute_of', { attribute, accounts: JSON.stringify(accounts) });
