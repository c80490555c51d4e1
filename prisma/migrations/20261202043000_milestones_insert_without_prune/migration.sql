-- Timeline rows being inserted never take a contract's milestones away: the insert trigger no
-- longer looks for milestone rows to remove (a probe of two indexes for every contract of every
-- chunk a sync writes). Updates and deletes still prune.
CREATE FUNCTION contract_milestones_refresh(ids text[], prune boolean) RETURNS void LANGUAGE sql
SET enable_seqscan = off AS $$
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
  -- A contract whose counted rows are all gone has no milestones (after an update or a delete).
  DELETE FROM "ContractMilestone" m
  WHERE prune AND m."contractId" = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM "ContractEvent" e WHERE e."contractId" = m."contractId" AND e."kind" IN ('status', 'approval.approved') AND e."toStatus" IN (0, 120, 130, 230, 320));
$$;

CREATE OR REPLACE FUNCTION contract_milestones_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT DISTINCT "contractId" FROM new_rows WHERE "kind" IN ('status', 'approval.approved')), false);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION contract_milestones_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT "contractId" FROM new_rows UNION SELECT "contractId" FROM old_rows), true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION contract_milestones_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM contract_milestones_refresh(ARRAY(SELECT DISTINCT "contractId" FROM old_rows WHERE "kind" IN ('status', 'approval.approved')), true);
  RETURN NULL;
END $$;

DROP FUNCTION contract_milestones_refresh(text[]);
