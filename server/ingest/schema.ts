/** Param schemas of the ingest methods (docs/bots.md), merged into protocol-schema.ts's `paramSchemas`. */
import { z } from 'zod';

export const ingestParamSchemas = {
  createPlainTransport: z.strictObject({}),
  getIngestStats: z.strictObject({}),
};
