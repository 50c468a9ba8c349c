import { lazy, Suspense } from "react";
import { IslandErrorBoundary } from "./IslandErrorBoundary";
import { useRequireSession, useSession } from "./hooks";
import ProfileSection from "./ProfileSection";

// Below the profile, and more code than the rest of the page: it follows the page (the JS budget).
const AccountSections = lazy(() => import("./AccountSections"));

function SectionsPlaceholder() {
  return (
    <div role="status" aria-label="Loading the account settings" className="flex flex-col gap-6">
      {[0, 1].map((index) => (
        <div key={index} className="card h-72 animate-pulse" />
      ))}
    </div>
  );
}

/** `/settings`: one section per concern, each with its own heading, form and failures. */
function SettingsContent() {
  const token = useRequireSession();
  const user = useSession((state) => state.user);
  if (!token || !user) return null;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
      <ProfileSection user={user} />
      <Suspense fallback={<SectionsPlaceholder />}>
        <AccountSections user={user} />
      </Suspense>
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
