import { FormatParam } from '../../http/csv/csv.decorator';
import { WholeNumberField } from '../../http/fields';
import { ReadQueryRequest } from '../shared/read-query.request';

export class LoyaltyAccountRequest extends ReadQueryRequest {}

export class LeaderboardRequest extends ReadQueryRequest {
  @WholeNumberField(1, 100, { isOptional: true, fromQuery: true, default: 10 }) limit?: number;
  @FormatParam() format?: 'json' | 'csv';
}

export class LoyaltyTiersRequest extends ReadQueryRequest {}
