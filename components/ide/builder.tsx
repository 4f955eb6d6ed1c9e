"use client";

import { useCallback, useState } from "react";
import { AgentChat } from "./agent-chat";
import { AppPreview } from "./app-preview";

type Props = { projectId: string; appUrl: string; ideOrigin: string; canEdit: boolean };

/** The builder: the agent's chat beside the live preview, which reloads whenever the workspace gets a new commit. */
export function Builder({ projectId, appUrl, ideOrigin, canEdit }: Props) {
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((n) => n + 1), []);
  return (
    <div className="builder">
      <AgentChat projectId={projectId} canEdit={canEdit} onCommitted={reload} />
      {/* Only editors report what the preview shows: the agent reads it, and viewers may not steer the agent. */}
      <AppPreview appUrl={appUrl} ideOrigin={ideOrigin} reloadKey={reloadKey} projectId={canEdit ? projectId : undefined} />
    </div>
  );
}
