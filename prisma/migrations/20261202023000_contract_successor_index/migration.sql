-- Which contracts a newer one (a duplicate) replaced: looked up for every chunk a sync or a callback
-- applies, and on every contract page. Without an index each look scanned the whole Contract table
-- (about 35 ms a chunk at 20,000 contracts). Partial: only successors are indexed (few), so the
-- sync's bulk inserts of new contracts do not pay for it. Written by hand (Prisma's schema has no
-- partial indexes); db:migration diffs schema against schema, so it never proposes to drop it.
CREATE INDEX "Contract_duplicatedFromId_idx" ON "Contract" ("duplicatedFromId") WHERE "duplicatedFromId" IS NOT NULL;
