/** The demo sign-ins that `npm run dev` seeds and prints. Development data only. */
export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_USERS = {
  admin: { name: "Alexandra Admin", email: "admin@demo.proposal-desk.test", role: "ADMIN" },
  advisor: { name: "Anna Berger", email: "anna@demo.proposal-desk.test", role: "ADVISOR" },
  advisor2: { name: "Ben Carstens", email: "ben@demo.proposal-desk.test", role: "ADVISOR" },
  // Back office (issue 14): sees and works every advisor's clients and contracts, manages nothing.
  office: { name: "Clara Kruse", email: "office@demo.proposal-desk.test", role: "BACK_OFFICE" },
} as const;
