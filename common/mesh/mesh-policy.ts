/**
 * The managed policy's `mesh` section: which MESH mailbox this home uses, the
 * MESH address, the workflow IDs it takes part in, and how often to poll. The
 * spec allows polling at most every 5 minutes and asks for at least once a
 * day, so the interval is held to that range here.
 */
import { z } from 'zod';

const WorkflowId = z
  .string()
  .regex(
    /^[A-Z0-9_-]{1,300}$/,
    'A MESH workflow ID is capital letters, digits, - and _ (for example TOC_FHIR_IP_DISCH)',
  );

export const MeshPolicy = z
  .object({
    /** The home's MESH mailbox ID (capitals and digits, e.g. X26ABC1). */
    mailboxId: z.string().regex(/^[A-Z0-9]{3,20}$/, 'A MESH mailbox ID is 3 to 20 capital letters and digits'),
    /** The MESH server, e.g. https://msg.intspineservices.nhs.uk (plain http only for 127.0.0.1 in testing). */
    endpoint: z
      .url({ protocol: /^https?$/ })
      .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u), {
        message: 'Use an https:// address (plain http is allowed only for 127.0.0.1 in testing)',
      }),
    /** Workflow IDs of the messages the home receives (their `_ACK` workflows are used for answers). */
    workflowIds: z.array(WorkflowId).min(1, 'Name at least one MESH workflow ID'),
    /** Minutes between inbox polls: 5 (the most MESH allows) to 1440 (a day, the least). */
    pollMinutes: z
      .number()
      .min(5, 'MESH allows polling at most every 5 minutes')
      .max(1440, 'MESH asks for a poll at least once a day')
      .optional(),
  })
  .strict();
export type MeshPolicy = z.infer<typeof MeshPolicy>;

export const DEFAULT_MESH_POLL_MINUTES = 5;
