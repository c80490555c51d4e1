-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "defaultLocale" TEXT NOT NULL DEFAULT 'de';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "locale" TEXT;
