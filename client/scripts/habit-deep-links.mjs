// A static build cannot prerender a page per habit id, so /habit/<id> is one
// shell page (dist/habit/index.html) that reads the id from the address bar.
// nginx and scripts/serve-static.mjs rewrite the URL in production; this Vite
// plugin does the same for `astro dev`.

/** Matches /habit/<id> and /habit/<id>/, not /habit/ itself. */
export const HABIT_DEEP_LINK = /^\/habit\/[^/?#]+\/?(?=$|[?#])/;

export const HABIT_SHELL_PATH = "/habit/";

/** @returns {import("vite").Plugin} */
export function habitDeepLinks() {
  return {
    name: "habit-deep-links",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && HABIT_DEEP_LINK.test(req.url)) {
          req.url = req.url.replace(HABIT_DEEP_LINK, HABIT_SHELL_PATH);
        }
        next();
      });
    },
  };
}
