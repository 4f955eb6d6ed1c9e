-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "projectId" UUID,
ADD COLUMN     "readOnly" BOOLEAN NOT NULL DEFAULT false;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
