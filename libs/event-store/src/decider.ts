/** A decider as the write loop sees it (design.md §2): decide, evolve, initial state. */
export interface Decider<Command, Event, State, Rejection> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[] | Rejection;
  evolve(state: State, event: Event): State;
}

/** The shape every domain event has: a type and a payload with its business time. */
export interface DomainEventShape {
  readonly type: string;
  readonly data: { readonly occurredAt: string };
}
