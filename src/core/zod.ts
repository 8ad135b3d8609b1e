/**
 * @module zod as this project uses it: the tree-shakable `zod/mini` API (the classic one costs ~20
 * ms of every start) with zod's English messages, which `zod/mini` leaves out by default (without
 * them every issue reads "Invalid input"). Import `z` from here.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };

/**
 * Records a custom issue from inside a transform (zod/mini hands the transform its parse payload,
 * not the classic API's context with `addIssue`) and returns zod's NEVER.
 */
export function refuse(ctx: z.core.ParsePayload, message: string, params: object = {}): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, params });
  return z.NEVER;
}
