import type { WriteState } from './useWrite';

/** The refusals of a write that has no form of its own (a button in a table), above the table. */
export function Refusals({ state }: { state: WriteState }) {
  const messages = [...state.form, ...Object.values(state.fields)];
  return (
    <>
      {messages.map((message) => (
        <p key={message} role="alert" className="problem">
          {message}
        </p>
      ))}
    </>
  );
}
