import { z } from "zod";

export const newUserSchema = z.object({
  name: z.string().trim().min(2, "Enter the full name.").max(120),
  email: z.email("Enter a valid email address.").max(254).transform((value) => value.trim().toLowerCase()),
  role: z.enum(["ADMIN", "ADVISOR"]),
  password: z.string().min(12, "Use at least 12 characters.").max(256),
});
