// Imported first by the project-model tests: a fake model server configured as this server's own provider
// (AI_BASE_URL), set before anything parses the configuration.
import { startFakeLlmServer } from "@/tests/support/model-server";

export const serverModel = await startFakeLlmServer();
process.env.AI_BASE_URL = serverModel.baseURL;
process.env.AI_MODEL = "server-model";
/** The provider's name: its host, as the configuration names it. */
export const SERVER_PROVIDER = new URL(serverModel.baseURL).host;
