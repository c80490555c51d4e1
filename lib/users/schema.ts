import { z } from "zod";
import { passwordProblem } from "../auth/password-policy";
import { ROLES } from "../auth/roles";

export const newUserSchema = z.object({
  name: z.string().trim().min(2, "users.errors.fullName").max(120),
  email: z.email("common.validation.email").max(254).transform((value) => value.trim().toLowerCase()),
  role: z.enum(ROLES),
  password: z.string(),
}).superRefine((value, context) => {
  // Weak and common passwords are refused (lib/auth/password-policy.ts).
  const problem = passwordProblem(value.password, { email: value.email, name: value.name });
  if (problem) context.addIssue({ code: "custom", path: ["password"], message: problem });
});

export const roleSchema = z.enum(ROLES, "users.errors.role");

/** Moving clients (all, or the ones chosen) with their contracts from one user to another. */
export const reassignSchema = z
  .object({
    fromUserId: z.string().min(1, "office.reassign.errors.chooseFrom"),
    toUserId: z.string().min(1, "office.reassign.errors.chooseTo"),
    /** Empty or missing: every client the departing user owns. */
    clientIds: z.array(z.string().min(1)).max(10_000).optional(),
  })
  .refine((value) => value.fromUserId !== value.toUserId, { path: ["toUserId"], message: "office.reassign.errors.sameUser" });
export type ReassignInput = z.input<typeof reassignSchema>;
