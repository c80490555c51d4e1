-- DropIndex
DROP INDEX "ContractEvent_contractId_at_idx";

-- The milestone triggers' statements are planned once per session and the plan kept. Planned while
-- ContractEvent is small, or before it has statistics (a fresh portal's first sync), the plan scans
-- the whole table, and each chunk of an import then reads every event written before it: 1.5 s a
-- chunk at 50,000 contracts. The lookups by contract id always go through the indexes.
ALTER FUNCTION contract_milestones_refresh(text[]) SET enable_seqscan = off;
