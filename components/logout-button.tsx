import { logOut } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';

/** A form, so logging out works without JavaScript and is a POST (a link could be prefetched). */
export function LogoutButton() {
  return (
    <form action={logOut}>
      <Button type="submit" variant="ghost">
        Log out
      </Button>
    </form>
  );
}
