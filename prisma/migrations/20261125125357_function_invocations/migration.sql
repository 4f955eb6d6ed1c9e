-- CreateEnum
CREATE TYPE "InvocationStatus" AS ENUM ('ok', 'error');

-- CreateTable
CREATE TABLE "FunctionInvocation" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "functionName" TEXT NOT NULL,
    "versionId" UUID,
    "env" "EnvName" NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "InvocationStatus" NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "durationMs" INTEGER NOT NULL,
    "cpuMs" INTEGER NOT NULL,
    "cold" BOOLEAN NOT NULL DEFAULT false,
    "logs" JSONB NOT NULL DEFAULT '[]',
    "logsTruncated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FunctionInvocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FunctionInvocation_projectId_functionName_createdAt_idx" ON "FunctionInvocation"("projectId", "functionName", "createdAt");

-- CreateIndex
CREATE INDEX "FunctionInvocation_versionId_idx" ON "FunctionInvocation"("versionId");

-- AddForeignKey
ALTER TABLE "FunctionInvocation" ADD CONSTRAINT "FunctionInvocation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunctionInvocation" ADD CONSTRAINT "FunctionInvocation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FunctionVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
