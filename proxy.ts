// Runs before every page, server action and route: a request must come through one of the
// dashboard's own origins (see lib/network/request-origin.ts), which defeats DNS rebinding and
// cross-site form posts, including server actions.
import { NextResponse, type NextRequest } from "next/server";
import { originHeadersOf, originProblem } from "@/lib/network/request-origin";

export function proxy(request: NextRequest) {
  const refused = originProblem(originHeadersOf(request));
  if (refused) return new NextResponse(refused, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  return NextResponse.next();
}

export const config = {
  // Static files hold no data; everything else is checked.
  matcher: ["/((?!_next/static|favicon.ico).*)"],
};
