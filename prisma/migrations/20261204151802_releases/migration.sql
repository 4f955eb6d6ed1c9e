-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('pending', 'live', 'failed');

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "error" TEXT,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "migrationsApplied" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "previousId" UUID,
ADD COLUMN     "restoredData" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "status" "DeploymentStatus" NOT NULL DEFAULT 'pending';

-- AlterTable
ALTER TABLE "ReleaseArtifact" ADD COLUMN     "functionVersionId" UUID,
ADD COLUMN     "mfeVersionId" UUID;

-- CreateIndex
CREATE INDEX "ReleaseArtifact_mfeVersionId_idx" ON "ReleaseArtifact"("mfeVersionId");

-- CreateIndex
CREATE INDEX "ReleaseArtifact_functionVersionId_idx" ON "ReleaseArtifact"("functionVersionId");

-- AddForeignKey
ALTER TABLE "ReleaseArtifact" ADD CONSTRAINT "ReleaseArtifact_mfeVersionId_fkey" FOREIGN KEY ("mfeVersionId") REFERENCES "MfeVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseArtifact" ADD CONSTRAINT "ReleaseArtifact_functionVersionId_fkey" FOREIGN KEY ("functionVersionId") REFERENCES "FunctionVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
