-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "dispatchedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "inApp" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","event")
);

-- CreateIndex
CREATE INDEX "ContractEvent_contractId_at_kind_toStatus_idx" ON "ContractEvent"("contractId", "at", "kind", "toStatus");

-- CreateIndex
CREATE INDEX "Notification_dispatchedAt_idx" ON "Notification"("dispatchedAt");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Notifications written before this migration have been shown already, so they are never mailed.
UPDATE "Notification" SET "dispatchedAt" = "createdAt" WHERE "dispatchedAt" IS NULL;
