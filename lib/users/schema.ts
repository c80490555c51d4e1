import { z } from "zod";
import { passwordProblem } from "../auth/password-policy";

export const newUserSchema = z.object({
  name: z.string().trim().min(2, "users.errors.fullName").max(120),
  email: z.email("common.validation.email").max(254).transform((value) => value.trim().toLowerCase()),
  role: z.enum(["ADMIN", "ADVISOR"]),
  password: z.string(),
}).superRefine((value, context) => {
  // Weak and common passwords are refused (lib/auth/password-policy.ts).
  const problem = passwordProblem(value.password, { email: value.email, name: value.name });
  if (problem) context.addIssue({ code: "custom", path: ["password"], message: problem });
});
