import type { DomainError, DomainErrorCode } from '@rapport/customer-domain';

/** The shape deciderSpec drives: the customer decider, or any other with the same contract. */
export interface SpecDecider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[] | DomainError;
  evolve(state: State, event: Event): State;
}

export interface DeciderOutcome<Event> {
  /** The command appends exactly these events. */
  then(expected: readonly Event[]): void;
  /** The command breaks the rule with this code. */
  thenFails(code: DomainErrorCode): void;
  /** The command is a no-op (a duplicate business id): no events and no error. */
  thenNothing(): void;
}

/**
 * given / when / then for a decider (style.md §9): fold the given events with evolve,
 * decide the command on the result, and compare what came back.
 */
export function deciderSpec<Command, Event, State>(decider: SpecDecider<Command, Event, State>) {
  return {
    given: (...history: readonly Event[]) => ({
      when: (command: Command): DeciderOutcome<Event> => {
        const state = history.reduce((folded, event) => decider.evolve(folded, event), decider.initialState);
        const result = decider.decide(command, state);
        return {
          then: (expected) => expect(result).toEqual(expected),
          thenFails: (code) => expect(result).toMatchObject({ kind: 'domain-error', code }),
          thenNothing: () => expect(result).toEqual([]),
        };
      },
    }),
  };
}
