import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { DeleteFileQuery, RenameFileInput, WorkspacePath, WriteFileInput, deleteFile, readFile, renameFile, writeFile } from "@/lib/workspace";

// Next decodes each URL segment once; the joined path is then held to the workspace path rules.
const params = z.strictObject({ projectId: z.uuid(), path: z.array(z.string()).min(1).transform((s) => s.join("/")).pipe(WorkspacePath) });
// Room for a 64 MiB file in base64 inside JSON; the workspace's own byte limit applies after decoding.
const MAX_FILE_BODY_BYTES = 90 * 1024 * 1024;

export const GET = route({ access: "project:viewer", summary: "Read a workspace file at HEAD", params }, ({ scope, params }) => readFile(scope, params.path));

export const PUT = route({ access: "project:editor", summary: "Create or overwrite a file, as one commit", params, body: WriteFileInput, maxBodyBytes: MAX_FILE_BODY_BYTES }, ({ scope, params, body, log }) =>
  writeFile(scope, params.path, body, log),
);

/** Rename: `{to}`. */
export const PATCH = route({ access: "project:editor", summary: "Rename a file, as one commit", params, body: RenameFileInput }, ({ scope, params, body, log }) =>
  renameFile(scope, params.path, body, log),
);

export const DELETE = route({ access: "project:editor", summary: "Delete a file, as one commit", params, query: DeleteFileQuery }, ({ scope, params, query, log }) =>
  deleteFile(scope, params.path, query, log),
);

export const { POST, OPTIONS } = notAllowed({ GET, PUT, PATCH, DELETE });
