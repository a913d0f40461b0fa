// Better Auth's endpoints (sign-in, sign-out, session), rate-limited per IP by Better Auth.
import { auth } from "@/lib/auth/better-auth";

export const dynamic = "force-dynamic";

const handler = (request: Request) => auth().handler(request);
export const GET = handler;
export const POST = handler;
