-- CreateTable
CREATE TABLE "ContractMilestone" (
    "contractId" TEXT NOT NULL,
    "draftedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "proposalAt" TIMESTAMP(3),
    "orderedAt" TIMESTAMP(3),
    "activeAt" TIMESTAMP(3),
    "steps" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContractMilestone_pkey" PRIMARY KEY ("contractId")
);

-- AddForeignKey
ALTER TABLE "ContractMilestone" ADD CONSTRAINT "ContractMilestone_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recomputes the milestones of the given contracts from their timeline (a few rows each, read
-- through the (contractId, at, kind, toStatus) index). A span ends at the first 130 (320) after
-- the first 120 (230): the first one overall, unless one came before any request (a contract
-- imported at 130), and only then is the timeline read again.
CREATE FUNCTION contract_milestones_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ContractMilestone" AS m ("contractId", "draftedAt", "requestedAt", "proposalAt", "orderedAt", "activeAt", "steps")
  SELECT f."contractId", f."drafted", f."t120",
    CASE WHEN f."t120" IS NULL OR f."first130" IS NULL THEN NULL WHEN f."first130" > f."t120" THEN f."first130"
         ELSE (SELECT min(x."at") FROM "ContractEvent" x WHERE x."contractId" = f."contractId" AND x."kind" = 'status' AND x."toStatus" = 130 AND x."at" > f."t120") END,
    f."t230",
    CASE WHEN f."t230" IS NULL OR f."first320" IS NULL THEN NULL WHEN f."first320" > f."t230" THEN f."first320"
         ELSE (SELECT min(x."at") FROM "ContractEvent" x WHERE x."contractId" = f."contractId" AND x."kind" = 'status' AND x."toStatus" = 320 AND x."at" > f."t230") END,
    f."steps"
  FROM (
    SELECT e."contractId",
      min(e."at") FILTER (WHERE e."kind" = 'status' AND e."toStatus" = 0) AS "drafted",
      min(e."at") FILTER (WHERE e."kind" = 'status' AND e."toStatus" = 120) AS "t120",
      min(e."at") FILTER (WHERE e."kind" = 'status' AND e."toStatus" = 130) AS "first130",
      min(e."at") FILTER (WHERE e."kind" = 'status' AND e."toStatus" = 230) AS "t230",
      min(e."at") FILTER (WHERE e."kind" = 'status' AND e."toStatus" = 320) AS "first320",
      bit_or(CASE WHEN e."kind" = 'approval.approved' THEN 4
                  WHEN e."kind" <> 'status' THEN 0
                  WHEN e."toStatus" = 120 THEN 1 WHEN e."toStatus" = 130 THEN 2
                  WHEN e."toStatus" = 230 THEN 8 WHEN e."toStatus" = 320 THEN 16 ELSE 0 END) AS "steps"
    FROM "ContractEvent" e
    WHERE e."contractId" = ANY(ids) AND e."kind" IN ('status', 'approval.approved') AND e."toStatus" IN (0, 120, 130, 230, 320)
    GROUP BY e."contractId"
  ) f
  ON CONFLICT ("contractId") DO UPDATE SET
    "draftedAt" = EXCLUDED."draftedAt", "requestedAt" = EXCLUDED."requestedAt", "proposalAt" = EXCLUDED."proposalAt",
    "orderedAt" = EXCLUDED."orderedAt", "activeAt" = EXCLUDED."activeAt", "steps" = EXCLUDED."steps"
  WHERE (m."draftedAt", m."requestedAt", m."proposalAt", m."orderedAt", m."activeAt", m."steps")
    IS DISTINCT FROM (EXCLUDED."draftedAt", EXCLUDED."requestedAt", EXCLUDED."proposalAt", EXCLUDED."orderedAt", EXCLUDED."activeAt", EXCLUDED."steps");
  -- A contract whose counted rows are all gone has no milestones.
  DELETE FROM "ContractMilestone" m
  WHERE m."contractId" = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM "ContractEvent" e WHERE e."contractId" = m."contractId" AND e."kind" IN ('status', 'approval.approved') AND e."toStatus" IN (0, 120, 130, 230, 320));
$$;

-- One statement trigger per kind of write (PostgreSQL allows transition tables on one event only).
CREATE FUNCTION contract_milestones_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT DISTINCT "contractId" FROM new_rows WHERE "kind" IN ('status', 'approval.approved')));
  RETURN NULL;
END $$;

CREATE FUNCTION contract_milestones_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT "contractId" FROM new_rows UNION SELECT "contractId" FROM old_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION contract_milestones_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT DISTINCT "contractId" FROM old_rows WHERE "kind" IN ('status', 'approval.approved')));
  RETURN NULL;
END $$;

CREATE TRIGGER contract_milestones_insert AFTER INSERT ON "ContractEvent" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_milestones_inserted();
CREATE TRIGGER contract_milestones_update AFTER UPDATE ON "ContractEvent" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_milestones_updated();
CREATE TRIGGER contract_milestones_delete AFTER DELETE ON "ContractEvent" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_milestones_deleted();

-- The contracts there are.
SELECT contract_milestones_refresh(ARRAY(SELECT DISTINCT "contractId" FROM "ContractEvent"));
