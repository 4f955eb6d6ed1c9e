import { route, created, notAllowed } from "@/lib/http";
import { SignUpInput, signUp } from "@/lib/auth";

export const POST = route({ access: "public", summary: "Create an account; the first one is the platform admin", body: SignUpInput, limits: ["signUps"] }, async ({ body, log }) => {
  const user = await signUp(body);
  log.info("user.signed_up", { userId: user.id, isAdmin: user.isAdmin });
  return created({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
