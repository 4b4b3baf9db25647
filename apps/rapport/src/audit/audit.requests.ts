import { InstantField } from '../commands/requests/common.request';
import { FormatParam } from '../http/csv/csv.decorator';
import { ChoiceField, WholeNumberField } from '../http/fields';

export class HistoryQuery {
  @WholeNumberField(0, Number.MAX_SAFE_INTEGER, { isOptional: true, fromQuery: true }) fromRevision?: number;
  @WholeNumberField(1, 10_000, { isOptional: true, fromQuery: true }) limit?: number;
  @FormatParam() format?: 'json' | 'csv';
}

export class StateQuery {
  @InstantField('asOf', { example: '2026-03-01T00:00:00Z' }) asOf!: string;
  @ChoiceField(['occurred', 'recorded'], { isOptional: true, default: 'occurred' }) basis?: 'occurred' | 'recorded';
}
