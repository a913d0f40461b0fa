import type { Role } from "@/lib/auth/roles";

/** What a page shows someone whose role does not reach it. */
export function RoleRequired({ title, role }: { title: string; role: Role }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="form-error" role="alert">
        This page needs the {role} role; ask an admin.
      </p>
    </>
  );
}
