-- Matching a provider's holder to a client (lib/sync/resolve-new-contracts.ts) compares names
-- case-insensitively: a person by last name and birth date (and first name), a company by its
-- name, a suggestion for the admin by last or company name.
-- Without these, each holder of a first sync read every client of the firm (O(holders × clients)).
-- Written by hand: Prisma's schema cannot express an index on an expression (see schema.prisma).
CREATE INDEX "Client_organizationId_lower_companyName_idx" ON "Client" ("organizationId", lower("companyName")) WHERE "companyName" IS NOT NULL;
CREATE INDEX "Client_organizationId_lower_lastName_birthDate_idx" ON "Client" ("organizationId", lower("lastName"), "birthDate") WHERE "lastName" IS NOT NULL;
