import { route } from "@/lib/http";
import { listUsers } from "@/lib/auth";

export const GET = route({ access: "admin" }, () => listUsers());
