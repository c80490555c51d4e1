-- CreateIndex
CREATE INDEX "Contract_turn_lastReadAt_idx" ON "Contract"("turn", "lastReadAt");
