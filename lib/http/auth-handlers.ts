import { createAuthHandlers } from "@/lib/auth";
import { clientAddress, signInGuard } from "@/lib/security";

/** next-auth's GET/POST for /api/auth/*, with the sign-in limits keyed on the email and the client's address. */
export const authHandlers = createAuthHandlers((email, request) => signInGuard(email, clientAddress(request.headers)));
