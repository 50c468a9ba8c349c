// @ts-check
import react from "@astrojs/react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { habitDeepLinks } from "./scripts/habit-deep-links.mjs";

export default defineConfig({
  output: "static",
  server: { port: 4321 },
  integrations: [react()],
  vite: {
    // The contract names the API address VITE_API_URL; Astro alone exposes only PUBLIC_*.
    envPrefix: ["PUBLIC_", "VITE_"],
    plugins: [tailwindcss(), habitDeepLinks()],
    build: {
      rolldownOptions: {
        // Building a zod schema has no side effect: the generated validators
        // (src/generated/openapi/zod.gen.ts) that a page does not use are left out.
        treeshake: { manualPureFunctions: ["z"] },
        output: {
          // Two shared chunks instead of a dozen small ones (each file is gzipped on its own):
          // what every page runs, and what every island needs. A feature's own modules
          // (calendar, order, breaks, strength, the account's endpoints…) stay with the
          // pages that use them.
          codeSplitting: {
            groups: [
              { name: "shell", test: /\/src\/lib\/(session|toasts|toaster|dates|navigation|account|theme|modal)\.ts|zustand\/esm\/(vanilla|middleware)|astro\/dist\/transitions/, priority: 2 },
              { name: "app", test: /\/src\/lib\/(api|config|schemas|endpoints|habits|renewal|retry)\.ts|\/src\/generated\/|\/zod\/|\/src\/islands\/react\/(hooks|PartFailed|Modal|IslandErrorBoundary|icons|TodayActions)\./, priority: 1, minShareCount: 2 },
            ],
          },
        },
      },
    },
  },
});
