-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'BACK_OFFICE';

-- CreateTable
CREATE TABLE "OfficeSettings" (
    "organizationId" TEXT NOT NULL,
    "taskDueDays" INTEGER NOT NULL DEFAULT 2,
    "customerReminderEnabled" BOOLEAN NOT NULL DEFAULT true,
    "customerReminderHours" INTEGER NOT NULL DEFAULT 24,
    "advisorOverdueReminderEnabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficeSettings_pkey" PRIMARY KEY ("organizationId")
);
