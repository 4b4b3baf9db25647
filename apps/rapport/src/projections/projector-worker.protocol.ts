import type { PolicySet } from '@rapport/customer-domain';
import type { LeaseOptions, ProjectionStatus } from '@rapport/read-models';
import type { StoreConfig } from '../wiring/adapters';

/**
 * The projector is owned as a whole (one lease for every projection): it reads the log once per
 * batch for all of them, so splitting them over instances would multiply the reads for little gain.
 */
export const PROJECTOR_LEASE = 'projector';

/** What ProjectorHost hands its worker thread: the stores to open, the policy the projections apply, the lease. */
export interface ProjectorWorkerData {
  readonly stores: StoreConfig;
  readonly policy: PolicySet;
  /** The crash e2e's hook (crash-hook.ts): the process is killed mid-batch after this many documents. */
  readonly crashAfterProjectedDocuments?: number;
  /** This instance as lease holder (OwnedWork), so that /health and the stored lease name the instance. */
  readonly lease: LeaseOptions;
}

/** The projector's status as the worker last saw it, whether it holds the lease, and the projections awaiting an upgrade rebuild. */
export interface ProjectorReport {
  readonly status: readonly ProjectionStatus[];
  readonly isOwner: boolean;
  readonly outdated: readonly string[];
}

/**
 * Host to worker. `appended`: a command of this process appended events. `wait`: a reader waits for
 * a position (a follower then reads the owner's checkpoints at once). `read-begin` / `read-end`:
 * a read that must fall between two batches (Projector.readBetweenBatches), answered by
 * `read-granted` once no batch is under way, and no batch starts until its `read-end`.
 */
export type ToProjectorWorker =
  | { readonly type: 'appended' }
  | { readonly type: 'wait'; readonly names: readonly string[]; readonly position: number; readonly timeoutMs: number }
  | { readonly type: 'read-begin'; readonly id: number }
  | { readonly type: 'read-end'; readonly id: number }
  | { readonly type: 'stop' };

/** Worker to host: the report after each step (and with each grant, so a granted read sees the positions it reads at). */
export type FromProjectorWorker =
  | { readonly type: 'status'; readonly report: ProjectorReport }
  | { readonly type: 'read-granted'; readonly id: number; readonly report: ProjectorReport }
  | {
      readonly type: 'log';
      readonly level: 'error' | 'info';
      readonly message: string;
      readonly details: Readonly<Record<string, unknown>>;
    };
