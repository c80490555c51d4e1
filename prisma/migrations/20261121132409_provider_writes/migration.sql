-- CreateEnum
CREATE TYPE "WriteState" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "currency" TEXT,
ADD COLUMN     "description" TEXT;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "lastReadAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ProviderWrite" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "contractId" TEXT,
    "clientId" TEXT,
    "operation" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "state" "WriteState" NOT NULL DEFAULT 'PENDING',
    "response" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ProviderWrite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProviderWrite_idempotencyKey_key" ON "ProviderWrite"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ProviderWrite_contractId_createdAt_idx" ON "ProviderWrite"("contractId", "createdAt");

-- CreateIndex
CREATE INDEX "ProviderWrite_clientId_providerId_operation_state_idx" ON "ProviderWrite"("clientId", "providerId", "operation", "state");

-- AddForeignKey
ALTER TABLE "ProviderWrite" ADD CONSTRAINT "ProviderWrite_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderWrite" ADD CONSTRAINT "ProviderWrite_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderWrite" ADD CONSTRAINT "ProviderWrite_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;
