-- CreateEnum
CREATE TYPE "AiModelKind" AS ENUM ('server', 'custom');

-- CreateTable
CREATE TABLE "ProjectAiModel" (
    "projectId" UUID NOT NULL,
    "kind" "AiModelKind" NOT NULL,
    "provider" TEXT,
    "baseUrl" TEXT,
    "model" TEXT,
    "keyCiphertext" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectAiModel_pkey" PRIMARY KEY ("projectId")
);

-- AddForeignKey
ALTER TABLE "ProjectAiModel" ADD CONSTRAINT "ProjectAiModel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
