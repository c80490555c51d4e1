import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "../prisma/pg-catalog-workaround";

describe("migration scripts", () => {
  it("are split where statements end, not inside quotes, comments or function bodies", () => {
    const script = `-- a comment; not a statement
CREATE TABLE "A" ("b" TEXT DEFAULT 'x;y', "c" TEXT DEFAULT 'it''s; fine');
/* block; comment */ CREATE INDEX "A_b" ON "A" ("b");
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1; RETURN NULL;
END $$;
CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
-- the end
`;
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/^-- a comment; not a statement\nCREATE TABLE "A" .*'it''s; fine'\)$/s);
    expect(statements[1]).toBe(`/* block; comment */ CREATE INDEX "A_b" ON "A" ("b")`);
    expect(statements[2]).toMatch(/AS \$\$\nBEGIN\n {2}PERFORM 1; RETURN NULL;\nEND \$\$$/);
    expect(statements[3]).toBe("CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$");
  });
});
