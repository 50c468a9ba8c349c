import type { User } from "../../lib/schemas";
import DataSection from "./DataSection";
import DeleteAccountSection from "./DeleteAccountSection";
import PasswordSection from "./PasswordSection";
import TokensSection from "./TokensSection";

/** The settings below the profile: the account's security and its data. */
export default function AccountSections({ user }: { user: User }) {
  return (
    <>
      <PasswordSection user={user} />
      <TokensSection timeZone={user.timezone} />
      <DataSection />
      <DeleteAccountSection user={user} />
    </>
  );
}
