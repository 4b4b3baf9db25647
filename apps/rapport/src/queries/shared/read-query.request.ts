import { PatternField, WholeNumberField } from '../../http/fields';

const MAX_POSITION = Number.MAX_SAFE_INTEGER;

/** Every query takes `minPosition` (api.md read-your-write): the `position` a command answered with. */
export class ReadQueryRequest {
  @WholeNumberField(0, MAX_POSITION, {
    isOptional: true,
    fromQuery: true,
    description:
      "Wait (a few seconds at most) until the read model has applied this global position, e.g. a command response's `position`; 503 if it does not in time, 400 if no command was answered with it yet",
  })
  minPosition?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PageRequest extends ReadQueryRequest {
  @WholeNumberField(1, MAX_PAGE_SIZE, { isOptional: true, fromQuery: true, default: DEFAULT_PAGE_SIZE }) limit?: number;

  @PatternField(/^[A-Za-z0-9_-]{1,512}$/, 'cursor must be the `next` value of a previous page', {
    isOptional: true,
    description: 'The `next` value of the previous page',
  })
  cursor?: string;
}
