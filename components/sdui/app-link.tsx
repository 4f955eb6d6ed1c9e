import type { MouseEvent, ReactNode } from "react";
import { isAppPath } from "@/lib/sdui/client";
import { navigate } from "./sdk";

type AppLinkProps = { href: string; className?: string; nodeId?: string; children: ReactNode };

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * A link to a safe href (see safeHref). App paths are routed with the History API; modified clicks keep
 * the browser's behaviour (new tab). External links open in a new tab without access to this window.
 */
export function AppLink({ href, className, nodeId, children }: AppLinkProps) {
  if (!isAppPath(href)) {
    return (
      <a className={className} href={href} target="_blank" rel="noopener noreferrer" data-node-id={nodeId}>
        {children}
      </a>
    );
  }
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainLeftClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a className={className} href={href} onClick={onClick} data-node-id={nodeId}>
      {children}
    </a>
  );
}
