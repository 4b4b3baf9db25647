import { ValidateBy, type ValidationArguments } from 'class-validator';
import { WholeNumberField } from '../../http/fields';
import { PageRequest } from '../shared/read-query.request';

const MAX_K = 20;

function IsNotBelowKMin() {
  return ValidateBy({
    name: 'isNotBelowKMin',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const kMin = (args?.object as { kMin?: unknown }).kMin ?? 2;
        return typeof value !== 'number' || typeof kMin !== 'number' || value >= kMin;
      },
      defaultMessage: () => 'kMax must not be below kMin',
    },
  });
}

/** POST /v1/clusters/runs: k is chosen by silhouette within [kMin, kMax]; the same seed on the same book gives the same run. */
export class ClusterRunRequest {
  @WholeNumberField(2, MAX_K, { isOptional: true, default: 2, description: 'Smallest k tried' }) kMin?: number;

  @WholeNumberField(2, MAX_K, { isOptional: true, default: 8, description: 'Largest k tried, not below kMin' })
  @IsNotBelowKMin()
  kMax?: number;

  @WholeNumberField(0, 2_147_483_647, { isOptional: true, default: 42, description: 'Seed of the k-means++ start' }) seed?: number;
}

export class ClusterRunsRequest extends PageRequest {}

export class ClusterMembersRequest extends PageRequest {}
