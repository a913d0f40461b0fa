// A stub: the `auth` branch replaces this module with sign-in, roles and API tokens. Until then
// every caller is the local operator (EM Lab listens on loopback only), so nothing is refused.
export type Role = "viewer" | "researcher" | "admin";

export type Actor = { kind: "local" } | { kind: "user"; userId: string; email: string; role: Role; via: "session" | "token" };

export async function authorize(request: Request, role: Role): Promise<Actor> {
  void request;
  void role;
  return { kind: "local" };
}
