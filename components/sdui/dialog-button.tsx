import { useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { RenderCheckContext } from "./render-check-context";
import { ModalContext } from "./runtime-context";

type DialogButtonProps = {
  /** Prefixes the dialog title's element id, unique on the page. */
  id: string;
  trigger: string;
  title: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  small?: boolean;
  /** Rendered only while the dialog is open, so bindings inside fetch fresh data each time. */
  children: () => ReactNode;
};

/**
 * A trigger button and a native <dialog> (focus trap, Escape and inert background for free). A close
 * action inside closes it; focus returns to the trigger.
 */
export function DialogButton({ id, trigger, title, variant = "secondary", small, children }: DialogButtonProps) {
  // The app check renders every dialog open, so the forms inside are checked with the row they edit.
  const [open, setOpen] = useState(useContext(RenderCheckContext) !== null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const titleId = `${id}-title`;
  return (
    <>
      <button type="button" className={`myco-button myco-button-${variant}${small ? " myco-button-small" : ""}`} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {trigger}
      </button>
      <dialog ref={dialogRef} className="myco-modal" aria-labelledby={titleId} onClose={close}>
        <div className="myco-modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="myco-button myco-button-ghost myco-button-small" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        {open && (
          <ModalContext.Provider value={close}>
            <div className="myco-modal-body">{children()}</div>
          </ModalContext.Provider>
        )}
      </dialog>
    </>
  );
}
