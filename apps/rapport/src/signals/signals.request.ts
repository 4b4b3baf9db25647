import { WholeNumberField } from '../http/fields';

export const DEFAULT_SIGNALS_PAGE = 100;
export const MAX_SIGNALS_PAGE = 500;

export class SignalsRequest {
  @WholeNumberField(0, Number.MAX_SAFE_INTEGER, {
    isOptional: true,
    fromQuery: true,
    default: 0,
    description: 'A global position: signals of the events stored after it (the `next` of the previous page; 0 from the start)',
  })
  after?: number;

  @WholeNumberField(1, MAX_SIGNALS_PAGE, { isOptional: true, fromQuery: true, default: DEFAULT_SIGNALS_PAGE }) limit?: number;
}
