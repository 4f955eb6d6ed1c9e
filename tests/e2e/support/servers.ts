// The Myco servers the e2e suite runs (see playwright.config.ts): one on the embedded defaults with the
// offline agent, one whose agent talks to the scripted model server a test starts on MODEL_SERVER_PORT.
export const PORT = 3100;
export const MODEL_PORT = 3101;
export const MODEL_SERVER_PORT = 3199;
