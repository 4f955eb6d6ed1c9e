// Watching tenant SQL lanes from tests: no timing, only the lane's own state.
import { queryLaneStats, type LaneStats } from "@/lib/tenant-db";

/** The project's lane, if it has one. */
export function laneOf(scope: { projectId: string }): LaneStats | undefined {
  return queryLaneStats().lanes.find((lane) => lane.tenantKey === scope.projectId);
}

/** The project's lane once a call is running in its runner (polls; asserts nothing about time). */
export async function untilRunning(scope: { projectId: string }): Promise<LaneStats> {
  for (;;) {
    const lane = laneOf(scope);
    if (lane?.running) return lane;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
