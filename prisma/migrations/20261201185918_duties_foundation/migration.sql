-- CreateEnum
CREATE TYPE "AdviceChannel" AS ENUM ('IN_PERSON', 'PHONE', 'VIDEO');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('DATA_PROCESSING', 'CONTACT_EMAIL', 'CONTACT_PHONE', 'PROVIDER_SHARING');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('ADVISOR', 'CUSTOMER_LINK', 'API');

-- CreateEnum
CREATE TYPE "MailState" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "adviceRecordId" TEXT,
ADD COLUMN     "adviceSha256" TEXT;

-- CreateTable
CREATE TABLE "AdviceRecord" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "needs" TEXT NOT NULL,
    "advice" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "channel" "AdviceChannel" NOT NULL,
    "productsConsidered" JSONB NOT NULL DEFAULT '[]',
    "waived" BOOLEAN NOT NULL DEFAULT false,
    "waiverReason" TEXT,
    "completedAt" TIMESTAMP(3),
    "locale" TEXT NOT NULL,
    "pdf" BYTEA,
    "sha256" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdviceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "text" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    "approvalRequestId" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    "withdrawalSource" "ConsentSource",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueuedMail" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "state" "MailState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sendAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueuedMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdviceRecord_organizationId_createdAt_idx" ON "AdviceRecord"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AdviceRecord_contractId_version_key" ON "AdviceRecord"("contractId", "version");

-- CreateIndex
CREATE INDEX "Consent_clientId_purpose_givenAt_idx" ON "Consent"("clientId", "purpose", "givenAt");

-- CreateIndex
CREATE INDEX "Consent_organizationId_givenAt_idx" ON "Consent"("organizationId", "givenAt");

-- CreateIndex
CREATE UNIQUE INDEX "QueuedMail_dedupeKey_key" ON "QueuedMail"("dedupeKey");

-- CreateIndex
CREATE INDEX "QueuedMail_state_sendAfter_idx" ON "QueuedMail"("state", "sendAfter");

-- CreateIndex
CREATE INDEX "QueuedMail_organizationId_createdAt_idx" ON "QueuedMail"("organizationId", "createdAt");
