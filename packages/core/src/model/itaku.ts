// Resources the engine synthesizes from its own inputs, so rules about them fit the same shape.
import { z } from "zod";
import { isoDateTime } from "./common";

/** The roster (従事者台帳) as a resource: rules about the roster itself target it. */
export const itakuRoster = z.object({
  present: z.boolean(),
  path: z.string().optional(),
  reviewedAt: isoDateTime.optional(),
  people: z.number().int().nonnegative(),
});
