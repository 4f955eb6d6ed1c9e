-- AlterTable
ALTER TABLE "AgentRun" ADD COLUMN     "filesChanged" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "undoneAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;
