import { z } from 'zod';
import type { AuditContext } from '../context.ts';

/** Row-schema building blocks for the audit queries (casts happen in the SQL; zod only checks). */
export const str = z.string();
export const nstr = z.string().nullable();
export const num = z.number();
export const nnum = z.number().nullable();
export const ids = z.array(z.string());

export const period = (ctx: AuditContext) => ({ from: ctx.from, to: ctx.to });
