"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { MemberView } from "@/lib/projects";
import { api, type ApiResult } from "@/components/ui/api-client";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";

const ROLES = ["viewer", "editor", "owner"] as const;
type RoleName = (typeof ROLES)[number];
const MEMBER = "/api/projects/{projectId}/members/{userId}";

type Props = { projectId: string; members: MemberView[]; canManage: boolean; currentUserId: string };

/** The member list; owners invite by email, change roles and remove members. */
export function MembersPanel({ projectId, members, canManage, currentUserId }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const ownerCount = members.filter((m) => m.role === "owner" && m.status === "active").length;

  async function act(call: Promise<ApiResult<unknown>>) {
    const result = await call;
    if (!result.ok) return setErrors({ form: result.error.message });
    setErrors({});
    router.refresh();
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The role comes from the select of ROLES below; the route refuses anything else, naming `role`.
    const body = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "viewer") as RoleName };
    const result = await api("POST", "/api/projects/{projectId}/members", { params: { projectId }, body });
    if (!result.ok) return setErrors(formErrors(result, ["email", "role"]));
    setErrors({});
    event.currentTarget?.reset();
    router.refresh();
  }

  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>Member</th><th>Role</th><th>Status</th>{canManage && <th />}</tr></thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId ?? m.invitationId} data-testid="member-row">
                <td>{m.name ? `${m.name} <${m.email}>` : m.email}</td>
                <td>
                  {canManage && m.userId ? (
                    <RoleSelect member={m} isOnlyOwner={m.userId === currentUserId && m.role === "owner" && ownerCount === 1} onChange={(role) => act(api("PATCH", MEMBER, { params: { projectId, userId: m.userId ?? "" }, body: { role } }))} />
                  ) : (
                    m.role
                  )}
                </td>
                <td>{m.status}</td>
                {canManage && (
                  <td>
                    {m.userId ? (
                      m.userId !== currentUserId && <button type="button" className="link-button" onClick={() => act(api("DELETE", MEMBER, { params: { projectId, userId: m.userId ?? "" } }))}>Remove</button>
                    ) : (
                      <button type="button" className="link-button" onClick={() => act(api("DELETE", "/api/projects/{projectId}/invitations/{invitationId}", { params: { projectId, invitationId: m.invitationId ?? "" } }))}>Withdraw</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <form onSubmit={invite} noValidate className="inline-form" aria-label="Invite member">
          <Field label="Invite by email" name="email" type="email" error={errors.email} />
          <label className="field">
            <span>Role</span>
            <select name="role" defaultValue="viewer">
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <button type="submit">Invite</button>
        </form>
      )}
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
    </section>
  );
}

/** A member's role; the only owner cannot lower their own, since the project would be left without one. */
function RoleSelect({ member, isOnlyOwner, onChange }: { member: MemberView; isOnlyOwner: boolean; onChange: (role: RoleName) => void }) {
  const reasonId = `only-owner-${member.userId}`;
  return (
    <>
      <select aria-label={`Role of ${member.email}`} value={member.role} disabled={isOnlyOwner} aria-describedby={isOnlyOwner ? reasonId : undefined} onChange={(e) => onChange(e.target.value as RoleName)}>
        {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      {isOnlyOwner && <p id={reasonId} className="muted">You are the only owner: make another member an owner before changing your own role.</p>}
    </>
  );
}
