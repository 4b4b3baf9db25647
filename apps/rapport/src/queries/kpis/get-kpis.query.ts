import { Query } from '@nestjs/cqrs';
import type { KpiReport } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export type KpisView = KpiReport & { readonly from: string; readonly to: string };

export class GetKpis extends Query<ReadResult<KpisView>> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
