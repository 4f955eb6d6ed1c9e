import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

type Pending = { question: string; answer: (yes: boolean) => void };

/**
 * The runtime's own "are you sure?": a native <dialog> in the app, never window.confirm (which a
 * sandboxed preview frame blocks, and which looks like the browser, not the app). Escape cancels.
 */
export function useConfirmDialog(): { confirm: (question: string) => Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const confirm = useCallback(
    (question: string) =>
      new Promise<boolean>((resolve) => {
        setPending((previous) => {
          previous?.answer(false);
          return { question, answer: resolve };
        });
      }),
    [],
  );
  const settle = useCallback((yes: boolean) => {
    setPending((current) => {
      current?.answer(yes);
      return null;
    });
  }, []);
  useEffect(() => {
    const dialog = ref.current;
    if (pending && dialog && !dialog.open) dialog.showModal();
    if (!pending && dialog?.open) dialog.close();
  }, [pending]);
  const dialog = (
    <dialog ref={ref} className="myco-modal myco-confirm" role="alertdialog" aria-labelledby="myco-confirm-question" onClose={() => settle(false)}>
      <div className="myco-modal-body">
        <p id="myco-confirm-question">{pending?.question}</p>
        <div className="myco-confirm-actions">
          <button type="button" className="myco-button myco-button-secondary" onClick={() => settle(false)}>
            Cancel
          </button>
          <button type="button" className="myco-button myco-button-danger" autoFocus onClick={() => settle(true)}>
            Confirm
          </button>
        </div>
      </div>
    </dialog>
  );
  return { confirm, dialog };
}
