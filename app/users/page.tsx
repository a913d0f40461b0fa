import { RoleRequired } from "@/components/auth/role-required";
import { lacksRole } from "@/lib/auth/authorize-action";
import { ROLE_DUTIES, ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";
import { NewUserForm, UserControls } from "./users-client";
import { EmptyRow } from "@/components/tables/empty-row";

export default async function UsersPage() {
  if (await lacksRole("admin")) return <RoleRequired title="Users" role="admin" />;
  const users = await listUsers();
  return (
    <>
      <h1>Users</h1>
      <p className="lede">
        {ROLES.map((r) => (
          <span key={r}>
            <strong>{r}</strong> {ROLE_DUTIES[r]}.{" "}
          </span>
        ))}
        {users.length === 0 && "No users yet: this instance is in local mode. The first user you add turns sign-in on (make them an admin)."}
      </p>
      <NewUserForm firstUser={users.length === 0} />
      <div className="table-scroll">
        <table className="data wide-table" aria-label="Users">
          <thead>
            <tr>
              <th>Email</th>
              <th>Name</th>
              <th>Role and status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>
                  <UserControls user={{ id: u.id, email: u.email, role: u.role, disabled: u.disabled }} />
                </td>
                <td className="nowrap">{u.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
            {users.length === 0 && (
              <EmptyRow columns={4}>
                No users.
              </EmptyRow>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
