import { domainError, type DomainError } from '@rapport/customer-domain';
import { deciderSpec } from './decider-spec';

type Command = { readonly add: number };
type Event = { readonly added: number };

/** A counter that refuses to go above 10 and ignores adding zero. */
const counter = {
  initialState: 0,
  decide: ({ add }: Command, total: number): readonly Event[] | DomainError => {
    if (add === 0) return [];
    return total + add > 10 ? domainError('insufficient-points', 'over ten') : [{ added: add }];
  },
  evolve: (total: number, { added }: Event): number => total + added,
};
const spec = deciderSpec(counter);

describe('deciderSpec', () => {
  it('folds the given events before deciding', () => {
    spec
      .given({ added: 4 }, { added: 5 })
      .when({ add: 1 })
      .then([{ added: 1 }]);
    expect(() =>
      spec
        .given({ added: 4 }, { added: 5 })
        .when({ add: 2 })
        .then([{ added: 2 }]),
    ).toThrow();
  });

  it('then fails when other events come back', () => {
    expect(() =>
      spec
        .given()
        .when({ add: 1 })
        .then([{ added: 2 }]),
    ).toThrow();
  });

  it('thenFails passes on the named error code only', () => {
    spec.given({ added: 10 }).when({ add: 1 }).thenFails('insufficient-points');
    expect(() => spec.given({ added: 10 }).when({ add: 1 }).thenFails('customer-churned')).toThrow();
    expect(() => spec.given().when({ add: 1 }).thenFails('insufficient-points')).toThrow();
  });

  it('thenNothing passes on an empty decision only', () => {
    spec.given().when({ add: 0 }).thenNothing();
    expect(() => spec.given().when({ add: 1 }).thenNothing()).toThrow();
    expect(() => spec.given({ added: 10 }).when({ add: 1 }).thenNothing()).toThrow();
  });
});
