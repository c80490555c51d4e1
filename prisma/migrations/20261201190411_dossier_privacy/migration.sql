-- CreateTable
CREATE TABLE "ContractDossier" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractDossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacySettings" (
    "organizationId" TEXT NOT NULL,
    "contractRetentionYears" INTEGER NOT NULL DEFAULT 10,
    "otherRetentionYears" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacySettings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "ClientErasure" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "erasedById" TEXT,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kept" JSONB NOT NULL DEFAULT '[]',
    "purgedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ClientErasure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContractDossier_contractId_key" ON "ContractDossier"("contractId");

-- CreateIndex
CREATE INDEX "ContractDossier_organizationId_createdAt_idx" ON "ContractDossier"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClientErasure_clientId_key" ON "ClientErasure"("clientId");

-- CreateIndex
CREATE INDEX "ClientErasure_organizationId_erasedAt_idx" ON "ClientErasure"("organizationId", "erasedAt");

-- CreateIndex
CREATE INDEX "ClientErasure_completedAt_idx" ON "ClientErasure"("completedAt");
