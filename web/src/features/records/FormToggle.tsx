import { type ReactNode, useState } from 'react';

/** For roles that may record: a button that opens a form in its place; the form closes itself when done. */
export function FormToggle({
  allowed,
  label,
  form,
}: {
  allowed: boolean;
  label: string;
  form: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!allowed) {
    return null;
  }
  return open ? (
    form(() => setOpen(false))
  ) : (
    <button type="button" onClick={() => setOpen(true)}>
      {label}
    </button>
  );
}
