"use client";

/** An in-page confirmation that says what will change; nothing happens until the person confirms. */
export function ConfirmBox({ title, children, confirmLabel, busy, onConfirm, onCancel, testId }: {
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  return (
    <div className="undo-confirm" role="alertdialog" aria-label={title} data-testid={testId}>
      <p><strong>{title}</strong></p>
      {children}
      <div className="agent-actions">
        <button type="button" data-testid={`${testId}-confirm`} disabled={busy} onClick={onConfirm}>{busy ? "Working…" : confirmLabel}</button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
