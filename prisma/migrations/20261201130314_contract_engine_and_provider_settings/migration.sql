-- CreateEnum
CREATE TYPE "Turn" AS ENUM ('ADVISOR', 'CUSTOMER', 'PROVIDER', 'NONE');

-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('NONE', 'PENDING', 'APPROVED', 'DECLINED', 'EXPIRED', 'VOID');

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "acceptUnsignedCallbacks" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "allowPrivateNetwork" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "idChunkSizeLearned" INTEGER,
ADD COLUMN     "idChunkSizeOverride" INTEGER,
ADD COLUMN     "pausedUntil" TIMESTAMP(3),
ADD COLUMN     "requestsPerSecond" INTEGER,
ADD COLUMN     "timeoutMs" INTEGER NOT NULL DEFAULT 10000;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "approvalState" "ApprovalState" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "duplicatedFromId" TEXT,
ADD COLUMN     "needsAttention" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "nextStep" TEXT NOT NULL DEFAULT 'send-proposal',
ADD COLUMN     "turn" "Turn" NOT NULL DEFAULT 'ADVISOR';

-- AlterTable
ALTER TABLE "ContractEvent" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'status';

-- CreateIndex
CREATE INDEX "Contract_organizationId_turn_statusChangedAt_id_idx" ON "Contract"("organizationId", "turn", "statusChangedAt", "id");

-- CreateIndex
CREATE INDEX "Contract_organizationId_advisorId_turn_idx" ON "Contract"("organizationId", "advisorId", "turn");

-- Backfill: whose turn from the status alone. lib/contracts/turn.ts refines it (approval state)
-- the next time each contract is written or read from its provider (no semicolons in comments:
-- the migration runner splits statements on them).
UPDATE "Contract" SET
  "turn" = (CASE WHEN "status" IN (120, 230, 240) THEN 'PROVIDER' WHEN "status" >= 300 THEN 'NONE' ELSE 'ADVISOR' END)::"Turn",
  "nextStep" = (CASE WHEN "status" = 0 THEN 'send-proposal' WHEN "status" = 110 THEN 'complete-data' WHEN "status" = 130 THEN 'send-approval' WHEN "status" >= 300 THEN 'none' ELSE 'wait-provider' END);
