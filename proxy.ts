// Runs before every page, server action and route: a request must come through one of the
// dashboard's own origins (see lib/network/request-origin.ts), which defeats DNS rebinding and
// cross-site form posts, including server actions. Once sign-in is on (a user exists, or
// EMLAB_AUTH=1), a page without a valid session goes to /sign-in; REST routes answer 401 themselves
// (lib/guard.ts), and /api/auth is Better Auth's own.
import { NextResponse, type NextRequest } from "next/server";
import { actorOf } from "@/lib/auth/authorize";
import { originHeadersOf, originProblem } from "@/lib/network/request-origin";

const OPEN = ["/sign-in", "/api/", "/favicon.svg"];

export async function proxy(request: NextRequest) {
  const refused = originProblem(originHeadersOf(request));
  if (refused) return new NextResponse(refused, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { pathname, search } = request.nextUrl;
  if (OPEN.some((p) => pathname === p || (p.endsWith("/") && pathname.startsWith(p)))) return NextResponse.next();
  const actor = await actorOf(request.headers).catch(() => null);
  if (actor) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Static files hold no data; everything else is checked.
  matcher: ["/((?!_next/static|favicon.ico).*)"],
};
