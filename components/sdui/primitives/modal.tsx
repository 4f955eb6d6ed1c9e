import { useCallback, useEffect, useRef, useState } from "react";
import type { NodeOf } from "@/lib/sdui";
import { NodeList } from "../node-view";
import { ModalContext } from "../runtime-context";
import { useTemplate } from "../use-template";

/**
 * A trigger button and a native <dialog> (focus trap, Escape and inert background for free). Children
 * mount only while it is open, so bindings inside fetch fresh data each time it opens.
 */
export function ModalView({ node }: { node: NodeOf<"modal"> }) {
  const resolve = useTemplate();
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const titleId = `${node.id}-title`;
  return (
    <div className="myco-action" data-node-id={node.id}>
      <button type="button" className="myco-button myco-button-secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {resolve(node.trigger)}
      </button>
      <dialog ref={dialogRef} className="myco-modal" aria-labelledby={titleId} onClose={close}>
        <div className="myco-modal-header">
          <h2 id={titleId}>{resolve(node.title)}</h2>
          <button type="button" className="myco-button myco-button-ghost myco-button-small" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        {open && (
          <ModalContext.Provider value={close}>
            <div className="myco-modal-body">
              <NodeList nodes={node.children} />
            </div>
          </ModalContext.Provider>
        )}
      </dialog>
    </div>
  );
}
