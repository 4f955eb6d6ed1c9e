-- AlterTable
ALTER TABLE "AiUsage" ADD COLUMN     "userId" UUID;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "address" TEXT;

-- CreateIndex
CREATE INDEX "AiUsage_userId_createdAt_idx" ON "AiUsage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- Tokens spent before this migration count against the user who started their run.
UPDATE "AiUsage" SET "userId" = "AgentRun"."userId" FROM "AgentRun" WHERE "AiUsage"."runId" = "AgentRun"."id";
