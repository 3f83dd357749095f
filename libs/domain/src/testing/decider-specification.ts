import type { Decider } from '../core/decider';

/** given(events).when(command).then(events) / .thenThrows(code), as in emmett's DeciderSpecification. */
export function specificationOf<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenThrows: (code: string, field?: string) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toMatchObject(field === undefined ? { code } : { code, field });
        },
      };
    },
  });
}
