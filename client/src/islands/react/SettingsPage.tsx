import { IslandErrorBoundary } from "./IslandErrorBoundary";
import { useRequireSession, useSession } from "./hooks";
import ProfileSection from "./ProfileSection";

/**
 * `/settings`: one section per concern, each with its own heading and form.
 * Only sections that work are shown (the others come with their features).
 */
function SettingsContent() {
  const token = useRequireSession();
  const user = useSession((state) => state.user);
  if (!token || !user) return null;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
      <ProfileSection user={user} />
    </div>
  );
}

export default function SettingsPage() {
  return (
    <IslandErrorBoundary>
      <SettingsContent />
    </IslandErrorBoundary>
  );
}
