-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "defaultAdvisorId" TEXT,
ADD COLUMN     "unknownHolderPolicy" TEXT NOT NULL DEFAULT 'REVIEW';

-- CreateTable
CREATE TABLE "ProposalVersion" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "premium" DECIMAL(12,2),
    "currency" TEXT,
    "fileId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ids" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'RUNNING',
    "error" TEXT,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncReviewItem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "raw" JSONB NOT NULL DEFAULT '{}',
    "suggestedClientId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'OPEN',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderReadWarning" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "sampleId" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderReadWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderFile" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "contractId" TEXT,
    "kind" "DocumentKind" NOT NULL DEFAULT 'OTHER',
    "name" TEXT,
    "mime" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "proposalVersion" INTEGER,
    "raw" JSONB NOT NULL DEFAULT '{}',
    "remoteUpdatedAt" TIMESTAMP(3),
    "fetchState" TEXT NOT NULL DEFAULT 'NONE',
    "fetchAttempts" INTEGER NOT NULL DEFAULT 0,
    "fetchError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposalVersion_contractId_version_key" ON "ProposalVersion"("contractId", "version");

-- CreateIndex
CREATE INDEX "SyncRun_providerId_recordType_startedAt_idx" ON "SyncRun"("providerId", "recordType", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_state_idx" ON "SyncRun"("state");

-- CreateIndex
CREATE INDEX "SyncReviewItem_organizationId_state_createdAt_idx" ON "SyncReviewItem"("organizationId", "state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncReviewItem_providerId_recordType_remoteId_reason_key" ON "SyncReviewItem"("providerId", "recordType", "remoteId", "reason");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderReadWarning_providerId_recordType_field_key" ON "ProviderReadWarning"("providerId", "recordType", "field");

-- CreateIndex
CREATE INDEX "ProviderFile_fetchState_updatedAt_idx" ON "ProviderFile"("fetchState", "updatedAt");

-- CreateIndex
CREATE INDEX "ProviderFile_contractId_idx" ON "ProviderFile"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderFile_providerId_remoteId_key" ON "ProviderFile"("providerId", "remoteId");

-- AddForeignKey
ALTER TABLE "ProposalVersion" ADD CONSTRAINT "ProposalVersion_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncReviewItem" ADD CONSTRAINT "SyncReviewItem_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderReadWarning" ADD CONSTRAINT "ProviderReadWarning_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderFile" ADD CONSTRAINT "ProviderFile_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderFile" ADD CONSTRAINT "ProviderFile_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
